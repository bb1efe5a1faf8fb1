/**
 * Spark's own rules on pattern letters (`DateTimeFormatterHelper`): which letters exist,
 * how many of each are allowed, and which Spark refuses for parsing. A pattern breaking
 * them fails in Spark too, so it fails here before any translation.
 */
import { invalidLetter } from "./pattern-errors.js";
import type { FieldToken } from "./tokens.js";

/** The most letters of each kind Spark accepts (five G/M/L/E/Q/q are narrow forms, refused). */
const MAX_COUNT: Readonly<Record<string, number>> = {
  G: 4,
  y: 6,
  M: 4,
  L: 4,
  d: 2,
  D: 3,
  Q: 4,
  q: 4,
  E: 4,
  F: 1,
  a: 1,
  h: 2,
  K: 2,
  k: 2,
  H: 2,
  m: 2,
  s: 2,
  S: 9,
  V: 2,
  z: 4,
  O: 4,
  X: 5,
  x: 5,
  Z: 5,
};

const WEEK_BASED = new Set(["Y", "w", "W", "u", "e", "c"]);
const REFUSED = new Set(["A", "n", "N", "p"]);
/** Spark: "Symbols of 'E', 'F', 'q' and 'Q' can only be used for datetime formatting". */
const FORMAT_ONLY = new Set(["E", "F", "q", "Q"]);

/**
 * Throws the `AnalysisError` Spark's rules call for, if `token` breaks one.
 *
 * @example
 * ```ts
 * checkLetter("dd/MM/YYYY", token, "parsing"); // throws: 'YYYY' is week-based
 * ```
 */
export function checkLetter(
  pattern: string,
  token: FieldToken,
  purpose: "formatting" | "parsing",
): void {
  const { letter, count } = token;
  if (WEEK_BASED.has(letter)) {
    throw invalidLetter(
      pattern,
      token,
      "is a week-based field, which Spark 3+ rejects (use extract or weekofyear instead)",
    );
  }
  if (REFUSED.has(letter)) throw invalidLetter(pattern, token, "is not a letter Spark allows");
  const max = MAX_COUNT[letter];
  if (max === undefined) throw invalidLetter(pattern, token, "is an unknown pattern letter");
  if (count > max) throw invalidLetter(pattern, token, `has too many letters (at most ${max})`);
  if (letter === "V" && count !== 2) throw invalidLetter(pattern, token, "must be exactly 'VV'");
  if (letter === "O" && count !== 1 && count !== 4) {
    throw invalidLetter(pattern, token, "must be 'O' or 'OOOO'");
  }
  if (purpose === "parsing" && FORMAT_ONLY.has(letter)) {
    throw invalidLetter(pattern, token, "is allowed by Spark for formatting only, not parsing");
  }
}
