import type { ExprNode } from "../node.js";
import type { SortOrderNode } from "./sort-order.js";

/**
 * A frame bound: `unboundedPreceding`, `currentRow`, `unboundedFollowing`, a whole-number
 * offset (negative: preceding), or a RANGE offset that is no integer: a decimal or double
 * literal (`0.5 PRECEDING`) or an interval (`INTERVAL 1 DAY PRECEDING`), kept as the
 * expression so each engine states it in its own type.
 */
export type FrameBound =
  | { readonly type: "unboundedPreceding" }
  | { readonly type: "unboundedFollowing" }
  | { readonly type: "currentRow" }
  | { readonly type: "offset"; readonly value: number }
  | { readonly type: "value"; readonly expr: ExprNode; readonly preceding: boolean };

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

/**
 * Spark's SQL text of a frame (`ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`); `text`
 * writes a `value` bound's expression in the caller's dialect.
 */
export function frameText(frame: WindowFrame, text: (e: ExprNode) => string): string {
  const bound = (b: FrameBound): string => {
    switch (b.type) {
      case "unboundedPreceding":
        return "UNBOUNDED PRECEDING";
      case "unboundedFollowing":
        return "UNBOUNDED FOLLOWING";
      case "currentRow":
        return "CURRENT ROW";
      case "offset":
        return b.value < 0 ? `${-b.value} PRECEDING` : `${b.value} FOLLOWING`;
      case "value":
        return `${text(b.expr)} ${b.preceding ? "PRECEDING" : "FOLLOWING"}`;
    }
  };
  return `${frame.frameType.toUpperCase()} BETWEEN ${bound(frame.lower)} AND ${bound(frame.upper)}`;
}
