/**
 * Spark SQL's lexical rules (SqlBaseLexer.g4), shared by the DDL codec and the expression
 * parser: words, back-quoted identifiers, strings with Spark's escapes, numbers with their
 * suffixes, operators, comments and whitespace. Keywords are plain words; parsers decide.
 *
 * @example
 * ```ts
 * tokenize("a >= 1.5 -- note").map((t) => t.text); // ["a", ">=", "1.5", ""]
 * ```
 */
import type { ErrorCode } from "../errors.js";
import { unescapeSparkString } from "./sql-string.js";
import { syntaxError } from "./syntax-error.js";

/** `eof` ends every token list; `quoted` is a back-quoted identifier. */
export type TokenKind = "word" | "quoted" | "string" | "number" | "op" | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token (empty for `eof`). */
  readonly text: string;
  /** Words and numbers: the text; `quoted` and `string`: the decoded value. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

// Longest first: the lexer takes the longest operator that matches.
const OPERATORS =
  "<=> >>> <= >= <> << >> == => != !< !> :: || -> < > = ! : | & ^ ~ + - * / % ( ) [ ] , . ? ;".split(
    " ",
  );

// Spark's WS rule. A string of characters, not a regex, because it includes \v.
const WHITESPACE = new Set(
  " \t\n\f\r\u000B\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u202F\u205F\u3000",
);
const WORD = /[\p{L}0-9_]+/uy;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?(?:bd|[dfsyl])?/iy;
const IDENT_CHAR = /[\p{L}0-9_]/u;

function matchAt(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

class Lexer {
  private readonly tokens: Token[] = [];
  private i = 0;

  constructor(private readonly text: string) {}

  run(): Token[] {
    while (this.skipTrivia()) {
      this.tokens.push(this.token());
    }
    const end = this.text.length;
    this.tokens.push({ kind: "eof", text: "", value: "", start: end, end });
    return this.tokens;
  }

  private fail(at: number, near: string, expected: string, hint?: string, code?: ErrorCode): never {
    throw syntaxError({
      text: this.text,
      offset: at,
      near,
      expected,
      ...(hint === undefined ? {} : { hint }),
      ...(code === undefined ? {} : { code }),
    });
  }

  /** Skips whitespace and comments; false at the end of the text. */
  private skipTrivia(): boolean {
    const t = this.text;
    for (;;) {
      if (WHITESPACE.has(t.charAt(this.i))) this.i++;
      else if (t.startsWith("--", this.i)) this.skipLineComment();
      else if (t.startsWith("/*", this.i)) this.skipBlockComment();
      else return this.i < t.length;
    }
  }

  private skipLineComment(): void {
    const t = this.text;
    while (this.i < t.length && t[this.i] !== "\n" && t[this.i] !== "\r") {
      // Spark lets a backslash-newline continue a line comment.
      this.i += t[this.i] === "\\" && t[this.i + 1] === "\n" ? 2 : 1;
    }
  }

  private skipBlockComment(): void {
    const t = this.text;
    const start = this.i;
    let depth = 0;
    while (this.i < t.length) {
      if (t.startsWith("/*", this.i)) {
        depth++;
        this.i += 2;
      } else if (t.startsWith("*/", this.i)) {
        depth--;
        this.i += 2;
        if (depth === 0) return;
      } else this.i++;
    }
    this.fail(
      start,
      "/*",
      "'*/' to close the comment",
      "Close the comment with */.",
      "UNCLOSED_BRACKETED_COMMENT",
    );
  }

  private make(kind: TokenKind, start: number, value?: string): Token {
    const text = this.text.slice(start, this.i);
    return { kind, text, value: value ?? text, start, end: this.i };
  }

  private token(): Token {
    const t = this.text;
    const start = this.i;
    const ch = t.charAt(start);
    if (ch === "'" || ch === '"') return this.string(start, ch, false);
    if ((ch === "r" || ch === "R") && (t[start + 1] === "'" || t[start + 1] === '"')) {
      return this.string(start, t.charAt(start + 1), true);
    }
    if (ch === "`") return this.backquoted(start);
    const num = /[0-9.]/.test(ch) ? matchAt(NUMBER, t, start) : undefined;
    const word = matchAt(WORD, t, start);
    // ANTLR takes the longest match: `1e3x` and `12abc` are identifiers, `1e3` a number.
    if (num !== undefined && (word === undefined || num.length >= word.length)) {
      this.i = start + num.length;
      if (this.i < t.length && IDENT_CHAR.test(t.charAt(this.i))) {
        this.fail(
          start,
          t.slice(start, this.i + 1),
          "a number",
          "Separate the number from the name after it.",
        );
      }
      return this.make("number", start);
    }
    if (word !== undefined) {
      this.i = start + word.length;
      return this.make("word", start);
    }
    const op = OPERATORS.find((o) => t.startsWith(o, start));
    if (op === undefined) {
      const bad = String.fromCodePoint(t.codePointAt(start) ?? 0);
      return this.fail(
        start,
        bad,
        "a name, a literal or an operator",
        `The character '${bad}' has no meaning in Spark SQL here; quote names with backquotes.`,
      );
    }
    this.i = start + op.length;
    return this.make("op", start);
  }

  private string(start: number, quote: string, raw: boolean): Token {
    const t = this.text;
    let j = start + (raw ? 2 : 1);
    while (j < t.length && t[j] !== quote) j += t[j] === "\\" && !raw ? 2 : 1;
    if (j >= t.length) {
      this.fail(
        start,
        t.slice(start, start + 20),
        `a closing ${quote} for this string`,
        `Close the string with ${quote}; write \\${quote} for a quote inside it.`,
      );
    }
    const body = t.slice(start + (raw ? 2 : 1), j);
    this.i = j + 1;
    return this.make("string", start, raw ? body : unescapeSparkString(body));
  }

  private backquoted(start: number): Token {
    const t = this.text;
    let j = start + 1;
    let value = "";
    for (;;) {
      if (j >= t.length) {
        this.fail(
          start,
          t.slice(start, start + 20),
          "a closing ` for this name",
          "Close the name with `; write `` for a backquote inside it.",
        );
      }
      if (t[j] === "`") {
        if (t[j + 1] !== "`") break;
        value += "`";
        j += 2;
      } else {
        value += t.charAt(j);
        j++;
      }
    }
    this.i = j + 1;
    return this.make("quoted", start, value);
  }
}

/**
 * Splits Spark SQL text into tokens, ending with an `eof` token. Throws a
 * `PARSE_SYNTAX_ERROR` AnalysisError for unclosed strings, names or comments.
 *
 * @example
 * ```ts
 * tokenize("`my col` = 'x'").map((t) => t.kind); // ["quoted", "op", "string", "eof"]
 * ```
 */
export function tokenize(text: string): Token[] {
  return new Lexer(text).run();
}
