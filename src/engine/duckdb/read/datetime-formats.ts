/**
 * Spark's `dateFormat` / `timestampFormat` for the readers: the strptime format DuckDB's
 * readers take natively when it reads exactly what Spark reads, and otherwise SQL that
 * parses the text (from `../datetime/`, which owns pattern translation). The fast plans
 * need a parse that fails on text that does not match, the exact plans one that gives null.
 */
import {
  parseDateSql,
  parseTimestampSql,
  strptimeMatchesSpark,
  toStrptime,
} from "../datetime/index.js";
import { quoteString } from "../sql-quote.js";

/** True when a Spark pattern carries an offset or zone (`XXX`, `Z`, `VV`, `z`, `O`, `x`). */
export function patternHasZone(pattern: string): boolean {
  const unquoted = pattern.replace(/'[^']*'/g, "");
  return /[XxZzVO]/.test(unquoted);
}

/** The strptime format for DuckDB's reader options (`dateformat`, `timestampformat`). */
export function readerFormat(pattern: string): string {
  return toStrptime(pattern);
}

/** True when DuckDB's reader, given {@link readerFormat}, reads what Spark reads with `pattern`. */
export function readerExact(pattern: string): boolean {
  return strptimeMatchesSpark(pattern);
}

/** SQL: true when text `v` parses as a date (Spark's default `yyyy-MM-dd`, or `pattern`). */
export function dateTestSql(v: string, pattern: string | undefined): string {
  if (pattern === undefined) {
    return `(regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') AND TRY_CAST(${v} AS DATE) IS NOT NULL)`;
  }
  return `(${parseDateSql(v, pattern)} IS NOT NULL)`;
}

/** SQL: true when text `v` parses as a timestamp (Spark's lenient default, or `pattern`). */
export function timestampTestSql(v: string, pattern: string | undefined): string {
  // The cheap guard first: text not starting with a year is never a timestamp by default.
  if (pattern === undefined) {
    return `(regexp_matches(${v}, '^\\s*[+-]?[0-9]{4}') AND TRY_CAST(${v} AS TIMESTAMPTZ) IS NOT NULL)`;
  }
  return `(${parseTimestampSql(v, pattern)} IS NOT NULL)`;
}

/** `parsed`, or a statement error when text `v` is there but did not parse. */
function orFail(v: string, parsed: string, type: string, pattern: string): string {
  const message = `concat('Could not parse "', ${v}, '" as ${type.toLowerCase()} with pattern ', ${quoteString(pattern)})`;
  return `CASE WHEN ${v} IS NOT NULL AND ${parsed} IS NULL THEN CAST(error(${message}) AS ${type}) ELSE ${parsed} END`;
}

/** SQL: text `v` as a Spark timestamp (an instant; no offset means the session time zone). */
export function timestampSql(v: string, pattern: string | undefined, strict: boolean): string {
  // Spark's default (lenient) timestamp parser trims the text.
  if (pattern === undefined)
    return strict ? `CAST(trim(${v}) AS TIMESTAMPTZ)` : `TRY_CAST(trim(${v}) AS TIMESTAMPTZ)`;
  const parsed = parseTimestampSql(v, pattern);
  return strict ? orFail(v, parsed, "TIMESTAMPTZ", pattern) : parsed;
}

/** SQL: text `v` as a date. */
export function dateSql(v: string, pattern: string | undefined, strict: boolean): string {
  if (pattern === undefined) return strict ? `CAST(${v} AS DATE)` : `TRY_CAST(${v} AS DATE)`;
  const parsed = parseDateSql(v, pattern);
  return strict ? orFail(v, parsed, "DATE", pattern) : parsed;
}

const UTC_ZONES = new Set([
  "utc",
  "etc/utc",
  "gmt",
  "etc/gmt",
  "z",
  "zulu",
  "etc/zulu",
  "universal",
  "etc/universal",
  "greenwich",
  "etc/greenwich",
  "gmt0",
  "etc/gmt0",
  "+00:00",
  "-00:00",
  "utc+0",
  "gmt+0",
  "etc/gmt+0",
  "etc/gmt-0",
]);

/**
 * True for a session time zone equal to UTC: wall-clock timestamps then convert to instants
 * bit for bit, far cheaper than DuckDB's time-zone-aware cast.
 */
export function isUtc(zone: string): boolean {
  return UTC_ZONES.has(zone.trim().toLowerCase());
}
