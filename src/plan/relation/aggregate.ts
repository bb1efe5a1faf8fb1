import type { ExprNode, RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

export type GroupType = "groupby" | "rollup" | "cube" | "pivot";

/** Pivot: the column whose values become output columns, and those values. */
export interface PivotSpec {
  readonly column: ExprNode;
  readonly values: readonly import("../expression/literal.js").LiteralNode[] | undefined;
}

/** `groupBy(...).agg(...)`; output columns are the grouping keys, then the aggregates. */
export interface AggregateNode {
  readonly kind: "aggregate";
  readonly planId: number;
  readonly input: RelationNode;
  readonly groupType: GroupType;
  readonly grouping: readonly ExprNode[];
  readonly aggregates: readonly ExprNode[];
  readonly pivot: PivotSpec | undefined;
}

export const AggregateNode = {
  create(
    input: RelationNode,
    groupType: GroupType,
    grouping: readonly ExprNode[],
    aggregates: readonly ExprNode[],
    pivot?: PivotSpec,
  ): AggregateNode {
    return Object.freeze({
      kind: "aggregate",
      planId: nextPlanId(),
      input,
      groupType,
      grouping: Object.freeze([...grouping]),
      aggregates: Object.freeze([...aggregates]),
      pivot,
    });
  },
};
