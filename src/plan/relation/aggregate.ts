import type { ExprNode, RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

export type GroupType = "groupby" | "rollup" | "cube";

/** `groupBy(...).agg(...)`; output columns are the grouping keys, then the aggregates. */
export interface AggregateNode {
  readonly kind: "aggregate";
  readonly planId: number;
  readonly input: RelationNode;
  readonly groupType: GroupType;
  readonly grouping: readonly ExprNode[];
  readonly aggregates: readonly ExprNode[];
}

export const AggregateNode = {
  create(
    input: RelationNode,
    groupType: GroupType,
    grouping: readonly ExprNode[],
    aggregates: readonly ExprNode[],
  ): AggregateNode {
    return Object.freeze({
      kind: "aggregate",
      planId: nextPlanId(),
      input,
      groupType,
      grouping: Object.freeze([...grouping]),
      aggregates: Object.freeze([...aggregates]),
    });
  },
};
