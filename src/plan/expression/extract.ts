import type { ExprNode } from "../node.js";

/** `expr[key]`: a struct field, a map value or an array element (0-based, as Spark's `[]`). */
export interface ExtractNode {
  readonly kind: "extract";
  readonly expr: ExprNode;
  readonly key: ExprNode;
}

export const ExtractNode = {
  create(expr: ExprNode, key: ExprNode): ExtractNode {
    return Object.freeze({ kind: "extract", expr, key });
  },
};
