/**
 * Spark's arithmetic: result types after its widening rules (decimals by
 * `DecimalPrecision`), integers that wrap like Java's without ANSI, fail with
 * ARITHMETIC_OVERFLOW with it and give null in `try_*`; `/` is fractional; a zero divisor
 * gives null (DIVIDE_BY_ZERO in ANSI mode).
 */
import { AnalysisError } from "../../../errors.js";
import {
  type DataType,
  type DecimalType,
  DoubleType,
  isNumeric,
  LongType,
} from "../../../types/data-types.js";
import {
  asDecimal,
  type DecimalOp,
  decimalResult,
  exactDecimal,
} from "../../../types/decimal-precision.js";
import { raiseSql, text } from "../runtime-errors.js";
import { toDuckDBType } from "../type-mapper.js";
import { narrowDecimalSql, narrowOrWide } from "./decimal-narrow.js";
import {
  huge,
  integralBits,
  integralDuckType,
  integralRange,
  isIntegralType,
  wrapSql,
} from "./integral.js";
import type { FnArg, FnContext } from "./types.js";

/** `legacy` wraps or gives null, `ansi` fails, `try` gives null (try_add...). */
export type ArithmeticMode = "legacy" | "ansi" | "try";

export const modeOf = (ctx: FnContext): ArithmeticMode => (ctx.ansi ? "ansi" : "legacy");

export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "div";

const RANK: Readonly<Record<string, number>> = {
  byte: 1,
  short: 2,
  integer: 3,
  long: 4,
  decimal: 5,
  float: 6,
  double: 7,
};

/** The literal value of an integral literal argument, for Spark's minimal literal decimals. */
function literalOf(a: FnArg): bigint | number | undefined {
  if (a.node.kind !== "literal") return undefined;
  const v = a.node.value;
  return typeof v === "bigint" || typeof v === "number" ? v : undefined;
}

/** The decimal operands of `a op b` when decimal arithmetic applies, else undefined. */
function decimalOperands(a: FnArg, b: FnArg): [DecimalType, DecimalType] | undefined {
  const [ta, tb] = [a.type, b.type];
  if (ta === undefined || tb === undefined) return undefined;
  if (ta.typeName !== "decimal" && tb.typeName !== "decimal") return undefined;
  const da = asDecimal(ta, literalOf(a));
  const db = asDecimal(tb, literalOf(b));
  return da === undefined || db === undefined ? undefined : [da, db];
}

/** Spark's common type of two numeric operands (non-decimal), by its widening order. */
function wider(a: DataType, b: DataType, ansi: boolean): DataType {
  const [ra, rb] = [RANK[a.typeName] ?? 0, RANK[b.typeName] ?? 0];
  const w = ra >= rb ? a : b;
  // ANSI coercion refuses to widen a long (or decimal) to float: both become double.
  const other = w === a ? b : a;
  if (ansi && w.typeName === "float" && (other.typeName === "long" || other.typeName === "decimal"))
    return DoubleType;
  return w;
}

/** The Spark result type of `a op b`, when both operand types are known numbers. */
export function binaryType(
  op: BinaryOp,
  a: FnArg | undefined,
  b: FnArg | undefined,
  ansi = false,
): DataType | undefined {
  // Spark's integral division is a long whatever its operands.
  if (op === "div") return LongType;
  if (a?.type === undefined || b?.type === undefined) return a?.type ?? b?.type;
  if (!isNumeric(a.type) || !isNumeric(b.type)) return undefined;
  const decimals = decimalOperands(a, b);
  const fractional = (t: DataType): boolean => t.typeName === "double" || t.typeName === "float";
  if (decimals !== undefined && !fractional(a.type) && !fractional(b.type))
    return decimalResult(op as DecimalOp, decimals[0], decimals[1]);
  if (op === "/") return DoubleType;
  return wider(a.type, b.type, ansi);
}

/** The narrow form of decimal `a op b` (functions/decimal-narrow.ts), when it has one. */
export function binaryNarrow(op: BinaryOp, args: readonly FnArg[]): string | undefined {
  const [a, b] = [args[0], args[1]];
  if (a === undefined || b === undefined) return undefined;
  if (op !== "+" && op !== "-" && op !== "*") return undefined;
  const decimals = decimalOperands(a, b);
  if (decimals === undefined || binaryType(op, a, b)?.typeName !== "decimal") return undefined;
  return narrowDecimalSql(op, a, b, decimals, decimalResult(op, decimals[0], decimals[1]));
}

/** The divisor, or null for 0 (ANSI: DIVIDE_BY_ZERO). */
function divisor(sql: string, mode: ArithmeticMode): string {
  if (mode !== "ansi") return `NULLIF(${sql}, 0)`;
  return `CASE WHEN ${sql} = 0 THEN ${raiseSql("DIVIDE_BY_ZERO", text("Division by zero."))} ELSE ${sql} END`;
}

