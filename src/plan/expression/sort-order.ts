import type { ExprNode } from "../node.js";

export type SortDirection = "asc" | "desc";
export type NullOrdering = "first" | "last";

/**
 * One sort key. Spark's defaults: ascending puts nulls first, descending puts them last.
 */
export interface SortOrderNode {
  readonly kind: "sortOrder";
  readonly expr: ExprNode;
  readonly direction: SortDirection;
  readonly nulls: NullOrdering;
}

export const SortOrderNode = {
  create(expr: ExprNode, direction: SortDirection = "asc", nulls?: NullOrdering): SortOrderNode {
    return Object.freeze({
      kind: "sortOrder",
      expr,
      direction,
      nulls: nulls ?? (direction === "asc" ? "first" : "last"),
    });
  },
};
