/**
 * `grouping(col)` and `grouping_id(cols...)` in an aggregate, checked as Spark's analyzer
 * checks them: only with ROLLUP, CUBE or GROUPING SETS; `grouping` of a grouping column;
 * `grouping_id` of no column (then of every grouping column) or of exactly the grouping
 * columns, in order. Bit i of grouping_id is 1 when the i-th grouping column (the first
 * being the most significant) is aggregated away in the row's set.
 */
import { AnalysisError } from "../errors.js";
import { CallNode } from "../plan/expression/call.js";
import { outputName } from "../plan/expression/name.js";
import type { ExprNode } from "../plan/node.js";
import type { GroupType } from "../plan/relation/aggregate.js";
import { mapExpr } from "./rewrite.js";

const GROUPING = new Set(["grouping", "grouping_id"]);

const nameOf = (e: ExprNode) => outputName(e).toLowerCase();

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

/** `e` with `grouping_id()` spelled out over `keys`; fails where Spark's analyzer fails. */
export function resolveGrouping(e: ExprNode, type: GroupType, keys: readonly ExprNode[]): ExprNode {
  return mapExpr(e, (n) => {
    if (n.kind !== "call" || !GROUPING.has(n.name)) return undefined;
    if (type === "groupby") {
      throw new AnalysisError(
        "UNSUPPORTED_GROUPING_EXPRESSION",
        "[UNSUPPORTED_GROUPING_EXPRESSION] grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup.",
        { hint: "Group with ROLLUP(...), CUBE(...) or GROUPING SETS (...)." },
      );
    }
    const names = keys.map(nameOf);
    if (n.name === "grouping") {
      const [arg] = n.args;
      if (arg === undefined || !names.includes(nameOf(arg))) throw mismatch(n, keys);
      return undefined;
    }
    if (n.args.length === 0) return CallNode.create("grouping_id", keys);
    const same = n.args.length === keys.length && n.args.every((a, i) => nameOf(a) === names[i]);
    if (!same) throw mismatch(n, keys);
    return undefined;
  });
}