/** Both operands cast to their decimal types. */
function castOperands(a: FnArg, b: FnArg, [da, db]: [DecimalType, DecimalType]): [string, string] {
  return [`CAST(${a.sql} AS ${toDuckDBType(da)})`, `CAST(${b.sql} AS ${toDuckDBType(db)})`];
}

function decimalSql(
  op: BinaryOp,
  a: FnArg,
  b: FnArg,
  operands: [DecimalType, DecimalType],
  mode: ArithmeticMode,
): string {
  const [da, db] = operands;
  const [x, y] = castOperands(a, b, operands);
  if (op === "div") {
    return `CAST(tributary_decimal('div', CAST(${x} AS VARCHAR), CAST(${y} AS VARCHAR), 38, 0, ${mode === "ansi"}) AS BIGINT)`;
  }
  const result = decimalResult(op, da, db);
  const duck = toDuckDBType(result);
  const exact = exactDecimal(op, da, db).precision;
  // Within 18 digits DuckDB's 64-bit arithmetic is exact and cannot overflow.
  if ((op === "+" || op === "-" || op === "*") && exact <= 18)
    return `CAST((${x} ${op} ${y}) AS ${duck})`;
  const narrow = narrowDecimalSql(op, a, b, operands, result);
  const wide = wideDecimalSql(op, a, b, operands, mode);
  return narrow === undefined ? wide : `CAST(${narrowOrWide(narrow, wide)} AS ${duck})`;
}

/** `a op b` in DuckDB's 128-bit decimals, or the exact UDF past 38 digits. */
function wideDecimalSql(
  op: "+" | "-" | "*" | "/" | "%",
  a: FnArg,
  b: FnArg,
  operands: [DecimalType, DecimalType],
  mode: ArithmeticMode,
): string {
  const [da, db] = operands;
  const [x, y] = castOperands(a, b, operands);
  const result = decimalResult(op, da, db);
  const duck = toDuckDBType(result);
  // DuckDB's exact 128-bit decimals give + - * as long as the exact result fits 38 digits.
  // Two operands of 18 digits or fewer would be multiplied (added) in 64 bits, with an
  // overflow error past 18 digits: the first one is widened so the operation is 128-bit.
  if ((op === "+" || op === "-" || op === "*") && exactDecimal(op, da, db).precision <= 38)
    return `CAST((CAST(${x} AS DECIMAL(38,${da.scale})) ${op} ${y}) AS ${duck})`;
  const udf = `CAST(tributary_decimal('${op}', CAST(${x} AS VARCHAR), CAST(${y} AS VARCHAR), ${result.precision}, ${result.scale}, ${mode === "ansi"}) AS ${duck})`;
  // A product past 38 digits whose scale Spark keeps whole (decimal(32,4) * decimal(16,2) ->
  // decimal(38,6), TPC-H's charge) is DuckDB's exact DECIMAL(38, s1 + s2) product while it
  // fits: native for every row a double estimate puts an order of magnitude below the limit,
  // the exact UDF (overflow -> null or Spark's error) only for the rest. CASE evaluates the
  // native product on the rows it selects alone, so DuckDB's overflow error never fires.
  if (op === "*" && result.scale === da.scale + db.scale) {
    const estimate = `abs(CAST(${x} AS DOUBLE) * CAST(${y} AS DOUBLE))`;
    // A null operand takes the native branch too: its product is null either way.
    return `CASE WHEN coalesce(${estimate} < 1e${37 - result.scale}, true) THEN CAST((${x} * ${y}) AS ${duck}) ELSE ${udf} END`;
  }
  return udf;
}

/** The value of an integer literal operand (`7`, `-1`, `CAST(7 AS BIGINT)`), else undefined. */
function integerConstant(sql: string): bigint | undefined {
  const m = /^\(?(?:CAST\()?(-?\d+)(?: AS [A-Z]+\))?\)?$/.exec(sql.trim());
  return m?.[1] === undefined ? undefined : BigInt(m[1]);
}

