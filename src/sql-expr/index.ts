/**
 * Our parser of Spark SQL *expression* text — what users pass to
 * `df.filter("delay > 10 AND origin = 'SFO'")`, `selectExpr("upper(name) AS n")` and
 * `orderBy("delay DESC NULLS LAST")` — into plan expression nodes, so the text means the
 * same on every engine.
 *
 * Contract: the grammar and precedence are Spark's (SqlBaseParser.g4, non-ANSI mode);
 * operators and keyword forms become CallNodes named as in Spark's function registry
 * (`==`, `!=`, `and`, `not`, `isnull`, `in`, `like`, `rlike`, `when`, `concat`,
 * `negative`, `make_interval`...); nothing is resolved here (a dotted `a.b` is one
 * ColumnRefNode). Every failure is an AnalysisError (`PARSE_SYNTAX_ERROR` and friends)
 * whose message shows the text with a caret under the problem.
 *
 * The tokenizer lives in `types/sql-lexer.ts` because DDL schemas need it too.
 */
import type { SortOrderNode } from "../plan/expression/sort-order.js";
import type { ExprNode } from "../plan/node.js";
import { parseExpr } from "./boolean.js";
import { newContext, type ParseContext } from "./context.js";
import { parseAlias } from "./names.js";
import { parseSortItemAt } from "./window.js";

function expectEnd(ctx: ParseContext): void {
  if (!ctx.c.atEnd) {
    ctx.c.fail(
      "end of input",
      "Combine conditions with AND / OR; pass several columns as separate arguments.",
    );
  }
}

/**
 * Parses one expression (no alias), as `df.filter(text)` needs.
 *
 * @example
 * ```ts
 * parseExpression("delay > 10 AND origin = 'SFO'");
 * // CallNode and(>(delay, 10), ==(origin, 'SFO'))
 * ```
 */
export function parseExpression(text: string): ExprNode {
  const ctx = newContext(text);
  const expr = parseExpr(ctx);
  expectEnd(ctx);
  return expr;
}

/**
 * Parses one select item: an expression with an optional alias (`expr AS name` or
 * `expr name`), `*` or `t.*` — what `selectExpr` and `F.expr` accept.
 *
 * @example
 * ```ts
 * parseSelectItem("upper(name) AS n"); // AliasNode(upper(name), "n")
 * ```
 */
export function parseSelectItem(text: string): ExprNode {
  const ctx = newContext(text);
  const expr = parseAlias(ctx, parseExpr(ctx), true);
  expectEnd(ctx);
  return expr;
}

/**
 * Parses one sort key: `col`, `col DESC`, `col ASC NULLS LAST`. Spark's defaults apply:
 * ascending puts nulls first, descending puts them last.
 *
 * @example
 * ```ts
 * parseSortItem("delay DESC NULLS LAST"); // SortOrderNode(delay, "desc", "last")
 * ```
 */
export function parseSortItem(text: string): SortOrderNode {
  const ctx = newContext(text);
  const item = parseSortItemAt(ctx);
  expectEnd(ctx);
  return item;
}
