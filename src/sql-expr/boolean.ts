/**
 * The boolean levels of Spark's grammar (`booleanExpression`): OR binds loosest, then AND,
 * then prefix NOT; below them a value expression with at most one predicate
 * (IS / IN / LIKE / BETWEEN).
 */
import type { ExprNode } from "../plan/node.js";
import { call, type ParseContext } from "./context.js";
import { parsePredicate } from "./predicate.js";
import { parseValue } from "./value.js";

/**
 * One full expression at the cursor (Spark's `expression` rule).
 *
 * @example
 * ```ts
 * parseExpr(newContext("a > 1 OR b")); // or(>(a, 1), b)
 * ```
 */
export function parseExpr(ctx: ParseContext): ExprNode {
  let left = parseAnd(ctx);
  while (ctx.c.acceptWord("OR")) left = call("or", [left, parseAnd(ctx)]);
  return left;
}

function parseAnd(ctx: ParseContext): ExprNode {
  let left = parseNot(ctx);
  while (ctx.c.acceptWord("AND")) left = call("and", [left, parseNot(ctx)]);
  return left;
}

function parseNot(ctx: ParseContext): ExprNode {
  const { c } = ctx;
  if (c.isWord("NOT") || c.isOp("!")) {
    c.next();
    return call("not", [parseNot(ctx)]);
  }
  return parsePredicate(ctx, parseValue(ctx));
}
