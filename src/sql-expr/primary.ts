/**
 * Spark's `primaryExpression`: literals, names (`a`, `t.a`, `` `weird col` ``), `*` and
 * `t.*`, function calls, lambdas, parenthesized expressions and row constructors, the
 * keyword forms (CASE, CAST...), then postfix `[key]`, `.field` and `::type`.
 */
import { CastNode } from "../plan/expression/cast.js";
import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { ExtractNode } from "../plan/expression/extract.js";
import { LambdaNode, LambdaVarNode } from "../plan/expression/lambda.js";
import { LiteralNode } from "../plan/expression/literal.js";
import { StarNode } from "../plan/expression/star.js";
import type { ExprNode } from "../plan/node.js";
import { keywordOf } from "../types/token-cursor.js";
import { parseTypeAt } from "../types/type-parser.js";
import { parseExpr } from "./boolean.js";
import { parseCall } from "./call.js";
import { call, lambdaParam, type ParseContext, RESERVED, unsupported } from "./context.js";
import { intervalValueAhead, parseInterval } from "./interval.js";
import { numberLiteral, stringLiteral, TYPED_LITERALS, typedLiteral } from "./literals.js";
import { attributeText, parseAlias } from "./names.js";
import { parseKeywordForm } from "./special-forms.js";

const EXPRESSION_HINT =
  "Expected a column name, a literal, a function call or a parenthesized expression. Quote string values with single quotes ('text') and names with spaces or symbols with backquotes (`my col`).";

const CALLABLE_KEYWORDS = ["LIKE", "ILIKE", "RLIKE", "REGEXP", "AND", "OR"];

/** `(a, b) -> ...` ahead? Checked without consuming. */
function lambdaParamsAhead(ctx: ParseContext): boolean {
  const { c } = ctx;
  let k = 1;
  for (;;) {
    const t = c.peek(k);
    if (t.kind !== "word" && t.kind !== "quoted") return false;
    if (c.isOp(")", k + 1)) return c.isOp("->", k + 2);
    if (!c.isOp(",", k + 1)) return false;
    k += 2;
  }
}

function lambda(ctx: ParseContext, params: string[]): ExprNode {
  ctx.c.expectOp("->");
  ctx.lambdas.push(params);
  try {
    return LambdaNode.create(params, parseExpr(ctx));
  } finally {
    ctx.lambdas.pop();
  }
}

function parenthesized(ctx: ParseContext): ExprNode {
  const { c } = ctx;
  if (lambdaParamsAhead(ctx)) {
    c.expectOp("(");
    const params: string[] = [];
    do params.push(c.identifier("a lambda parameter").name);
    while (c.acceptOp(","));
    c.expectOp(")");
    return lambda(ctx, params);
  }
  c.expectOp("(");
  if ((c.isWord("SELECT") || c.isWord("WITH")) && ctx.subquery !== undefined) {
    const node = ctx.subquery("scalar", undefined);
    c.expectOp(")", "Close the subquery with ')'.");
    return node;
  }
  if (c.isWord("SELECT") || c.isWord("WITH")) {
    unsupported(ctx, c.peek(), "A subquery", "Join with the other DataFrame instead.");
  }
  const first = parseExpr(ctx);
  if (!c.isOp(",") && !c.isWord("AS")) {
    c.expectOp(")");
    return first;
  }
  // Spark's row constructor `(a, b AS x)` is a struct.
  const items = [parseAlias(ctx, first, true)];
  while (c.acceptOp(",")) items.push(parseAlias(ctx, parseExpr(ctx), true));
  c.expectOp(")");
  return call("struct", items);
}

/** A name, dotted name, `t.*`, function call or lambda starting at an identifier. */
function nameOrCall(ctx: ParseContext): ExprNode {
  const { c } = ctx;
  const first = c.identifier("an expression", EXPRESSION_HINT);
  if (c.isOp("->")) return lambda(ctx, [first.name]);
  const parts = [first];
  while (c.isOp(".") && (c.peek(1).kind === "word" || c.peek(1).kind === "quoted")) {
    c.next();
    parts.push(c.identifier("a field name"));
  }
  if (c.isOp(".") && c.isOp("*", 1)) {
    c.next();
    c.next();
    return StarNode.create(attributeText(parts));
  }
  if (c.isOp("(")) {
    const name =
      parts.length === 1 && !first.quoted ? first.name.toLowerCase() : attributeText(parts);
    return parseCall(ctx, name, first.token);
  }
  const param = lambdaParam(ctx, first.name);
  if (param === undefined) return ColumnRefNode.create(attributeText(parts));
  return parts
    .slice(1)
    .reduce<ExprNode>(
      (node, p) => ExtractNode.create(node, LiteralNode.create(p.name)),
      LambdaVarNode.create(param),
    );
}

