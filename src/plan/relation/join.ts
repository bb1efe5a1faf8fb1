import type { ExprNode, RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

export type JoinType = "inner" | "left" | "right" | "full" | "left_semi" | "left_anti" | "cross";

/**
 * A join on a condition, or on `usingColumns` (Spark's `join(other, ["id"])`: the key
 * columns appear once, first).
 */
export interface JoinNode {
  readonly kind: "join";
  readonly planId: number;
  readonly left: RelationNode;
  readonly right: RelationNode;
  readonly joinType: JoinType;
  readonly condition: ExprNode | undefined;
  readonly usingColumns: readonly string[];
}

export const JoinNode = {
  create(
    left: RelationNode,
    right: RelationNode,
    joinType: JoinType,
    condition?: ExprNode,
    usingColumns: readonly string[] = [],
  ): JoinNode {
    return Object.freeze({
      kind: "join",
      planId: nextPlanId(),
      left,
      right,
      joinType,
      condition,
      usingColumns: Object.freeze([...usingColumns]),
    });
  },
};
