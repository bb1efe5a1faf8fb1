import type { DataType } from "../../types/data-types.js";
import type { ExprNode } from "../node.js";

/** `CAST(expr AS type)`; `tryCast` gives null instead of failing, as Spark's `try_cast`. */
export interface CastNode {
  readonly kind: "cast";
  readonly expr: ExprNode;
  readonly to: DataType;
  readonly tryCast: boolean;
}

export const CastNode = {
  create(expr: ExprNode, to: DataType, tryCast = false): CastNode {
    return Object.freeze({ kind: "cast", expr, to, tryCast });
  },
};
