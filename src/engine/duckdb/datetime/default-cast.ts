/**
 * Spark's casts of text to timestamp and date (`to_timestamp(s)` / `to_date(s)` without a
 * pattern, `DateTimeUtils.stringToTimestamp` / `stringToDate`), with NULL for text they
 * reject. DuckDB's own casts differ: they refuse surrounding spaces, `2024-03` and
 * `UTC` after the time, and throw on unknown zones.
 */
import { instantSql, isUtc } from "../compiler/wall-clock.js";
import { quoteString } from "../sql-quote.js";
import { bindSql, bindUnlessColumn } from "./bind.js";

/**
 * Surrounding spaces; year; then optionally `-[m]m`, `-[d]d`, ` ` or `T`, `[h]h`,
 * `:[m]m`, `:[s]s`, `.fraction` (any digits, truncated to micros) and, after the
 * seconds only, a zone. Years have four digits here (Spark: 4-6), as DuckDB's %Y reads.
 */
const TIMESTAMP_RE =
  "^\\s*\\+?([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2})(?:[ T]([0-9]{1,2})(?::([0-9]{1,2})(?::([0-9]{1,2})(?:\\.([0-9]*))?(?:\\s*([^\\s0-9.]\\S*))?)?)?)?)?)?\\s*$";
const TIMESTAMP_GROUPS = ["y", "mo", "d", "h", "mi", "s", "f", "z"];

/**
 * The common shapes (full date, optional time to micros with `Z` or `+hh:mm`), on which
 * DuckDB's own cast agrees with Spark: ten times faster than the general path. Hours stop
 * at 23 and offsets at 17:59 because DuckDB's cast takes `24:00:00` and `+23:00`.
 */
const COMMON_TIMESTAMP_RE =
  "^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T](?:[01][0-9]|2[0-3]):[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,6})?(?:Z|[+-](?:0[0-9]|1[0-7]):[0-5][0-9])?)?$";
/** COMMON_TIMESTAMP_RE without a zone: wall-clock time in the session zone. */
const COMMON_LOCAL_RE =
  "^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T](?:[01][0-9]|2[0-3]):[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,6})?)?$";
const COMMON_DATE_RE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/**
 * Rewrites of Spark's offset spellings into what DuckDB's %z reads (`+hh`, `+hhmm`,
 * `+hh:mm`, `+hh:mm:ss`): `Z`/`UTC`/`GMT`/`UT` alone or as a prefix, one-digit hours,
 * `+hhmmss`. Zone names pass unchanged, for %Z.
 */
const ZONE_REWRITES: readonly (readonly [string, string])[] = [
  ["^(?:Z|UTC|GMT|UT)$", "+00"],
  ["^(?:UTC|GMT|UT)([+-])", "\\1"],
  ["^([+-])([0-9])(:|$)", "\\10\\2\\3"],
  ["^([+-][0-9]{2})([0-9]{2})([0-9]{2})$", "\\1:\\2:\\3"],
];

/** Spark's date cast: year (4-7 digits, signed), `-[m]m`, `-[d]d`, then ` ` or `T` and anything. */
const DATE_RE = "(?s)^\\s*([+-]?[0-9]{4,7})(?:-([0-9]{1,2})(?:-([0-9]{1,2})(?:[ T].*)?)?)?\\s*$";

const or = (value: string, fallback: string): string =>
  `coalesce(nullif(${value}, ''), '${fallback}')`;

/**
 * SQL: Spark's cast of text to timestamp, as a TIMESTAMPTZ. Text without a zone is
 * wall-clock time in the session time zone. Time-only text (`07:08:09`, which Spark
 * puts on today's date) and years beyond four digits give NULL.
 *
 * @example
 * ```ts
 * defaultTimestampSql("s"); // '2024-03-05T07:08:09Z' -> 2024-03-05 07:08:09+00
 * ```
 */
