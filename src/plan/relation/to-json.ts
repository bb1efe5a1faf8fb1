import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/**
 * `toJSON()`: each row as the JSON text Spark's JSON writer gives it, in one string column
 * `value` (Scala's `Dataset.toJSON`).
 */
export interface ToJsonNode {
  readonly kind: "toJson";
  readonly planId: number;
  readonly input: RelationNode;
}

export const ToJsonNode = {
  create(input: RelationNode): ToJsonNode {
    return Object.freeze({ kind: "toJson", planId: nextPlanId(), input });
  },
};
