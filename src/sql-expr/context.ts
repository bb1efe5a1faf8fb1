/**
 * State shared by the parser modules: the token cursor and the lambda parameters in
 * scope (so `x` in `x -> x + 1` becomes a LambdaVarNode, not a column).
 */
import { CallNode } from "../plan/expression/call.js";
import type { SortOrderNode } from "../plan/expression/sort-order.js";
import type { WindowFrame } from "../plan/expression/window.js";
import type { ExprNode } from "../plan/node.js";
import type { Token } from "../types/sql-lexer.js";
import { TokenCursor } from "../types/token-cursor.js";

export interface ParseContext {
  readonly c: TokenCursor;
  /** Lambda parameter lists, innermost last. */
  readonly lambdas: string[][];
  /** Named windows of the query being parsed (`WINDOW w AS (...)`), keyed lower-case. */
  readonly windows: Map<string, WindowSpec>;
  /**
   * Parses the query of `x IN (SELECT ...)`, `EXISTS (SELECT ...)` or a scalar `(SELECT ...)`
   * (the cursor is on the query, inside the parentheses) and returns the expression standing
   * for it. Absent in expression text, where a subquery is refused.
   */
  readonly subquery?: (kind: SubqueryKind, value: ExprNode | undefined) => ExprNode;
}

export type SubqueryKind = "in" | "exists" | "scalar";

/** What `OVER (...)` says: partitioning, ordering and frame. */
export interface WindowSpec {
  readonly partitionBy: readonly ExprNode[];
  readonly orderBy: readonly SortOrderNode[];
  readonly frame: WindowFrame | undefined;
}

export function newContext(text: string): ParseContext {
  return { c: TokenCursor.of(text), lambdas: [], windows: new Map() };
}

/** The declared spelling of the innermost lambda parameter named `name`, if any. */
export function lambdaParam(ctx: ParseContext, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = ctx.lambdas.length - 1; i >= 0; i--) {
    const found = ctx.lambdas[i]?.find((p) => p.toLowerCase() === lower);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function call(name: string, args: readonly ExprNode[], distinct = false): CallNode {
  return CallNode.create(name, args, distinct);
}

/** Valid Spark SQL that this parser does not turn into plan nodes. */
export function unsupported(ctx: ParseContext, token: Token, what: string, hint: string): never {
  return ctx.c.failAt(
    token,
    "UNSUPPORTED_SQL_SYNTAX",
    `${what} is not supported by tributary's Spark SQL parser yet`,
    hint,
  );
}

/** Words that end or continue an expression, so they never start one as a column name. */
export const RESERVED = new Set([
  "AND",
  "OR",
  "NOT",
  "IS",
  "IN",
  "LIKE",
  "ILIKE",
  "RLIKE",
  "REGEXP",
  "BETWEEN",
  "WHEN",
  "THEN",
  "ELSE",
  "END",
  "AS",
  "FROM",
  "SELECT",
  "DISTINCT",
]);
