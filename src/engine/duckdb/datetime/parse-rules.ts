/**
 * How each Spark pattern letter is parsed on DuckDB. Spark (java.time) is strict about
 * widths and DuckDB's strptime is not, so every field has a regular expression that
 * checks its exact shape, a strptime specifier for its value and, where DuckDB reads a
 * different text than Spark accepts (`yy`, an offset `Z`, hour 24 for `k`...), SQL that
 * rewrites the captured text first.
 */
import { quoteString } from "../sql-quote.js";
import { checkLetter } from "./letters.js";
import { untranslatable } from "./pattern-errors.js";
import type { FieldToken } from "./tokens.js";

/** The parsing of one field. */
export interface ParseRule {
  /** RE2 for the field's text, without capture groups; matched case-insensitively. */
  readonly regex: string;
  /** The strptime specifier that reads the (normalized) text. */
  readonly spec: string;
  /** SQL turning the captured text (SQL `captured`) into what `spec` reads. */
  readonly normalize?: (captured: string) => string;
  /** The specifier for the raw text in a plain strptime format, if DuckDB has one. */
  readonly raw?: string;
  /** True when `raw` reads every text Spark accepts as Spark does. */
  readonly exact: boolean;
  /** A zone or offset (DuckDB returns TIMESTAMPTZ). */
  readonly zone: boolean;
}

const MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec";
const MONTH_NAMES =
  "january|february|march|april|may|june|july|august|september|october|november|december";
const ZONE_ID = "[a-z][a-z0-9_/+-]*";
/** Offset shapes of X/x by count: +HHmm, +HHMM, +HH:MM, +HHMMss, +HH:MM:ss. */
const OFFSETS = [
  "[+-][0-9]{2}(?:[0-9]{2})?",
  "[+-][0-9]{4}",
  "[+-][0-9]{2}:[0-9]{2}",
  "[+-][0-9]{4}(?:[0-9]{2})?",
  "[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2})?",
];

const digits = (min: number, max: number): string =>
  min === max ? `[0-9]{${min}}` : `[0-9]{${min},${max}}`;

const rule = (regex: string, spec: string, more: Partial<ParseRule> = {}): ParseRule => ({
  regex,
  spec,
  raw: spec,
  exact: true,
  zone: false,
  ...more,
});

/** `+HHMMss` with seconds gets colons: DuckDB's %z reads +HH, +HHMM, +HH:MM, +HH:MM:SS. */
const colonSeconds = (g: string): string =>
  `CASE WHEN length(${g}) = 7 THEN substr(${g}, 1, 3) || ':' || substr(${g}, 4, 2) || ':' || substr(${g}, 6, 2) ELSE ${g} END`;

/** `GMT`, `GMT+8`, `GMT+05:30` -> what %z reads. */
const gmt = (g: string): string =>
  `CASE WHEN upper(${g}) = 'GMT' THEN '+00' ELSE regexp_replace(substr(${g}, 4), ${quoteString("^([+-])([0-9])(:|$)")}, ${quoteString("\\10\\2\\3")}) END`;

/**
 * The parsing of one field token (Spark's rules are checked first).
 *
 * @example
 * ```ts
 * parseRule("yy", { kind: "field", letter: "y", count: 2, position: 0 }).spec; // "%Y"
 * ```
 */
