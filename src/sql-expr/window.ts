/**
 * `fn(...) OVER (PARTITION BY ... ORDER BY ... ROWS|RANGE frame)` and sort items
 * (`expr [ASC|DESC] [NULLS FIRST|LAST]`). Frame offsets are literals: a whole number
 * `n PRECEDING` is the offset -n, `n FOLLOWING` the offset n; a decimal, double or
 * interval offset (RANGE over decimals, dates, timestamps) stays an expression.
 */
import { SortOrderNode } from "../plan/expression/sort-order.js";
import { type FrameBound, type WindowFrame, WindowNode } from "../plan/expression/window.js";
import type { ExprNode } from "../plan/node.js";
import { Decimal } from "../types/decimal.js";
import { parseExpr } from "./boolean.js";
import { type ParseContext, unsupported, type WindowSpec } from "./context.js";

/**
 * One sort key at the cursor.
 *
 * @example
 * ```ts
 * parseSortItemAt(newContext("delay DESC NULLS FIRST")); // SortOrderNode(delay, desc, first)
 * ```
 */
export function parseSortItemAt(ctx: ParseContext): SortOrderNode {
  const { c } = ctx;
  const expr = parseExpr(ctx);
  const direction = c.acceptWord("DESC") ? "desc" : "asc";
  if (direction === "asc") c.acceptWord("ASC");
  if (!c.acceptWord("NULLS")) return SortOrderNode.create(expr, direction);
  if (c.acceptWord("FIRST")) return SortOrderNode.create(expr, direction, "first");
  c.expectWord("LAST", "Write NULLS FIRST or NULLS LAST.");
  return SortOrderNode.create(expr, direction, "last");
}

function exprList(ctx: ParseContext): ExprNode[] {
  const list: ExprNode[] = [];
  do list.push(parseExpr(ctx));
  while (ctx.c.acceptOp(","));
  return list;
}

function wholeOffset(e: ExprNode): number | undefined {
  if (e.kind !== "literal") return undefined;
  const v = e.value;
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "bigint") return Number(v);
  return undefined;
}

/** A fractional number or an interval literal (`make_interval` of literals, see interval.ts). */
function isValueOffset(e: ExprNode): boolean {
  if (e.kind === "literal") return typeof e.value === "number" || e.value instanceof Decimal;
  return (
    e.kind === "call" && e.name === "make_interval" && e.args.every((a) => a.kind === "literal")
  );
}

function parseBound(ctx: ParseContext): FrameBound {
  const { c } = ctx;
  if (c.acceptWord("UNBOUNDED")) {
    if (c.acceptWord("PRECEDING")) return { type: "unboundedPreceding" };
    c.expectWord("FOLLOWING", "Write UNBOUNDED PRECEDING or UNBOUNDED FOLLOWING.");
    return { type: "unboundedFollowing" };
  }
  if (c.acceptWord("CURRENT")) {
    c.expectWord("ROW");
    return { type: "currentRow" };
  }
  const start = c.peek();
  const expr = parseExpr(ctx);
  const value = wholeOffset(expr);
  if (value === undefined && !isValueOffset(expr)) {
    unsupported(
      ctx,
      start,
      "A frame bound that is not a literal number or interval",
      "Use a number of rows, e.g. ROWS BETWEEN 3 PRECEDING AND CURRENT ROW, or RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND CURRENT ROW.",
    );
  }
  const preceding = c.acceptWord("PRECEDING");
  if (!preceding) c.expectWord("FOLLOWING", "Write n PRECEDING or n FOLLOWING.");
  if (value === undefined) return { type: "value", expr, preceding };
  return { type: "offset", value: preceding ? -value : value };
}

function parseFrame(ctx: ParseContext): WindowFrame | undefined {
  const { c } = ctx;
  if (!c.isWord("ROWS") && !c.isWord("RANGE")) return undefined;
  const frameType = c.next().text.toUpperCase() === "ROWS" ? "rows" : "range";
  if (!c.acceptWord("BETWEEN"))
    return { frameType, lower: parseBound(ctx), upper: { type: "currentRow" } };
  const lower = parseBound(ctx);
  c.expectWord("AND", "Write BETWEEN <start> AND <end>.");
  return { frameType, lower, upper: parseBound(ctx) };
}

/**
 * The window specification inside parentheses, `(PARTITION BY ... ORDER BY ... frame)`,
 * as `OVER (...)` and the query's `WINDOW w AS (...)` clause write it.
 *
 * @example
 * ```ts
 * // "(PARTITION BY a ORDER BY b ROWS 2 PRECEDING)"
 * ```
 */
export function parseWindowSpec(ctx: ParseContext): WindowSpec {
  const { c } = ctx;
  c.expectOp("(", "Write OVER (PARTITION BY ... ORDER BY ...).");
  let partitionBy: ExprNode[] = [];
  let orderBy: SortOrderNode[] = [];
  if (c.acceptWord("CLUSTER")) {
    c.expectWord("BY");
    partitionBy = exprList(ctx);
    orderBy = partitionBy.map((e) => SortOrderNode.create(e, "asc"));
  } else {
    if (c.isWord("PARTITION") || c.isWord("DISTRIBUTE")) {
      c.next();
      c.expectWord("BY");
      partitionBy = exprList(ctx);
    }
    if (c.isWord("ORDER") || c.isWord("SORT")) {
      c.next();
      c.expectWord("BY");
      do orderBy.push(parseSortItemAt(ctx));
      while (c.acceptOp(","));
    }
  }
  const frame = parseFrame(ctx);
  c.expectOp(")", "Close the window specification with ')'.");
  return { partitionBy, orderBy, frame };
}

/**
 * Parses `OVER (...)` or `OVER w` (a window the query's WINDOW clause names) after a
 * function call.
 *
 * @example
 * ```ts
 * // "rank() OVER (PARTITION BY a ORDER BY b DESC)"
 * ```
 */
export function parseOver(ctx: ParseContext, fn: ExprNode): WindowNode {
  const { c } = ctx;
  c.expectWord("OVER");
  const t = c.peek();
  if (t.kind === "word" || t.kind === "quoted") {
    const name = c.identifier("a window name");
    const named = ctx.windows.get(name.name.toLowerCase());
    if (named === undefined) {
      return c.failAt(
        t,
        "MISSING_WINDOW_SPECIFICATION",
        `Window specification \`${name.name}\` is not defined in the WINDOW clause`,
        "Define it after HAVING: WINDOW w AS (PARTITION BY ... ORDER BY ...), or write OVER (...) inline.",
      );
    }
    return WindowNode.create(fn, named.partitionBy, named.orderBy, named.frame);
  }
  const spec = parseWindowSpec(ctx);
  return WindowNode.create(fn, spec.partitionBy, spec.orderBy, spec.frame);
}
