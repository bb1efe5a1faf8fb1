/**
 * `expect_column_values_to_match_strftime_format` without Python: GE asks whether
 * `datetime.strptime(value, format)` succeeds. CPython's `_strptime` turns the format into a
 * regex (one group per directive, C-locale names, case-insensitive, whitespace as `\s+`)
 * that must match the whole value, then builds the date, which fails for a day past the
 * end of its month (the year defaults to 1900, so "02-29" with "%m-%d" fails). We build the
 * same regex (numbered groups, which Java regexes and RE2 both read) and check the day
 * against the month's last day with engine functions, so it runs on every engine.
 */
import type { Column } from "../../column/column.js";
import * as F from "../../column/functions/index.js";
import { IllegalArgumentError } from "../../errors.js";

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** Longest first, as CPython's `__seqToRE` orders alternatives. */
const names = (list: readonly string[]) =>
  `(${[...list].sort((a, b) => b.length - a.length).join("|")})`;

/** CPython 3.11's `TimeRE` for the C locale, with inner groups made non-capturing. */
const DIRECTIVES: Readonly<Record<string, string>> = {
  d: "(3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9])",
  f: "([0-9]{1,6})",
  H: "(2[0-3]|[0-1]\\d|\\d)",
  I: "(1[0-2]|0[1-9]|[1-9])",
  G: "(\\d\\d\\d\\d)",
  j: "(36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])",
  m: "(1[0-2]|0[1-9]|[1-9])",
  M: "([0-5]\\d|\\d)",
  S: "(6[0-1]|[0-5]\\d|\\d)",
  U: "(5[0-3]|[0-4]\\d|\\d)",
  W: "(5[0-3]|[0-4]\\d|\\d)",
  w: "([0-6])",
  u: "([1-7])",
  V: "(5[0-3]|0[1-9]|[1-4]\\d|\\d)",
  y: "(\\d\\d)",
  Y: "(\\d\\d\\d\\d)",
  z: "([+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|(?-i:Z))",
  A: names(DAYS),
  a: names(DAYS.map((d) => d.slice(0, 3))),
  B: names(MONTHS),
  b: names(MONTHS.map((m) => m.slice(0, 3))),
  p: "(am|pm)",
  Z: "(utc|gmt)",
};

/** The C locale's `%c`, `%x` and `%X`, which CPython expands before translating. */
const COMPOSITE: Readonly<Record<string, string>> = {
  c: "%a %b %d %H:%M:%S %Y",
  x: "%m/%d/%y",
  X: "%H:%M:%S",
};

/** The regex of a format, and the group number of each directive that fixes the date. */
export interface StrftimeRegex {
  readonly regex: string;
  readonly groups: Readonly<Record<string, number>>;
}

/**
 * Translates a strftime format, as CPython's `TimeRE.pattern` does.
 *
 * @example
 * ```ts
 * strftimeRegex("%Y-%m-%d").regex; // "(?i)^(\d\d\d\d)-(1[0-2]|0[1-9]|[1-9])-(3[0-1]|...)\z"
 * ```
 */
export function strftimeRegex(format: string): StrftimeRegex {
  const expanded = format.replace(/%([cxX])/g, (_m, d: string) => COMPOSITE[d] ?? "");
  const escaped = expanded.replace(/([\\.^$*+?(){}[\]|])/g, "\\$1").replace(/\s+/g, "\\s+");
  const groups: Record<string, number> = {};
  let group = 0;
  let regex = "";
  for (let i = 0; i < escaped.length; i++) {
    const ch = escaped[i] ?? "";
    if (ch !== "%") {
      regex += ch;
      continue;
    }
    const directive = escaped[++i];
    if (directive === undefined) throw badFormat(format, "stray % in format");
    const piece = DIRECTIVES[directive];
    if (directive === "%") {
      regex += "%";
      continue;
    }
    if (piece === undefined) throw badFormat(format, `'${directive}' is a bad directive in format`);
    groups[directive] ??= group + 1;
    group += 1;
    regex += piece;
  }
  return { regex: `(?i)^${regex}\\z`, groups };
}

function badFormat(format: string, reason: string): IllegalArgumentError {
  return new IllegalArgumentError(`Unable to use strftime_format "${format}": ${reason}.`);
}

function part(col: Column, regex: string, group: number | undefined): Column | undefined {
  if (group === undefined) return undefined;
  return F.trim(F.regexp_extract(col, regex, group)).try_cast("int");
}

function monthNumber(col: Column, regex: string, group: number): Column {
  const name = F.lower(F.regexp_extract(col, regex, group));
  let chain = F.when(name.eq("jan").or(name.eq("january")), 1);
  MONTHS.slice(1).forEach((month, i) => {
    chain = chain.when(name.eq(month.slice(0, 3)).or(name.eq(month)), i + 2);
  });
  return chain;
}

/**
 * True when a non-null string value would parse with `datetime.strptime(value, format)`.
 *
 * @example
 * ```ts
 * df.filter(strftimeCheck(F.col("day"), "%Y-%m-%d"));
 * ```
 */
export function strftimeCheck(col: Column, format: string): Column {
  const { regex, groups } = strftimeRegex(format);
  const matches = col.rlike(regex);
  const day = part(col, regex, groups.d);
  const month =
    part(col, regex, groups.m) ??
    (groups.B !== undefined ? monthNumber(col, regex, groups.B) : undefined) ??
    (groups.b !== undefined ? monthNumber(col, regex, groups.b) : undefined);
  const longYear = part(col, regex, groups.Y);
  const shortYear = part(col, regex, groups.y);
  if (day === undefined || month === undefined) {
    return longYear === undefined ? matches : matches.and(longYear.geq(1));
  }
  // CPython: %y 69-99 is 19xx, 00-68 is 20xx; no year at all is 1900 (not a leap year).
  const year =
    longYear ??
    (shortYear === undefined
      ? F.lit(1900)
      : F.when(shortYear.lt(69), shortYear.plus(2000)).otherwise(shortYear.plus(1900)));
  const lastDay = F.dayofmonth(F.last_day(F.make_date(year, month, F.lit(1))));
  return matches.and(year.geq(1)).and(day.leq(lastDay));
}
