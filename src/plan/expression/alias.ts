import type { ExprNode } from "../node.js";

/** `expr AS name`. */
export interface AliasNode {
  readonly kind: "alias";
  readonly expr: ExprNode;
  readonly name: string;
}

export const AliasNode = {
  create(expr: ExprNode, name: string): AliasNode {
    return Object.freeze({ kind: "alias", expr, name });
  },
};
