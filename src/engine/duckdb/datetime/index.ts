/**
 * Spark datetime patterns (`yyyy-MM-dd HH:mm:ss.SSS`, `EEE, d MMM yyyy`, `XXX`...) on
 * DuckDB. Contract: `sql.ts` builds SQL with Spark's results for `date_format`,
 * `to_timestamp`, `to_date`, `unix_timestamp` and `from_unixtime`; `pattern.ts` gives
 * plain strftime / strptime formats where one format can express the pattern. A pattern
 * Spark rejects throws `AnalysisError` (`INVALID_DATETIME_PATTERN`); one DuckDB cannot
 * express throws `UnsupportedOperationError`, naming the index and the letter.
 */

export {
  formatPieces,
  strptimeFormats,
  strptimeMatchesSpark,
  tokenizePattern,
  toStrftime,
  toStrptime,
} from "./pattern.js";
export { FORMAT_LETTERS, PARSE_LETTERS } from "./pattern-errors.js";
export {
  DEFAULT_PATTERN,
  formatSql,
  fromUnixtimeSql,
  parseDateSql,
  parseTimestampSql,
  unixTimestampSql,
} from "./sql.js";
export type { PatternToken } from "./tokens.js";
