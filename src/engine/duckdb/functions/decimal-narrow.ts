/**
 * Spark's exact decimal `+ - *` in 64 bits. Spark gives these exactly (the result keeps the
 * operands' whole scale) in up to 38 digits, which DuckDB's 128-bit decimals match but at
 * several times the cost of its 64-bit ones (TPC-H q1's charge `p * (1 - d) * (1 + t)`,
 * a `decimal(38,6)`, ran 4x slower than DuckDB's own plan of the same text).
 *
 * The narrow form of such a result is DuckDB's native arithmetic over the operands' narrow
 * forms: DuckDB keeps it in 64 bits (`DECIMAL(18, s)`) and raises an overflow error past 18
 * digits, so it is the exact value or an error, never a rounded one. `TRY(narrow)` is then
 * the exact value or null, and callers fall back to the 128-bit form only where it is null.
 * A narrow form is built from column references, literals and arithmetic alone: it calls no
 * volatile function (DuckDB refuses TRY over one) and fails only by overflowing.
 */
import type { ExprNode } from "../../../plan/node.js";
import type { DataType, DecimalType } from "../../../types/data-types.js";
import { asDecimal, type DecimalOp, exactDecimal } from "../../../types/decimal-precision.js";
import { toDuckDBType } from "../type-mapper.js";
import type { FnArg } from "./types.js";

/** The most digits of a 64-bit DuckDB decimal. */
const NARROW_DIGITS = 18;

function unaliased(node: ExprNode): ExprNode {
  return node.kind === "alias" ? unaliased(node.expr) : node;
}

/** The decimal a narrow operand stands for, when it is one of at most 18 digits. */
function narrowType(t: DataType | undefined, literal: ExprNode): DecimalType | undefined {
  if (t === undefined || t.typeName === "long") return undefined;
  const value = literal.kind === "literal" ? literal.value : undefined;
  const d = asDecimal(
    t,
    typeof value === "bigint" || typeof value === "number" ? value : undefined,
  );
  return d !== undefined && d.precision <= NARROW_DIGITS ? d : undefined;
}

/** The narrow SQL of an operand: its own narrow form, or a plain column or literal. */
function narrowOperand(a: FnArg): string | undefined {
  if (a.narrowSql !== undefined) return a.narrowSql;
  const node = unaliased(a.node);
  if (node.kind !== "column" && node.kind !== "literal") return undefined;
  const d = narrowType(a.type, node);
  if (d === undefined) return undefined;
  return a.type?.typeName === "decimal" ? a.sql : `CAST(${a.sql} AS ${toDuckDBType(d)})`;
}

/**
 * The narrow form of `a op b` (see the module comment), when Spark's result `result` is the
 * exact value (its scale is the exact scale) and both operands have narrow forms.
 */
export function narrowDecimalSql(
  op: DecimalOp,
  a: FnArg,
  b: FnArg,
  operands: readonly [DecimalType, DecimalType],
  result: DecimalType,
): string | undefined {
  if (op !== "+" && op !== "-" && op !== "*") return undefined;
  const exact = exactDecimal(op, operands[0], operands[1]);
  if (result.scale !== exact.scale || exact.scale > NARROW_DIGITS) return undefined;
  const [x, y] = [narrowOperand(a), narrowOperand(b)];
  return x === undefined || y === undefined ? undefined : `(${x} ${op} ${y})`;
}

/** `TRY(narrow)`, else the 128-bit SQL: the exact value of a result past 18 digits. */
export function narrowOrWide(narrow: string, wide: string): string {
  return `coalesce(TRY(${narrow}), ${wide})`;
}
