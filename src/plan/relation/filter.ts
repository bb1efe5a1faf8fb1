import type { ExprNode, RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `filter(condition)` / `where(condition)`. */
export interface FilterNode {
  readonly kind: "filter";
  readonly planId: number;
  readonly input: RelationNode;
  readonly condition: ExprNode;
}

export const FilterNode = {
  create(input: RelationNode, condition: ExprNode): FilterNode {
    return Object.freeze({ kind: "filter", planId: nextPlanId(), input, condition });
  },
};