function keywordPrimary(ctx: ParseContext): ExprNode | undefined {
  const { c } = ctx;
  const t = c.peek();
  const word = keywordOf(t);
  if (word === "NULL" || word === "TRUE" || word === "FALSE") {
    c.next();
    return LiteralNode.create(word === "NULL" ? null : word === "TRUE");
  }
  const next = c.peek(1);
  if (word === "INTERVAL" && (next.kind === "string" || intervalValueAhead(ctx, 1))) {
    c.next();
    return parseInterval(ctx, t);
  }
  // `CASE 'a' WHEN ...` is a simple CASE over a string, not a typed literal.
  if (next.kind === "string" && word !== "CASE") {
    if (!TYPED_LITERALS.includes(word)) {
      c.failAt(
        t,
        "UNSUPPORTED_TYPED_LITERAL",
        `Literals of the type "${word || t.text}" are not supported`,
        `Did you forget an operator or a comma before the string? Typed literals are ${TYPED_LITERALS.join(", ")} and INTERVAL.`,
      );
    }
    c.next();
    return typedLiteral(ctx, t, c.next());
  }
  const form = parseKeywordForm(ctx, word);
  if (form !== undefined) return form;
  if (word === "SELECT") {
    return c.fail(
      "an expression",
      "This is an expression, not a query: run whole queries with spark.sql(...).",
    );
  }
  // Spark registers these operators as functions too: `like(a, 'x%')`, `and(p, q)`.
  if (RESERVED.has(word) && !(CALLABLE_KEYWORDS.includes(word) && c.isOp("(", 1))) {
    return c.fail("an expression", EXPRESSION_HINT);
  }
  return undefined;
}

/**
 * One primary expression at the cursor (no postfix operators).
 *
 * @example
 * ```ts
 * parsePrimary(newContext("count(DISTINCT a)")); // CallNode count, distinct
 * ```
 */
export function parsePrimary(ctx: ParseContext): ExprNode {
  const { c } = ctx;
  const t = c.peek();
  switch (t.kind) {
    case "number":
      return numberLiteral(ctx, c.next(), false);
    case "string":
      return stringLiteral(ctx);
    case "quoted":
      return nameOrCall(ctx);
    case "word":
      return keywordPrimary(ctx) ?? nameOrCall(ctx);
    case "op":
      if (t.text === "(") return parenthesized(ctx);
      if (t.text === "*") {
        c.next();
        return StarNode.create();
      }
      if (t.text === "?" || t.text === ":") {
        unsupported(
          ctx,
          t,
          "A parameter marker",
          "Build the value with lit() or F.col() instead of a parameter.",
        );
      }
      return c.fail("an expression", EXPRESSION_HINT);
    default:
      return c.fail("an expression", EXPRESSION_HINT);
  }
}

/**
 * Applies postfix operators: `x[0]`, `x['key']`, `x.field` (after a non-name), `x::type`.
 *
 * @example
 * ```ts
 * // "arr[0].name" -> extract(extract(arr, 0), 'name')
 * ```
 */
export function parsePostfix(ctx: ParseContext, base: ExprNode): ExprNode {
  const { c } = ctx;
  let node = base;
  for (;;) {
    if (c.acceptOp("[")) {
      const key = parseExpr(ctx);
      c.expectOp("]");
      node = ExtractNode.create(node, key);
    } else if (c.isOp(".") && (c.peek(1).kind === "word" || c.peek(1).kind === "quoted")) {
      c.next();
      node = ExtractNode.create(node, LiteralNode.create(c.identifier("a field name").name));
    } else if (c.acceptOp("::")) {
      node = CastNode.create(node, parseTypeAt(c).type);
    } else return node;
  }
}
