import type { AliasNode } from "../expression/alias.js";
import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `withColumn(s)`: replaces a column of the same name in place, or appends at the end. */
export interface WithColumnsNode {
  readonly kind: "withColumns";
  readonly planId: number;
  readonly input: RelationNode;
  readonly columns: readonly AliasNode[];
}

export const WithColumnsNode = {
  create(input: RelationNode, columns: readonly AliasNode[]): WithColumnsNode {
    return Object.freeze({
      kind: "withColumns",
      planId: nextPlanId(),
      input,
      columns: Object.freeze([...columns]),
    });
  },
};
