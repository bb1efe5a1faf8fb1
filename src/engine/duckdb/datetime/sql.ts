/**
 * SQL for Spark's datetime functions on DuckDB, given the SQL of the argument (already
 * compiled; nothing here quotes identifiers) and a Spark pattern.
 *
 * Timestamps: Spark's `timestamp` is an instant shown in the session time zone; here it is
 * DuckDB's TIMESTAMPTZ, and the caller sets the session zone (`SET TimeZone = '...'`, ICU
 * is built in). Formatting prints the session zone's wall-clock time; parsing reads text
 * without a zone as wall-clock time in the session zone.
 */
import { quoteString } from "../sql-quote.js";
import { bindSql } from "./bind.js";
import { defaultDateSql, defaultTimestampSql } from "./default-cast.js";
import { patternParseSql } from "./parse-sql.js";
import { formatPieces } from "./pattern.js";

/** Spark's default pattern of `unix_timestamp` and `from_unixtime`. */
export const DEFAULT_PATTERN = "yyyy-MM-dd HH:mm:ss";

/**
 * Spark's `date_format(ts, pattern)`. `tsSql` is a TIMESTAMPTZ, TIMESTAMP or DATE (cast
 * to TIMESTAMPTZ, so a date is midnight in the session zone, as in Spark).
 *
 * @example
 * ```ts
 * formatSql('"ts"', "EEE, d MMM yyyy"); // strftime(CAST("ts" AS TIMESTAMPTZ), '%a, %-d %b %Y')
 * ```
 */
export function formatSql(tsSql: string, pattern: string): string {
  const ts = `CAST(${tsSql} AS TIMESTAMPTZ)`;
  const pieces = formatPieces(pattern);
  // DuckDB's strftime refuses an empty format; Spark prints an empty string.
  if (pieces.length === 0) return `CASE WHEN ${ts} IS NOT NULL THEN '' END`;
  const [only] = pieces;
  if (pieces.length === 1 && only?.kind === "strftime") {
    return `strftime(${ts}, ${quoteString(only.format)})`;
  }
  return bindSql(ts, "dt_ts", (t) =>
    pieces
      .map((p) => (p.kind === "strftime" ? `strftime(${t}, ${quoteString(p.format)})` : p.sql(t)))
      .join(" || "),
  );
}

/**
 * Spark's `to_timestamp(text[, pattern])` with ANSI mode off: a TIMESTAMPTZ, NULL when the
 * text does not parse. Without a pattern, Spark's lenient cast of ISO-like text.
 *
 * @example
 * ```ts
 * parseTimestampSql('"s"', "dd/MM/yyyy HH:mm"); // '05/03/2024 07:08' -> 2024-03-05 07:08 (session zone)
 * ```
 */
export function parseTimestampSql(
  textSql: string,
  pattern: string | undefined,
  timeZone?: string,
): string {
  return pattern === undefined
    ? defaultTimestampSql(textSql, timeZone)
    : patternParseSql(textSql, pattern, timeZone);
}

/**
 * Spark's `to_date(text[, pattern])`: with a pattern, the timestamp it parses as a date in
 * the session zone; without one, Spark's cast of text to date.
 *
 * @example
 * ```ts
 * parseDateSql('"s"', "d/M/yyyy"); // '5/3/2024' -> 2024-03-05
 * ```
 */
export function parseDateSql(textSql: string, pattern: string | undefined): string {
  if (pattern === undefined) return defaultDateSql(textSql);
  // The date of a repeated wall-clock hour is the same either way: no zone needed.
  return `CAST(${patternParseSql(textSql, pattern, "UTC")} AS DATE)`;
}

/**
 * Spark's `unix_timestamp(text, pattern)`: whole seconds since the epoch (floored), NULL
 * when the text does not parse.
 *
 * @example
 * ```ts
 * unixTimestampSql("'1970-01-01 00:01:40'"); // 100 in UTC
 * ```
 */
export function unixTimestampSql(textSql: string, pattern?: string, timeZone?: string): string {
  const parsed = patternParseSql(textSql, pattern ?? DEFAULT_PATTERN, timeZone);
  return `CAST(epoch(date_trunc('second', ${parsed})) AS BIGINT)`;
}

/**
 * Spark's `from_unixtime(seconds, pattern)`: seconds since the epoch formatted in the
 * session zone.
 *
 * @example
 * ```ts
 * fromUnixtimeSql("0"); // '1970-01-01 00:00:00' in UTC
 * ```
 */
export function fromUnixtimeSql(secondsSql: string, pattern: string = DEFAULT_PATTERN): string {
  return formatSql(`to_timestamp(CAST(${secondsSql} AS BIGINT))`, pattern);
}
