/**
 * Spark's `predicate` rule, applied once after a value expression: `IS [NOT] NULL|TRUE|
 * FALSE|UNKNOWN|DISTINCT FROM`, `[NOT] BETWEEN`, `[NOT] IN (...)`, `[NOT] LIKE|ILIKE
 * [ANY|SOME|ALL]`, `[NOT] RLIKE|REGEXP`. Rewrites follow Spark's AstBuilder: BETWEEN is
 * `a >= lo AND a <= hi`, `IS TRUE` is `a <=> true`, `IS DISTINCT FROM` is `NOT (a <=> b)`.
 */
import { LiteralNode } from "../plan/expression/literal.js";
import type { ExprNode } from "../plan/node.js";
import { parseExpr } from "./boolean.js";
import { call, type ParseContext, unsupported } from "./context.js";
import { parseValue } from "./value.js";

const NEGATABLE = ["BETWEEN", "IN", "LIKE", "ILIKE", "RLIKE", "REGEXP"];

function not(e: ExprNode): ExprNode {
  return call("not", [e]);
}

function parseIs(ctx: ParseContext, value: ExprNode): ExprNode {
  const { c } = ctx;
  c.expectWord("IS");
  const negated = c.acceptWord("NOT") || c.acceptOp("!");
  const wrap = (e: ExprNode): ExprNode => (negated ? not(e) : e);
  if (c.acceptWord("NULL")) return call(negated ? "isnotnull" : "isnull", [value]);
  if (c.acceptWord("UNKNOWN")) return call(negated ? "isnotnull" : "isnull", [value]);
  if (c.isWord("TRUE") || c.isWord("FALSE")) {
    const truth = c.next().text.toUpperCase() === "TRUE";
    return wrap(call("<=>", [value, LiteralNode.create(truth)]));
  }
  if (c.acceptWord("DISTINCT")) {
    c.expectWord("FROM");
    const other = parseValue(ctx);
    // IS DISTINCT FROM is the negation of null-safe equality; IS NOT DISTINCT FROM is `<=>`.
    return negated ? call("<=>", [value, other]) : not(call("<=>", [value, other]));
  }
  return c.fail("NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS");
}

function parseIn(ctx: ParseContext, value: ExprNode): ExprNode {
  const { c } = ctx;
  c.expectOp("(", "Write the values in parentheses: a IN (1, 2, 3).");
  if ((c.isWord("SELECT") || c.isWord("WITH")) && ctx.subquery !== undefined) {
    const node = ctx.subquery("in", value);
    c.expectOp(")", "Close the subquery with ')'.");
    return node;
  }
  if (c.isWord("SELECT") || c.isWord("WITH")) {
    unsupported(
      ctx,
      c.peek(),
      "A subquery",
      "Join with the other DataFrame, or collect the values and pass them to isin().",
    );
  }
  const list: ExprNode[] = [];
  do list.push(parseExpr(ctx));
  while (c.acceptOp(","));
  c.expectOp(")");
  return call("in", [value, ...list]);
}

function parseLike(ctx: ParseContext, value: ExprNode, name: string, negated: boolean): ExprNode {
  const { c } = ctx;
  if ((c.isWord("ANY") || c.isWord("SOME") || c.isWord("ALL")) && c.isOp("(", 1)) {
    const all = c.next().text.toUpperCase() === "ALL";
    c.expectOp("(");
    const patterns: ExprNode[] = [];
    if (!c.isOp(")")) {
      do patterns.push(parseExpr(ctx));
      while (c.acceptOp(","));
    }
    const close = c.expectOp(")");
    if (patterns.length === 0) c.fail("at least one pattern", undefined, close);
    // Spark's LikeAny/LikeAll (and NotLikeAny/NotLikeAll) are OR/AND over single LIKEs.
    const tests = patterns.map((p) => {
      const like = call(name, [value, p]);
      return negated ? not(like) : like;
    });
    return tests.reduce((acc, t) => call(all ? "and" : "or", [acc, t]));
  }
  const pattern = parseValue(ctx);
  const args = [value, pattern];
  if (c.acceptWord("ESCAPE")) {
    const t = c.peek();
    if (t.kind !== "string" || [...t.value].length !== 1) c.fail("a one-character escape string");
    args.push(LiteralNode.create(c.next().value));
  }
  const like = call(name, args);
  return negated ? not(like) : like;
}

/**
 * Applies the optional predicate after `value` (or returns `value` when there is none).
 *
 * @example
 * ```ts
 * // "a NOT BETWEEN 1 AND 5" -> not(and(>=(a, 1), <=(a, 5)))
 * ```
 */
export function parsePredicate(ctx: ParseContext, value: ExprNode): ExprNode {
  const { c } = ctx;
  if (c.isWord("IS")) return parseIs(ctx, value);
  const negated = (c.isWord("NOT") || c.isOp("!")) && c.isWord(NEGATABLE, 1);
  if (negated) c.next();
  if (!c.isWord(NEGATABLE)) return value;
  const kind = c.next().text.toUpperCase();
  const wrap = (e: ExprNode): ExprNode => (negated ? not(e) : e);
  switch (kind) {
    case "BETWEEN": {
      const lower = parseValue(ctx);
      c.expectWord("AND", "Write BETWEEN low AND high.");
      const upper = parseValue(ctx);
      return wrap(call("and", [call(">=", [value, lower]), call("<=", [value, upper])]));
    }
    case "IN":
      return wrap(parseIn(ctx, value));
    case "LIKE":
    case "ILIKE":
      return parseLike(ctx, value, kind.toLowerCase(), negated);
    default:
      return wrap(call("rlike", [value, parseValue(ctx)]));
  }
}
