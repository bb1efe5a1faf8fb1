import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `limit(n)`. */
export interface LimitNode {
  readonly kind: "limit";
  readonly planId: number;
  readonly input: RelationNode;
  readonly limit: number;
}

export const LimitNode = {
  create(input: RelationNode, limit: number): LimitNode {
    return Object.freeze({ kind: "limit", planId: nextPlanId(), input, limit });
  },
};
