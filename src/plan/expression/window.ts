import type { ExprNode } from "../node.js";
import type { SortOrderNode } from "./sort-order.js";

/** A frame bound: `unboundedPreceding`, `currentRow`, `unboundedFollowing`, or an offset. */
export type FrameBound =
  | { readonly type: "unboundedPreceding" }
  | { readonly type: "unboundedFollowing" }
  | { readonly type: "currentRow" }
  | { readonly type: "offset"; readonly value: number };

export interface WindowFrame {
  readonly frameType: "rows" | "range";
  readonly lower: FrameBound;
  readonly upper: FrameBound;
}

/** `fn OVER (PARTITION BY ... ORDER BY ... frame)`. */
export interface WindowNode {
  readonly kind: "window";
  readonly fn: ExprNode;
  readonly partitionBy: readonly ExprNode[];
  readonly orderBy: readonly SortOrderNode[];
  readonly frame: WindowFrame | undefined;
}

export const WindowNode = {
  create(
    fn: ExprNode,
    partitionBy: readonly ExprNode[],
    orderBy: readonly SortOrderNode[],
    frame?: WindowFrame,
  ): WindowNode {
    return Object.freeze({
      kind: "window",
      fn,
      partitionBy: Object.freeze([...partitionBy]),
      orderBy: Object.freeze([...orderBy]),
      frame,
    });
  },
};
