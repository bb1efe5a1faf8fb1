import type { ExprNode, RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `hint(name, ...parameters)`: advice to the planner (`broadcast`, `coalesce`...); rows unchanged. */
export interface HintNode {
  readonly kind: "hint";
  readonly planId: number;
  readonly input: RelationNode;
  readonly name: string;
  readonly parameters: readonly ExprNode[];
}

export const HintNode = {
  create(input: RelationNode, name: string, parameters: readonly ExprNode[] = []): HintNode {
    return Object.freeze({
      kind: "hint",
      planId: nextPlanId(),
      input,
      name,
      parameters: Object.freeze([...parameters]),
    });
  },
};
