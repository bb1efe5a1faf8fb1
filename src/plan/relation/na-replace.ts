import type { LiteralNode } from "../expression/literal.js";
import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/**
 * `na.replace(toReplace, value, subset)`: in each of `columns` (all when undefined) whose type
 * matches the old values' (numbers, strings or booleans), replaces each old value with its new
 * one (a null literal for null), cast to the column's type (Spark Connect's NAReplace).
 */
export interface NaReplaceNode {
  readonly kind: "naReplace";
  readonly planId: number;
  readonly input: RelationNode;
  readonly columns: readonly string[] | undefined;
  readonly replacements: readonly (readonly [LiteralNode, LiteralNode])[];
}

export const NaReplaceNode = {
  create(
    input: RelationNode,
    columns: readonly string[] | undefined,
    replacements: readonly (readonly [LiteralNode, LiteralNode])[],
  ): NaReplaceNode {
    return Object.freeze({
      kind: "naReplace",
      planId: nextPlanId(),
      input,
      columns: columns === undefined ? undefined : Object.freeze([...columns]),
      replacements: Object.freeze(replacements.map((r) => Object.freeze([...r] as const))),
    });
  },
};
