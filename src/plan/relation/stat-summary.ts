import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/**
 * `describe(...cols)` / `summary(...statistics)`: one row per statistic, a `summary` column
 * naming it, then one string column per numeric or string input column (Spark Connect's
 * StatDescribe / StatSummary). `columns` is set by `describe` with explicit columns.
 */
export interface StatSummaryNode {
  readonly kind: "statSummary";
  readonly planId: number;
  readonly input: RelationNode;
  readonly statistics: readonly string[];
  readonly columns: readonly string[] | undefined;
}

export const StatSummaryNode = {
  create(
    input: RelationNode,
    statistics: readonly string[],
    columns?: readonly string[],
  ): StatSummaryNode {
    return Object.freeze({
      kind: "statSummary",
      planId: nextPlanId(),
      input,
      statistics: Object.freeze([...statistics]),
      columns: columns === undefined ? undefined : Object.freeze([...columns]),
    });
  },
};