export function defaultTimestampSql(textSql: string, timeZone?: string): string {
  return bindUnlessColumn(textSql, "dt_text", (t) => {
    const common = `CASE WHEN regexp_full_match(${t}, ${quoteString(COMMON_TIMESTAMP_RE)}) THEN TRY_CAST(${t} AS TIMESTAMPTZ) ELSE ${generalTimestampSql(t, timeZone)} END`;
    if (timeZone === undefined || isUtc(timeZone)) return common;
    // Zone-less text is wall-clock time, read as Spark reads a repeated (DST) hour.
    const naive = instantSql(`TRY_CAST(${t} AS TIMESTAMP)`, timeZone);
    return `CASE WHEN regexp_full_match(${t}, ${quoteString(COMMON_LOCAL_RE)}) THEN ${naive} ELSE ${common} END`;
  });
}

/** Every shape Spark takes: the fields are captured, then read by strptime. */
function generalTimestampSql(text: string, timeZone?: string): string {
  const names = TIMESTAMP_GROUPS.map(quoteString).join(", ");
  const struct = `regexp_extract(${text}, ${quoteString(TIMESTAMP_RE)}, [${names}])`;
  return bindSql(struct, "dt_m", (m) => {
    const local = [
      ...[`${m}.y`, `'-'`, or(`${m}.mo`, "1"), `'-'`, or(`${m}.d`, "1"), `' '`],
      ...[or(`${m}.h`, "0"), `':'`, or(`${m}.mi`, "0"), `':'`, or(`${m}.s`, "0")],
      ...[`'.'`, `left(${m}.f || '0', 6)`],
    ].join(" || ");
    const rewritten = ZONE_REWRITES.reduce(
      (sql, [re, by]) => `regexp_replace(${sql}, ${quoteString(re)}, ${quoteString(by)})`,
      `${m}.z`,
    );
    // `Z` is by far the most common zone; it skips the four rewrites.
    const zone = `CASE WHEN ${m}.z = 'Z' THEN '+00' ELSE ${rewritten} END`;
    const localFormat = "%Y-%m-%d %H:%M:%S.%f";
    const read = (z: string, spec: string): string =>
      `try_strptime(${local} || ' ' || ${z}, ${quoteString(`${localFormat} ${spec}`)})`;
    // An offset (java.time allows up to 18 hours) is read by %z, a name by %Z: one format
    // each, as strptime with a list of formats is ten times slower.
    const zoned = (z: string): string =>
      `CASE WHEN left(${z}, 1) NOT IN ('+', '-') THEN ${read(z, "%Z")} WHEN TRY_CAST(substr(${z}, 2, 2) AS INTEGER) <= 18 THEN ${read(z, "%z")} END`;
    // With %Z, DuckDB builds the value through ICU, which rolls 30 February over to
    // 1 March, so the local part must parse on its own first.
    const value = (local: string): string =>
      `CASE WHEN ${m}.z = '' THEN ${instantSql(local, timeZone)} WHEN ${local} IS NOT NULL THEN ${bindSql(zone, "dt_zone", zoned)} END`;
    const naive = `try_strptime(${local}, ${quoteString(localFormat)})`;
    // The year is never empty in a match, so an empty year means no match.
    return `CASE WHEN ${m}.y <> '' THEN ${bindSql(naive, "dt_local", value)} END`;
  });
}

/**
 * SQL: Spark's cast of text to date (`2024`, `2024-3`, `2024-03-05`, `2024-03-05T...`).
 *
 * @example
 * ```ts
 * defaultDateSql("s"); // ' 2024-3-5 ' -> 2024-03-05
 * ```
 */
export function defaultDateSql(textSql: string): string {
  const names = ["y", "mo", "d"].map(quoteString).join(", ");
  const int = (value: string): string => `CAST(${value} AS INTEGER)`;
  const general = (text: string): string =>
    bindSql(
      `regexp_extract(${text}, ${quoteString(DATE_RE)}, [${names}])`,
      "dt_m",
      (m) =>
        `CASE WHEN ${m}.y <> '' THEN TRY(make_date(${int(`${m}.y`)}, ${int(or(`${m}.mo`, "1"))}, ${int(or(`${m}.d`, "1"))})) END`,
    );
  return bindUnlessColumn(
    textSql,
    "dt_text",
    (t) =>
      `CASE WHEN regexp_full_match(${t}, ${quoteString(COMMON_DATE_RE)}) THEN TRY_CAST(${t} AS DATE) ELSE ${general(t)} END`,
  );
}
