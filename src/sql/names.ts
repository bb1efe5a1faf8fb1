/** Identifiers and aliases in query text: `t`, `` `my view` ``, `AS x`, `x(a, b)`. */

import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { RESERVED } from "../sql-expr/context.js";
import { quoteIfNeeded } from "../types/sql-string.js";
import { keywordOf } from "../types/token-cursor.js";
import { CLAUSE_WORDS, type QueryContext } from "./context.js";

/** Is the next token a name that can be an alias without AS? */
export function implicitAliasAhead(ctx: QueryContext, k = 0): boolean {
  const t = ctx.c.peek(k);
  if (t.kind === "quoted") return true;
  if (t.kind !== "word") return false;
  const word = keywordOf(t);
  return !RESERVED.has(word) && !CLAUSE_WORDS.has(word);
}

/** `[AS] alias`, or undefined when none follows. */
export function parseOptionalAlias(ctx: QueryContext): string | undefined {
  const { c } = ctx;
  if (c.acceptWord("AS")) return c.identifier("an alias name").name;
  return implicitAliasAhead(ctx) ? c.identifier("an alias name").name : undefined;
}

/** `(a, b, c)`: a parenthesized list of names. */
export function parseNameList(ctx: QueryContext, what: string): string[] {
  const { c } = ctx;
  c.expectOp("(");
  const names: string[] = [];
  do names.push(c.identifier(what).name);
  while (c.acceptOp(","));
  c.expectOp(")");
  return names;
}

/** A dotted name: `v`, `global_temp.v`, `` delta.`/path` ``. */
export function parseMultipartName(ctx: QueryContext, what: string) {
  const { c } = ctx;
  const parts = [c.identifier(what)];
  while (c.isOp(".") && (c.peek(1).kind === "word" || c.peek(1).kind === "quoted")) {
    c.next();
    parts.push(c.identifier(what));
  }
  return parts;
}

/** A dotted column name (`t.col`) as a column reference, and the parts it was read from. */
export function parseColumnRef(ctx: QueryContext, what: string) {
  const parts = parseMultipartName(ctx, what);
  const ref = ColumnRefNode.create(parts.map((p) => quoteIfNeeded(p.name)).join("."));
  return { ref, parts };
}
