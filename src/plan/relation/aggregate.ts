import type { ExprNode, RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

export type GroupType = "groupby" | "rollup" | "cube" | "grouping_sets";

/**
 * `groupBy(...).agg(...)`; output columns are the grouping keys, then the aggregates. With
 * `grouping_sets`, `groupingSets` lists the sets (each a subset of `grouping`, duplicates
 * kept: Spark outputs a set's rows once per occurrence); it is empty for the other types.
 */
export interface AggregateNode {
  readonly kind: "aggregate";
  readonly planId: number;
  readonly input: RelationNode;
  readonly groupType: GroupType;
  readonly grouping: readonly ExprNode[];
  readonly aggregates: readonly ExprNode[];
  readonly groupingSets: readonly (readonly ExprNode[])[];
}

export const AggregateNode = {
  create(
    input: RelationNode,
    groupType: GroupType,
    grouping: readonly ExprNode[],
    aggregates: readonly ExprNode[],
    groupingSets: readonly (readonly ExprNode[])[] = [],
  ): AggregateNode {
    return Object.freeze({
      kind: "aggregate",
      planId: nextPlanId(),
      input,
      groupType,
      grouping: Object.freeze([...grouping]),
      aggregates: Object.freeze([...aggregates]),
      groupingSets: Object.freeze(groupingSets.map((s) => Object.freeze([...s]))),
    });
  },
};
