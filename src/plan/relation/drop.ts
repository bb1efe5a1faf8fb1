import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `drop(...names)`: names that do not exist are ignored, as in Spark. */
export interface DropNode {
  readonly kind: "drop";
  readonly planId: number;
  readonly input: RelationNode;
  readonly columns: readonly string[];
}

export const DropNode = {
  create(input: RelationNode, columns: readonly string[]): DropNode {
    return Object.freeze({
      kind: "drop",
      planId: nextPlanId(),
      input,
      columns: Object.freeze([...columns]),
    });
  },
};
