/**
 * A Spark timestamp (DuckDB TIMESTAMPTZ) as wall-clock time in the session zone. In UTC the
 * wall clock is the epoch value itself, which avoids DuckDB's per-row ICU time-zone
 * conversion (a third of an ingest's time on 3 million rows); other zones go through ICU.
 * The engine re-compiles plans when the session zone changes, so the choice stays valid.
 */
import { bindSql } from "../datetime/bind.js";

const UTC_NAMES = new Set([
  "utc",
  "etc/utc",
  "gmt",
  "etc/gmt",
  "z",
  "zulu",
  "universal",
  "etc/universal",
  "+00:00",
  "-00:00",
]);

export function isUtc(timeZone: string | undefined): boolean {
  return timeZone !== undefined && UTC_NAMES.has(timeZone.toLowerCase());
}

/** SQL of a naive TIMESTAMP holding the session-zone wall clock of a TIMESTAMPTZ. */
export function wallClock(tsSql: string, timeZone: string | undefined): string {
  return isUtc(timeZone) ? `make_timestamp(epoch_us(${tsSql}))` : `CAST(${tsSql} AS TIMESTAMP)`;
}

/**
 * SQL of the instant (TIMESTAMPTZ) of a naive TIMESTAMP read as wall-clock time in the
 * session zone. A wall-clock time that a DST fall-back repeats is the earlier instant in
 * Spark (java.time's ZonedDateTime.ofLocal keeps the earlier offset); DuckDB's ICU cast
 * picks the later one, so the instant an hour before is taken when it shows the same wall
 * clock. A time in a spring-forward gap moves ahead by the gap in both. Without a zone
 * (`undefined`: a caller that does not know the session's) ICU's choice is kept.
 */
export function instantSql(naiveSql: string, timeZone: string | undefined): string {
  if (timeZone === undefined || isUtc(timeZone)) return `CAST(${naiveSql} AS TIMESTAMPTZ)`;
  return bindSql(naiveSql, "dt_wall", (w) => {
    const later = `CAST(${w} AS TIMESTAMPTZ)`;
    const earlier = `(${later} - INTERVAL 1 HOUR)`;
    return `CASE WHEN CAST(${earlier} AS TIMESTAMP) = ${w} THEN ${earlier} ELSE ${later} END`;
  });
}