export function parseRule(pattern: string, token: FieldToken): ParseRule {
  checkLetter(pattern, token, "parsing");
  const { letter, count } = token;
  const short = count === 1;
  const offset = OFFSETS[count - 1] ?? "";
  switch (letter) {
    case "y":
      // Spark reads two digits as 2000-2099; DuckDB's %y as 1969-2068.
      if (count === 2)
        return rule(digits(2, 2), "%Y", {
          normalize: (g) => `'20' || ${g}`,
          raw: "%y",
          exact: false,
        });
      if (count <= 4) return rule(digits(count === 1 ? 1 : count, 4), "%Y");
      return rule(digits(count, 6), "%Y", {
        normalize: (g) => `CAST(CAST(${g} AS INTEGER) AS VARCHAR)`,
        raw: undefined,
        exact: false,
      });
    case "M":
    case "L":
      if (count === 3) return rule(MONTHS, "%b");
      if (count === 4) return rule(MONTH_NAMES, "%B");
      return rule(digits(count, 2), "%m", { raw: short ? "%-m" : "%m" });
    case "d":
      return rule(digits(count, 2), "%d", { raw: short ? "%-d" : "%d" });
    case "D":
      return rule(digits(count, 3), "%j", { raw: short ? "%-j" : "%j" });
    case "a":
      return rule("am|pm", "%p");
    case "h":
      return rule(digits(count, 2), "%I", { raw: short ? "%-I" : "%I" });
    case "K":
      return rule(digits(count, 2), "%I", {
        normalize: (g) =>
          `CASE WHEN CAST(${g} AS INTEGER) = 0 THEN '12' WHEN CAST(${g} AS INTEGER) < 12 THEN ${g} END`,
        raw: undefined,
        exact: false,
      });
    case "k":
      return rule(digits(count, 2), "%H", {
        normalize: (g) =>
          `CASE WHEN CAST(${g} AS INTEGER) = 24 THEN '0' WHEN CAST(${g} AS INTEGER) > 0 THEN ${g} END`,
        raw: undefined,
        exact: false,
      });
    case "H":
      return rule(digits(count, 2), "%H", { raw: short ? "%-H" : "%H" });
    case "m":
      return rule(digits(count, 2), "%M", { raw: short ? "%-M" : "%M" });
    case "s":
      return rule(digits(count, 2), "%S", { raw: short ? "%-S" : "%S" });
    case "S":
      // Spark reads 1 to `count` digits and truncates past microseconds; DuckDB's %n
      // rounds them when the text has an offset, so the text is cut to six digits.
      if (count <= 6) return rule(digits(1, count), "%f", { raw: count === 3 ? "%g" : "%f" });
      return rule(digits(1, count), "%f", {
        normalize: (g) => `left(${g}, 6)`,
        raw: "%n",
        exact: false,
      });
    case "V":
      return rule(ZONE_ID, "%Z", { zone: true, exact: false });
    case "z":
      if (count === 4) {
        throw untranslatable(
          pattern,
          token,
          "parsing",
          "is a full zone name (Pacific Standard Time), which DuckDB cannot read",
          "Use VV for zone ids or z for abbreviations such as PST.",
        );
      }
      return rule(ZONE_ID, "%Z", { zone: true, exact: false });
    case "O":
      return rule(
        count === 1 ? "gmt(?:[+-][0-9]{1,2}(?::[0-9]{2})?)?" : "gmt(?:[+-][0-9]{2}:[0-9]{2})?",
        "%z",
        { normalize: gmt, raw: undefined, exact: false, zone: true },
      );
    case "X":
      return rule(`z|${offset}`, "%z", {
        normalize: (g) =>
          `CASE WHEN upper(${g}) = 'Z' THEN '+00' ELSE ${count === 4 ? colonSeconds(g) : g} END`,
        exact: false,
        zone: true,
      });
    case "x":
      return rule(
        offset,
        "%z",
        count === 4 ? { normalize: colonSeconds, exact: false, zone: true } : { zone: true },
      );
    case "Z":
      if (count <= 3) return rule("[+-][0-9]{4}", "%z", { zone: true });
      if (count === 4)
        return rule("gmt(?:[+-][0-9]{2}:[0-9]{2})?", "%z", {
          normalize: gmt,
          raw: undefined,
          exact: false,
          zone: true,
        });
      return parseRule(pattern, { ...token, letter: "X" });
    default:
      // G: an era would turn a year-of-era into a proleptic year; DuckDB reads neither.
      throw untranslatable(
        pattern,
        token,
        "parsing",
        "has no DuckDB equivalent",
        "Remove the era from the text and the pattern (years are AD).",
      );
  }
}
