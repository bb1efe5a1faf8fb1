/**
 * union / intersect / except. By position (Spark's `union`) the column counts must match;
 * by name (`unionByName`) right's columns are reordered to left's, and with
 * `allowMissingColumns` the missing ones are nulls on either side.
 */
import { AnalysisError } from "../../../errors.js";
import type { SetOpNode } from "../../../plan/relation/set-op.js";
import { alignFields } from "../functions/same-shape.js";
import { quoteIdent } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
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
  const op = `${node.op.toUpperCase()}${node.isAll || node.op === "union" ? " ALL" : ""}`;
  const lSql = `SELECT ${lList.map((x, i) => `${x} AS ${quoteIdent(columns[i]?.sqlName ?? "")}`).join(", ")} FROM (${left.sql}) AS ${quoteIdent(`l${node.planId}`)}`;
  const rSql = `SELECT ${rList.join(", ")} FROM (${right.sql}) AS ${quoteIdent(`r${node.planId}`)}`;
  return { sql: `(${lSql}) ${op} (${rSql})`, columns };
}
