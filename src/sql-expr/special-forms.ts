/**
 * Keyword-led expressions of Spark's grammar and what its AstBuilder makes of them:
 * `CASE` (-> `when`), `CAST`/`TRY_CAST` (-> CastNode), `EXTRACT(f FROM x)` (-> `extract`),
 * `SUBSTRING(s FROM p FOR n)`, `TRIM([BOTH|LEADING|TRAILING] c FROM s)` (-> `trim`/
 * `ltrim`/`rtrim`), `POSITION(a IN b)`, `OVERLAY(...)`, `CURRENT_DATE` and friends
 * without parentheses. A form whose keyword clause is absent falls back to a plain call.
 */
import { CastNode } from "../plan/expression/cast.js";
import { LiteralNode } from "../plan/expression/literal.js";
import type { ExprNode } from "../plan/node.js";
import { parseTypeAt } from "../types/type-parser.js";
import { parseExpr } from "./boolean.js";
import { call, type ParseContext, unsupported } from "./context.js";
import { parseValue } from "./value.js";

/** Is one of `words` at parenthesis depth 0 before the `)` closing the list just opened? */
function clauseAhead(ctx: ParseContext, words: readonly string[]): boolean {
  const { c } = ctx;
  let depth = 0;
  for (let k = 0; ; k++) {
    const t = c.peek(k);
    if (t.kind === "eof") return false;
    if (t.kind === "op" && (t.text === "(" || t.text === "[")) depth++;
    if (t.kind === "op" && (t.text === ")" || t.text === "]")) {
      if (depth === 0) return false;
      depth--;
    }
    if (depth === 0 && c.isWord(words, k)) return true;
  }
}

function parseCase(ctx: ParseContext): ExprNode {
  const { c } = ctx;
  c.expectWord("CASE");
  const subject = c.isWord("WHEN") ? undefined : parseExpr(ctx);
  const args: ExprNode[] = [];
  if (!c.isWord("WHEN")) c.fail("WHEN", "Write CASE WHEN condition THEN value ... END.");
  while (c.acceptWord("WHEN")) {
    const condition = parseExpr(ctx);
    c.expectWord("THEN", "Every WHEN needs a THEN value.");
    args.push(subject === undefined ? condition : call("==", [subject, condition]), parseExpr(ctx));
  }
  if (c.acceptWord("ELSE")) args.push(parseExpr(ctx));
  c.expectWord("END", "Close CASE with END.");
  return call("when", args);
}

function parseCast(ctx: ParseContext): ExprNode {
  const { c } = ctx;
  const tryCast = c.next().text.toUpperCase() === "TRY_CAST";
  c.expectOp("(");
  const expr = parseExpr(ctx);
  c.expectWord("AS", "Write CAST(value AS type).");
  const to = parseTypeAt(c).type;
  c.expectOp(")");
  return CastNode.create(expr, to, tryCast);
}

function parseExtract(ctx: ParseContext): ExprNode {
  const { c } = ctx;
  const field = c.identifier("a date/time field such as YEAR");
  c.expectWord("FROM");
  const source = parseValue(ctx);
  c.expectOp(")");
  return call("extract", [LiteralNode.create(field.name), source]);
}

function parseSubstring(ctx: ParseContext, name: string): ExprNode {
  const { c } = ctx;
  const args = [parseValue(ctx)];
  if (!c.acceptWord("FROM")) c.expectOp(",");
  args.push(parseValue(ctx));
  if (c.acceptWord("FOR") || c.acceptOp(",")) args.push(parseValue(ctx));
  c.expectOp(")");
  return call(name, args);
}

function parseTrim(ctx: ParseContext): ExprNode {
  const { c } = ctx;
  const side = c.isWord(["BOTH", "LEADING", "TRAILING"]) ? c.next().text.toUpperCase() : "BOTH";
  const trimChars = c.isWord("FROM") ? undefined : parseValue(ctx);
  c.expectWord("FROM");
  const source = parseValue(ctx);
  c.expectOp(")");
  const name = side === "LEADING" ? "ltrim" : side === "TRAILING" ? "rtrim" : "trim";
  return call(name, trimChars === undefined ? [source] : [trimChars, source]);
}

function parsePosition(ctx: ParseContext): ExprNode {
  const { c } = ctx;
  const needle = parseValue(ctx);
  c.expectWord("IN");
  const haystack = parseValue(ctx);
  c.expectOp(")");
  return call("position", [needle, haystack]);
}

function parseOverlay(ctx: ParseContext): ExprNode {
  const { c } = ctx;
  const args = [parseValue(ctx)];
  c.expectWord("PLACING");
  args.push(parseValue(ctx));
  c.expectWord("FROM");
  args.push(parseValue(ctx));
  if (c.acceptWord("FOR")) args.push(parseValue(ctx));
  c.expectOp(")");
  return call("overlay", args);
}

/** Keyword forms written with parentheses, and the clause word that tells them from a call. */
const CLAUSE_FORMS: Readonly<
  Record<string, { words: readonly string[]; parse: (ctx: ParseContext, name: string) => ExprNode }>
> = {
  EXTRACT: { words: ["FROM"], parse: parseExtract },
  SUBSTRING: { words: ["FROM", "FOR"], parse: parseSubstring },
  SUBSTR: { words: ["FROM", "FOR"], parse: parseSubstring },
  TRIM: { words: ["FROM"], parse: parseTrim },
  POSITION: { words: ["IN"], parse: parsePosition },
  OVERLAY: { words: ["PLACING"], parse: parseOverlay },
};

const NO_PAREN_FUNCTIONS = ["CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_USER"];

/**
 * The keyword form starting at the cursor's word (`word`, upper-cased), or undefined
 * when the word starts no such form here.
 *
 * @example
 * ```ts
 * // "CASE WHEN a THEN 1 ELSE 0 END" -> when(a, 1, 0)
 * ```
 */
export function parseKeywordForm(ctx: ParseContext, word: string): ExprNode | undefined {
  const { c } = ctx;
  const paren = c.isOp("(", 1);
  if (word === "CASE") return parseCase(ctx);
  if ((word === "CAST" || word === "TRY_CAST") && paren) return parseCast(ctx);
  // `exists(arr, x -> ...)` is a higher-order function; only EXISTS (SELECT ...) is a subquery.
  if (word === "EXISTS" && paren && c.isWord(["SELECT", "WITH"], 2) && ctx.subquery) {
    c.next();
    c.next();
    const node = ctx.subquery("exists", undefined);
    c.expectOp(")", "Close the subquery with ')'.");
    return node;
  }
  if (word === "EXISTS" && paren && c.isWord(["SELECT", "WITH"], 2)) {
    unsupported(
      ctx,
      c.peek(),
      "EXISTS (subquery)",
      "Use a left semi join with the other DataFrame.",
    );
  }
  if (NO_PAREN_FUNCTIONS.includes(word) && !paren) {
    c.next();
    return call(word.toLowerCase(), []);
  }
  const form = CLAUSE_FORMS[word];
  if (form === undefined || !paren) return undefined;
  const mark = c.mark;
  c.next();
  c.next();
  if (!clauseAhead(ctx, form.words)) {
    c.reset(mark);
    return undefined;
  }
  return form.parse(ctx, word.toLowerCase());
}
