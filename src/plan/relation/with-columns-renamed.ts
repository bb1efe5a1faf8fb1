import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `withColumnRenamed(from, to)`: renaming a column that does not exist is a no-op, as in Spark. */
export interface WithColumnsRenamedNode {
  readonly kind: "withColumnsRenamed";
  readonly planId: number;
  readonly input: RelationNode;
  readonly renames: readonly (readonly [from: string, to: string])[];
}

export const WithColumnsRenamedNode = {
  create(
    input: RelationNode,
    renames: readonly (readonly [string, string])[],
  ): WithColumnsRenamedNode {
    return Object.freeze({
      kind: "withColumnsRenamed",
      planId: nextPlanId(),
      input,
      renames: Object.freeze(renames.map((r) => Object.freeze([r[0], r[1]] as const))),
    });
  },
};
