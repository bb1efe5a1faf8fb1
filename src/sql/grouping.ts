/**
 * `grouping(col)` and `grouping_id(cols...)` in an aggregate, checked as Spark's analyzer
 * checks them: only with ROLLUP, CUBE or GROUPING SETS; `grouping` of a grouping column;
 * `grouping_id` of no column (then of every grouping column) or of exactly the grouping
 * columns, in order. Bit i of grouping_id is 1 when the i-th grouping column (the first
 * being the most significant) is aggregated away in the row's set.
 */
import { AnalysisError } from "../errors.js";
import { CallNode } from "../plan/expression/call.js";
import { outputName, splitAttribute } from "../plan/expression/name.js";
import type { ExprNode } from "../plan/node.js";
import type { GroupType } from "../plan/relation/aggregate.js";
import { mapExpr } from "./rewrite.js";

const GROUPING = new Set(["grouping", "grouping_id"]);

/** How grouping() matches a key: a column by its last name part (`e.dept` is `dept`). */
export function groupingName(e: ExprNode): string {
  const name = e.kind === "column" ? (splitAttribute(e.name).at(-1) ?? e.name) : outputName(e);
  return name.toLowerCase();
}

function mismatch(e: CallNode, keys: readonly ExprNode[]): AnalysisError {
  const grouping = keys.map(outputName).join(",");
  return e.name === "grouping"
    ? new AnalysisError(
        "GROUPING_COLUMN_MISMATCH",
        `[GROUPING_COLUMN_MISMATCH] Column of grouping (${e.args.map(outputName).join(",")}) can't be found in grouping columns ${grouping}.`,
        { hint: "Pass grouping() one of the GROUP BY columns." },
      )
    : new AnalysisError(
        "GROUPING_ID_COLUMN_MISMATCH",
        `[GROUPING_ID_COLUMN_MISMATCH] Columns of grouping_id (${e.args.map(outputName).join(",")}) does not match grouping columns (${grouping}).`,
        { hint: "Call grouping_id() with no argument, or with every GROUP BY column in order." },
      );
}

/**
 * `e` with `grouping_id()` spelled out over `keys`; fails where Spark's analyzer fails.
 * `names` are the keys as grouping() matches them (`groupingName`), "" for a key written as
 * a select-list alias, which Spark's grouping() cannot name.
 */
export function resolveGrouping(
  e: ExprNode,
  type: GroupType,
  keys: readonly ExprNode[],
  names: readonly string[],
): ExprNode {
  return mapExpr(e, (n) => {
    if (n.kind !== "call" || !GROUPING.has(n.name)) return undefined;
    if (type === "groupby") {
      throw new AnalysisError(
        "UNSUPPORTED_GROUPING_EXPRESSION",
        "[UNSUPPORTED_GROUPING_EXPRESSION] grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.",
        { hint: "Group with ROLLUP(...), CUBE(...) or GROUPING SETS (...)." },
      );
    }
    const args = n.args.map((a) => keys[names.indexOf(groupingName(a))]);
    if (n.name === "grouping") {
      const [arg] = args;
      if (args.length !== 1 || arg === undefined) throw mismatch(n, keys);
      return CallNode.create("grouping", [arg]);
    }
    if (n.args.length === 0) return CallNode.create("grouping_id", keys);
    const same = args.length === keys.length && args.every((a, i) => a === keys[i]);
    if (!same) throw mismatch(n, keys);
    return CallNode.create("grouping_id", keys);
  });
}
