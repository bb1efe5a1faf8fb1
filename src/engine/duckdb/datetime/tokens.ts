/**
 * Splits a Spark datetime pattern into tokens, following `DateTimeFormatterBuilder`'s
 * grammar (which Spark 3+ uses): runs of one ASCII letter are fields, text in single
 * quotes is literal (`''` is a quote), `[` `]` delimit optional sections, and every other
 * character is literal. Pure: no SQL, no engine.
 */
import { invalidPattern } from "./pattern-errors.js";

/** A run of one pattern letter (`yyyy` is letter `y`, count 4) at a 0-based index. */
export interface FieldToken {
  readonly kind: "field";
  readonly letter: string;
  readonly count: number;
  readonly position: number;
}

/** Literal text, already unquoted. */
export interface LiteralToken {
  readonly kind: "literal";
  readonly text: string;
  readonly position: number;
}

/** An optional section `[...]`. */
export interface OptionalToken {
  readonly kind: "optional";
  readonly tokens: readonly PatternToken[];
  readonly position: number;
}

export type PatternToken = FieldToken | LiteralToken | OptionalToken;

/** A token of a pattern with its optional sections resolved. */
export type FlatToken = FieldToken | LiteralToken;

/** More variants than this means the pattern is almost certainly a mistake. */
const MAX_VARIANTS = 64;

/**
 * The tokens of a Spark datetime pattern.
 *
 * @example
 * ```ts
 * tokenizePattern("d MMM ''yy");
 * // [field d×1, literal " ", field M×3, literal " '", field y×2]
 * ```
 */
export function tokenizePattern(pattern: string): PatternToken[] {
  const root: PatternToken[] = [];
  const open: { readonly outer: PatternToken[]; readonly position: number }[] = [];
  let current = root;
  const literal = (text: string, position: number): void => {
    const last = current.at(-1);
    if (last?.kind === "literal") current[current.length - 1] = { ...last, text: last.text + text };
    else current.push({ kind: "literal", text, position });
  };
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern.charAt(i);
    if (/[A-Za-z]/.test(ch)) {
      let end = i;
      while (pattern.charAt(end) === ch) end++;
      current.push({ kind: "field", letter: ch, count: end - i, position: i });
      i = end;
    } else if (ch === "'") {
      const [text, end] = quoted(pattern, i);
      literal(text, i);
      i = end;
    } else if (ch === "[") {
      open.push({ outer: current, position: i });
      current = [];
      i++;
    } else if (ch === "]") {
      const section = open.pop();
      if (section === undefined) {
        throw invalidPattern(pattern, i, "']' closes no optional section opened with '['");
      }
      section.outer.push({ kind: "optional", tokens: current, position: section.position });
      current = section.outer;
      i++;
    } else if (ch === "{" || ch === "}" || ch === "#") {
      throw invalidPattern(pattern, i, `'${ch}' is reserved; quote it ('${ch}') to use it as text`);
    } else {
      literal(ch, i);
      i++;
    }
  }
  // Like java.time, an optional section still open at the end closes there.
  for (let section = open.pop(); section !== undefined; section = open.pop()) {
    section.outer.push({ kind: "optional", tokens: current, position: section.position });
    current = section.outer;
  }
  return root;
}

/** The text of the quoted literal starting at `start`, and the index after it. */
function quoted(pattern: string, start: number): [string, number] {
  if (pattern.charAt(start + 1) === "'") return ["'", start + 2];
  let text = "";
  let i = start + 1;
  while (i < pattern.length) {
    if (pattern.charAt(i) !== "'") {
      text += pattern.charAt(i);
      i++;
    } else if (pattern.charAt(i + 1) === "'") {
      text += "'";
      i += 2;
    } else {
      return [text, i + 1];
    }
  }
  throw invalidPattern(pattern, start, "the quoted text starting here is never closed");
}

/**
 * Every way the optional sections can be present or absent, most complete first (the
 * order in which java.time tries them).
 *
 * @example
 * ```ts
 * expandOptional(tokenizePattern("HH:mm[:ss]")).length; // 2
 * ```
 */
export function expandOptional(pattern: string, tokens: readonly PatternToken[]): FlatToken[][] {
  let variants: FlatToken[][] = [[]];
  for (const token of tokens) {
    if (token.kind !== "optional") {
      variants = variants.map((v) => [...v, token]);
      continue;
    }
    const inner = expandOptional(pattern, token.tokens);
    variants = variants.flatMap((v) => [...inner.map((i) => [...v, ...i]), v]);
    if (variants.length > MAX_VARIANTS) {
      throw invalidPattern(pattern, token.position, "has too many optional sections to parse");
    }
  }
  return variants;
}

/**
 * The tokens with optional sections inlined: what formatting prints, since a timestamp
 * has every field an optional section can ask for.
 *
 * @example
 * ```ts
 * flattenOptional(tokenizePattern("HH:mm[:ss]")).length; // 5
 * ```
 */
export function flattenOptional(tokens: readonly PatternToken[]): FlatToken[] {
  return tokens.flatMap((t) => (t.kind === "optional" ? flattenOptional(t.tokens) : [t]));
}
