import type { ExprNode, RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `select(...)`. */
export interface ProjectNode {
  readonly kind: "project";
  readonly planId: number;
  readonly input: RelationNode;
  readonly exprs: readonly ExprNode[];
}

export const ProjectNode = {
  create(input: RelationNode, exprs: readonly ExprNode[]): ProjectNode {
    return Object.freeze({
      kind: "project",
      planId: nextPlanId(),
      input,
      exprs: Object.freeze([...exprs]),
    });
  },
};
