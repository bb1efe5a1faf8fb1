import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `offset(n)`: skips the first n rows. */
export interface OffsetNode {
  readonly kind: "offset";
  readonly planId: number;
  readonly input: RelationNode;
  readonly offset: number;
}

export const OffsetNode = {
  create(input: RelationNode, offset: number): OffsetNode {
    return Object.freeze({ kind: "offset", planId: nextPlanId(), input, offset });
  },
};
