/**
 * `Window` specs: `Window.partitionBy("a").orderBy(col("b").desc()).rowsBetween(...)`.
 *
 * @example
 * ```ts
 * const w = Window.partitionBy("origin").orderBy(col("delay").desc());
 * df.withColumn("rank", F.row_number().over(w));
 * ```
 */
import { toExpr } from "../coerce/coerce.js";
import { SortOrderNode } from "../plan/expression/sort-order.js";
import { type FrameBound, type WindowFrame, WindowNode } from "../plan/expression/window.js";
import type { ExprNode } from "../plan/node.js";
import type { Column } from "./column.js";

type ColumnOrName = Column | string;

function toSortOrder(c: ColumnOrName): SortOrderNode {
  const e = toExpr(c);
  return e.kind === "sortOrder" ? e : SortOrderNode.create(e, "asc");
}

function bound(value: number): FrameBound {
  if (value <= Window.unboundedPreceding) return { type: "unboundedPreceding" };
  if (value >= Window.unboundedFollowing) return { type: "unboundedFollowing" };
  if (value === 0) return { type: "currentRow" };
  return { type: "offset", value };
}

/** An immutable window specification. */
export class WindowSpec {
  constructor(
    readonly partitionSpec: readonly ExprNode[] = [],
    readonly orderSpec: readonly SortOrderNode[] = [],
    readonly frame: WindowFrame | undefined = undefined,
  ) {
    Object.freeze(this);
  }

  partitionBy(...cols: (ColumnOrName | readonly ColumnOrName[])[]): WindowSpec {
    return new WindowSpec(cols.flat().map(toExpr), this.orderSpec, this.frame);
  }

  orderBy(...cols: (ColumnOrName | readonly ColumnOrName[])[]): WindowSpec {
    return new WindowSpec(this.partitionSpec, cols.flat().map(toSortOrder), this.frame);
  }

  /** A frame by row offsets: `rowsBetween(Window.unboundedPreceding, Window.currentRow)`. */
  rowsBetween(start: number, end: number): WindowSpec {
    return new WindowSpec(this.partitionSpec, this.orderSpec, {
      frameType: "rows",
      lower: bound(start),
      upper: bound(end),
    });
  }

  /** A frame by ordering-value offsets. */
  rangeBetween(start: number, end: number): WindowSpec {
    return new WindowSpec(this.partitionSpec, this.orderSpec, {
      frameType: "range",
      lower: bound(start),
      upper: bound(end),
    });
  }

  /** @internal the window expression for a function. */
  apply(fn: ExprNode): WindowNode {
    return WindowNode.create(fn, this.partitionSpec, this.orderSpec, this.frame);
  }
}

/** Entry points for window specs, as Spark's `Window` object. */
export const Window = {
  unboundedPreceding: Number.MIN_SAFE_INTEGER,
  unboundedFollowing: Number.MAX_SAFE_INTEGER,
  currentRow: 0,
  partitionBy(...cols: (ColumnOrName | readonly ColumnOrName[])[]): WindowSpec {
    return new WindowSpec().partitionBy(...cols);
  },
  orderBy(...cols: (ColumnOrName | readonly ColumnOrName[])[]): WindowSpec {
    return new WindowSpec().orderBy(...cols);
  },
  rowsBetween(start: number, end: number): WindowSpec {
    return new WindowSpec().rowsBetween(start, end);
  },
  rangeBetween(start: number, end: number): WindowSpec {
    return new WindowSpec().rangeBetween(start, end);
  },
} as const;
