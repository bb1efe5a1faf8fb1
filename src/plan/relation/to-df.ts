import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `toDF(...names)`: renames every column by position. */
export interface ToDFNode {
  readonly kind: "toDF";
  readonly planId: number;
  readonly input: RelationNode;
  readonly names: readonly string[];
}

export const ToDFNode = {
  create(input: RelationNode, names: readonly string[]): ToDFNode {
    return Object.freeze({
      kind: "toDF",
      planId: nextPlanId(),
      input,
      names: Object.freeze([...names]),
    });
  },
};
