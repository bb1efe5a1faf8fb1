import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `distinct()` (no columns) or `dropDuplicates(subset)`: keeps the first row of each key. */
export interface DeduplicateNode {
  readonly kind: "deduplicate";
  readonly planId: number;
  readonly input: RelationNode;
  readonly columns: readonly string[] | undefined;
}

export const DeduplicateNode = {
  create(input: RelationNode, columns?: readonly string[]): DeduplicateNode {
    return Object.freeze({
      kind: "deduplicate",
      planId: nextPlanId(),
      input,
      columns: columns === undefined ? undefined : Object.freeze([...columns]),
    });
  },
};
