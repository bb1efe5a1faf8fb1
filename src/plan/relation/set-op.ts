import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

export type SetOpType = "union" | "intersect" | "except";

/**
 * `union` (by position, keeps duplicates as Spark's does), `unionByName`, `intersect`,
 * `intersectAll`, `subtract`, `exceptAll`.
 */
export interface SetOpNode {
  readonly kind: "setOp";
  readonly planId: number;
  readonly left: RelationNode;
  readonly right: RelationNode;
  readonly op: SetOpType;
  readonly isAll: boolean;
  readonly byName: boolean;
  readonly allowMissingColumns: boolean;
}

export const SetOpNode = {
  create(
    left: RelationNode,
    right: RelationNode,
    op: SetOpType,
    options: { isAll: boolean; byName?: boolean; allowMissingColumns?: boolean },
  ): SetOpNode {
    return Object.freeze({
      kind: "setOp",
      planId: nextPlanId(),
      left,
      right,
      op,
      isAll: options.isAll,
      byName: options.byName ?? false,
      allowMissingColumns: options.allowMissingColumns ?? false,
    });
  },
};
