/**
 * union / intersect / except. By position (Spark's `union`) the column counts must match;
 * by name (`unionByName`) right's columns are reordered to left's, and with
 * `allowMissingColumns` the missing ones are nulls on either side.
 */
import { AnalysisError } from "../../../errors.js";
import type { SetOpNode } from "../../../plan/relation/set-op.js";
import type { DataType } from "../../../types/data-types.js";
import { widerType } from "../functions/coercion.js";
import { alignFields } from "../functions/same-shape.js";
import { quoteIdent } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
import { castSql } from "./cast.js";
import type { ExprContext } from "./expression.js";
import { type CompiledRelation, pass } from "./relation-types.js";
import type { OutCol } from "./scope.js";
import { containsVoid } from "./void-type.js";

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function nullOf(col: OutCol): string {
  return col.dataType === undefined ? "NULL" : `CAST(NULL AS ${toDuckDBType(col.dataType)})`;
}

/**
 * A column's type across both sides: a void side (an untyped NULL) takes the other side's
 * type, as Spark widens NullType; void only when both are.
 */
function withOtherSide(col: OutCol, other: OutCol | undefined): OutCol {
  if (other === undefined || !containsVoid(col.dataType) || containsVoid(other.dataType))
    return col;
  return { ...col, dataType: other.dataType };
}

function byName(
  node: SetOpNode,
  left: CompiledRelation,
  right: CompiledRelation,
): { l: string[]; r: string[]; columns: OutCol[] } {
  const l: string[] = [];
  const r: string[] = [];
  const columns: OutCol[] = [];
  for (const lc of left.columns) {
    const rc = right.columns.find((c) => same(c.name, lc.name));
    if (rc === undefined && !node.allowMissingColumns) {
      throw new AnalysisError(
        "NUM_COLUMNS_MISMATCH",
        `Cannot resolve column \`${lc.name}\` of the left DataFrame among the right's columns (${right.columns.map((c) => c.name).join(", ")}).`,
        { hint: "Use unionByName(other, true) to fill missing columns with nulls." },
      );
    }
    l.push(quoteIdent(lc.sqlName));
    r.push(rc === undefined ? nullOf(lc) : quoteIdent(rc.sqlName));
    columns.push(withOtherSide(pass(lc, node.planId), rc));
  }
  for (const rc of right.columns) {
    if (left.columns.some((c) => same(c.name, rc.name))) continue;
    if (!node.allowMissingColumns) {
      throw new AnalysisError(
        "NUM_COLUMNS_MISMATCH",
        `Column \`${rc.name}\` of the right DataFrame is not in the left DataFrame.`,
        {
          hint: "Use unionByName(other, true) to fill missing columns with nulls.",
        },
      );
    }
    l.push(nullOf(rc));
    r.push(quoteIdent(rc.sqlName));
    columns.push({ ...rc, planIds: [node.planId], qualifiers: [] });
  }
  return { l, r, columns };
}

export function compileSetOp(
  node: SetOpNode,
  left: CompiledRelation,
  right: CompiledRelation,
  ctx: Pick<ExprContext, "ansi" | "timeZone">,
): CompiledRelation {
  let lList: string[];
  let rList: string[];
  let columns: OutCol[];
  if (node.byName) {
    ({ l: lList, r: rList, columns } = byName(node, left, right));
  } else {
    if (left.columns.length !== right.columns.length) {
      throw new AnalysisError(
        "NUM_COLUMNS_MISMATCH",
        `${node.op} can only be performed on inputs with the same number of columns, but the left has ${left.columns.length} and the right has ${right.columns.length}.`,
        { hint: "Select the same columns on both sides, or use unionByName." },
      );
    }
    lList = left.columns.map((c) => quoteIdent(c.sqlName));
    // Spark pairs nested struct fields by position, under the left's names (DuckDB would
    // unify them by name: each side's fields null in the other's rows).
    rList = right.columns.map((c, i) =>
      alignFields(quoteIdent(c.sqlName), left.columns[i]?.dataType, c.dataType),
    );
    columns = left.columns.map((c, i) => withOtherSide(pass(c, node.planId), right.columns[i]));
  }
  ({ l: lList, r: rList, columns } = widened(node, lList, rList, columns, right, ctx));
  const op = `${node.op.toUpperCase()}${node.isAll || node.op === "union" ? " ALL" : ""}`;
  const lSql = `SELECT ${lList.map((x, i) => `${x} AS ${quoteIdent(columns[i]?.sqlName ?? "")}`).join(", ")} FROM (${left.sql}) AS ${quoteIdent(`l${node.planId}`)}`;
  const rSql = `SELECT ${rList.join(", ")} FROM (${right.sql}) AS ${quoteIdent(`r${node.planId}`)}`;
  return { sql: `(${lSql}) ${op} (${rSql})`, columns };
}

const ORDINALS = ["first", "second", "third"];

/**
 * Each column under Spark's wider type of its two sides (WidenSetOperationTypes): DuckDB's
 * own choice differs (a string and a number, a bigint and a decimal, a float and a decimal).
 * Nested types keep DuckDB's (their field names are aligned above); two atomic types with no
 * common type are refused, as Spark refuses them.
 */
function widened(
  node: SetOpNode,
  l: readonly string[],
  r: readonly string[],
  columns: readonly OutCol[],
  right: CompiledRelation,
  ctx: Pick<ExprContext, "ansi" | "timeZone">,
): { l: string[]; r: string[]; columns: OutCol[] } {
  const out = { l: [...l], r: [...r], columns: [...columns] };
  for (const [i, col] of columns.entries()) {
    const rc = node.byName ? right.columns.find((c) => same(c.name, col.name)) : right.columns[i];
    const a = col.dataType;
    const b = rc?.dataType;
    if (a === undefined || b === undefined || a.simpleString() === b.simpleString()) continue;
    if (!(isAtomic(a) && isAtomic(b))) continue;
    const to = widerType(a, b, ctx.ansi);
    if (to === undefined) {
      const nth = ORDINALS[i] ?? `${i + 1}th`;
      throw new AnalysisError(
        "INCOMPATIBLE_COLUMN_TYPE",
        `[INCOMPATIBLE_COLUMN_TYPE] ${node.op.toUpperCase()} can only be performed on tables with compatible column types. The ${nth} column of the second table is "${b.simpleString().toUpperCase()}" type which is not compatible with "${a.simpleString().toUpperCase()}" at the same column of the first table.`,
        { hint: "Cast the column on one side to the other side's type." },
      );
    }
    out.l[i] = castSql(out.l[i] ?? "NULL", a, to, false, ctx.ansi, ctx.timeZone);
    out.r[i] = castSql(out.r[i] ?? "NULL", b, to, false, ctx.ansi, ctx.timeZone);
    out.columns[i] = { ...col, dataType: to };
  }
  return out;
}

function isAtomic(t: DataType): boolean {
  return !["array", "map", "struct"].includes(t.typeName);
}
