/**
 * A position in a token list with the small vocabulary recursive-descent parsers need
 * (peek, accept, expect) and Spark-style errors naming what was expected.
 *
 * @example
 * ```ts
 * const c = TokenCursor.of("decimal(10, 2)");
 * c.acceptWord("decimal"); // true
 * c.expectOp("(");
 * ```
 */
import type { AnalysisError, ErrorCode } from "../errors.js";
import { type Token, tokenize } from "./sql-lexer.js";
import { syntaxError } from "./syntax-error.js";

/** An identifier as written: a bare word or a back-quoted name. */
export interface Identifier {
  readonly name: string;
  readonly quoted: boolean;
  readonly token: Token;
}

/**
 * The upper-cased text of a word that can be a keyword, or "" for anything else.
 * Keywords are ASCII: `ın` must not upper-case into the keyword IN.
 *
 * @example
 * ```ts
 * keywordOf(TokenCursor.of("select").peek()); // "SELECT"
 * ```
 */
export function keywordOf(t: Token): string {
  return t.kind === "word" && /^[A-Za-z0-9_]+$/.test(t.text) ? t.text.toUpperCase() : "";
}

export class TokenCursor {
  readonly text: string;
  private readonly tokens: Token[];
  private index = 0;

  constructor(text: string, tokens: Token[]) {
    this.text = text;
    this.tokens = tokens;
  }

  static of(text: string): TokenCursor {
    return new TokenCursor(text, tokenize(text));
  }

  /** The token `k` places ahead (the `eof` token past the end). */
  peek(k = 0): Token {
    const last = this.tokens[this.tokens.length - 1];
    const token = this.tokens[this.index + k] ?? last;
    if (token === undefined) throw new Error("TokenCursor: empty token list");
    return token;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== "eof") this.index++;
    return token;
  }

  get atEnd(): boolean {
    return this.peek().kind === "eof";
  }

  /** Where the parser is, to come back to after a look-ahead. */
  get mark(): number {
    return this.index;
  }

  reset(mark: number): void {
    this.index = mark;
  }

  /** True when the token `k` ahead is a bare word equal (ignoring case) to one of `words`. */
  isWord(words: string | readonly string[], k = 0): boolean {
    const upper = keywordOf(this.peek(k));
    if (upper === "") return false;
    const list = typeof words === "string" ? [words] : words;
    return list.some((w) => w.toUpperCase() === upper);
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.next();
    return true;
  }

  expectWord(word: string, hint?: string): Token {
    if (!this.isWord(word)) this.fail(word, hint);
    return this.next();
  }

  isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === "op" && t.text === op;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.next();
    return true;
  }

  expectOp(op: string, hint?: string): Token {
    if (!this.isOp(op)) this.fail(`'${op}'`, hint);
    return this.next();
  }

  /**
   * Consumes one `>` closing a type parameter list, splitting `>>`, `>=`... as Spark's lexer
   * does inside `array<array<int>>`.
   */
  acceptCloseAngle(): boolean {
    const t = this.peek();
    if (t.kind !== "op" || !t.text.startsWith(">")) return false;
    if (t.text === ">") {
      this.next();
      return true;
    }
    const rest = t.text.slice(1);
    this.tokens[this.index] = {
      kind: "op",
      text: rest,
      value: rest,
      start: t.start + 1,
      end: t.end,
    };
    return true;
  }

  /** Reads a bare word or back-quoted name, or fails naming `what` was expected. */
  identifier(what: string, hint?: string): Identifier {
    const t = this.peek();
    if (t.kind === "word" && !/^[0-9]+$/.test(t.text)) {
      this.next();
      return { name: t.text, quoted: false, token: t };
    }
    if (t.kind === "quoted") {
      this.next();
      return { name: t.value, quoted: true, token: t };
    }
    return this.fail(what, hint);
  }

  /** The error for the current token, saying what was expected instead. */
  error(expected: string, hint?: string, token: Token = this.peek()): AnalysisError {
    return syntaxError({
      text: this.text,
      offset: token.start,
      near: token.kind === "eof" ? undefined : token.text,
      expected,
      ...(hint === undefined ? {} : { hint }),
    });
  }

  fail(expected: string, hint?: string, token?: Token): never {
    throw this.error(expected, hint, token);
  }

  /** A non-syntax error (unsupported type, bad literal) pointing at `token`. */
  failAt(token: Token, code: ErrorCode, headline: string, hint?: string): never {
    throw syntaxError({
      text: this.text,
      offset: token.start,
      near: token.kind === "eof" ? undefined : token.text,
      code,
      headline,
      ...(hint === undefined ? {} : { hint }),
    });
  }
}
