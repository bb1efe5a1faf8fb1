/**
 * Names as written in expression text: attribute text for dotted names, and select-item
 * aliases (`expr AS name`, `expr name`).
 */
import { AliasNode } from "../plan/expression/alias.js";
import type { ExprNode } from "../plan/node.js";
import { quoteIdentifier } from "../types/sql-string.js";
import { type Identifier, keywordOf } from "../types/token-cursor.js";
import { type ParseContext, RESERVED, unsupported } from "./context.js";

/**
 * Spark attribute text for name parts: bare when plain, back-quoted when needed, so
 * `splitAttribute` gives the parts back.
 *
 * @example
 * ```ts
 * // parts t, "a.b" -> "t.`a.b`"
 * ```
 */
export function attributeText(parts: readonly Identifier[]): string {
  return parts
    .map((p) => (/^[\p{L}0-9_]+$/u.test(p.name) ? p.name : quoteIdentifier(p.name)))
    .join(".");
}

/**
 * `expr AS name` or, when `implicit`, `expr name`; returns `expr` when no alias follows.
 *
 * @example
 * ```ts
 * // "upper(name) n" -> AliasNode(upper(name), "n")
 * ```
 */
export function parseAlias(ctx: ParseContext, expr: ExprNode, implicit: boolean): ExprNode {
  const { c } = ctx;
  const explicit = c.acceptWord("AS");
  const t = c.peek();
  const named =
    explicit ||
    (implicit && (t.kind === "quoted" || (t.kind === "word" && !RESERVED.has(keywordOf(t)))));
  if (!named) return expr;
  if (explicit && c.isOp("("))
    unsupported(ctx, c.peek(), "A multi-name alias AS (a, b)", "Alias each column separately.");
  const alias = c.identifier(
    "an alias name",
    "Back-quote aliases that contain spaces or symbols: AS `my name`.",
  );
  if (expr.kind === "star") {
    c.failAt(
      alias.token,
      "PARSE_SYNTAX_ERROR",
      "A star (*) cannot have an alias",
      "Select the columns one by one and alias each.",
    );
  }
  return AliasNode.create(expr, alias.name);
}