function integralSql(op: BinaryOp, x: string, y: string, t: DataType, mode: ArithmeticMode) {
  const bits = integralBits(t) ?? 64;
  const duck = integralDuckType(t);
  // By a constant other than 0 and -1, `%` and `div` cannot overflow: native width, not the
  // 128-bit path (DuckDB's HUGEINT remainder is ~60x slower than BIGINT's).
  const c = integerConstant(y);
  const { min, max } = integralRange(bits);
  if (
    (op === "%" || op === "div") &&
    c !== undefined &&
    c !== 0n &&
    c !== -1n &&
    c >= min &&
    c <= max
  )
    return op === "%"
      ? `(CAST(${x} AS ${duck}) % CAST(${c} AS ${duck}))`
      : `CAST(CAST(${x} AS BIGINT) // ${c} AS BIGINT)`;
  // In 128 bits, where MIN_VALUE % -1 does not overflow; a remainder always fits back.
  if (op === "%") return `CAST(${huge(x)} % ${divisor(huge(y), mode)} AS ${duck})`;
  const wide = `(${huge(x)} ${op === "div" ? "//" : op} ${op === "div" ? divisor(huge(y), mode) : huge(y)})`;
  if (mode === "legacy") return wrapSql(wide, bits, duck);
  if (mode === "try") return `TRY_CAST(${wide} AS ${duck})`;
  // DuckDB's own checked arithmetic: its overflow maps to ARITHMETIC_OVERFLOW.
  if (op === "div") return `CAST(${wide} AS ${duck})`;
  return `(CAST(${x} AS ${duck}) ${op} CAST(${y} AS ${duck}))`;
}

/**
 * An operand of unknown type (a lambda variable) leaves the width to DuckDB: wrapping it
 * into a guessed integer type could truncate a double.
 */
function untypedSql(op: BinaryOp, x: string, y: string, mode: ArithmeticMode): string {
  if (op === "/") return `(CAST(${x} AS DOUBLE) / ${divisor(`CAST(${y} AS DOUBLE)`, mode)})`;
  if (op === "div") return `CAST(trunc(${x} / ${divisor(y, mode)}) AS BIGINT)`;
  if (op === "%") return `(${x} % ${divisor(y, mode)})`;
  return `(${x} ${op} ${y})`;
}

/** The SQL of `a op b` with Spark's semantics. */
export function binarySql(op: BinaryOp, args: readonly FnArg[], mode: ArithmeticMode): string {
  const [a, b] = [args[0], args[1]];
  if (a === undefined || b === undefined) throw new RangeError(`${op} takes two arguments`);
  if (a.type === undefined || b.type === undefined) return untypedSql(op, a.sql, b.sql, mode);
  const fractional = (t: DataType): boolean => t.typeName === "double" || t.typeName === "float";
  if (op === "div" && (fractional(a.type) || fractional(b.type))) {
    // Spark's integral division takes integers and decimals only.
    const sameType = a.type.typeName === b.type.typeName;
    throw new AnalysisError(
      `DATATYPE_MISMATCH.${sameType ? "BINARY_OP_WRONG_TYPE" : "BINARY_OP_DIFF_TYPES"}`,
      `\`div\` takes integers or decimals, not ${a.type.simpleString()} and ${b.type.simpleString()}.`,
      { hint: "Cast the operands to an integer or decimal type, or use floor(a / b)." },
    );
  }
  const decimals = decimalOperands(a, b);
  const t = binaryType(op, a, b, mode === "ansi");
  if (decimals !== undefined && (t?.typeName === "decimal" || op === "div"))
    return decimalSql(op, a, b, decimals, mode);
  if (op === "/")
    return `(CAST(${a.sql} AS DOUBLE) / ${divisor(`CAST(${b.sql} AS DOUBLE)`, mode)})`;
  if (op === "div" || (t !== undefined && isIntegralType(t)))
    return integralSql(op, a.sql, b.sql, op === "div" ? LongType : (t ?? LongType), mode);
  if (op === "%") return `(${a.sql} % ${divisor(b.sql, mode)})`;
  if (t === undefined) return `(${a.sql} ${op} ${b.sql})`;
  const duck = toDuckDBType(t);
  return `(CAST(${a.sql} AS ${duck}) ${op} CAST(${b.sql} AS ${duck}))`;
}

/** `-a` / `abs(a)`: Java's wrap for the minimum integer without ANSI, an overflow with it. */
export function unarySql(fn: "-" | "abs", a: FnArg | undefined, mode: ArithmeticMode): string {
  const sql = a?.sql ?? "NULL";
  const t = a?.type;
  const apply = (x: string): string => (fn === "-" ? `(- ${x})` : `abs(${x})`);
  if (t === undefined || !isIntegralType(t)) return apply(sql);
  const bits = integralBits(t) ?? 64;
  const duck = integralDuckType(t);
  if (mode === "legacy") return wrapSql(apply(huge(sql)), bits, duck);
  if (mode === "try") return `TRY_CAST(${apply(huge(sql))} AS ${duck})`;
  return apply(`CAST(${sql} AS ${duck})`);
}

/** Spark's `pmod`: the remainder with the divisor's sign rules of `(r + n) % n` when r < 0. */
export function pmodSql(args: readonly FnArg[], mode: ArithmeticMode): string {
  const r = binarySql("%", args, mode);
  const n = args[1]?.sql ?? "NULL";
  return `CASE WHEN ${r} < 0 THEN (${r} + ${n}) % ${n} ELSE ${r} END`;
}
