/**
 * Data freshness: how old the newest row is. The seed compared a naive `datetime.now()` with
 * the table's timestamps, which is off by the UTC offset wherever the machine is not on UTC.
 * Here both sides are instants: TIMESTAMP values are instants already; TIMESTAMP_NTZ, DATE
 * and text columns are read as wall-clock time in `spark.sql.session.timeZone`, as Spark
 * casts them.
 */
import { max } from "../../column/functions/aggregates.js";
import { col } from "../../column/functions/core.js";
import type { DataFrame } from "../../dataframe/dataframe.js";
import { AnalysisError } from "../../errors.js";
import { durationMs, type HealthStatus, statusOf, type Thresholds } from "./thresholds.js";

export interface FreshnessResult {
  /** The seed's status: healthy unless older than the error threshold (or no data at all). */
  readonly status: "healthy" | "unhealthy";
  /** dbt's status: pass, warn (older than warn_after) or error. */
  readonly freshness: HealthStatus;
  /** Minutes since the newest value; null when the column has no values. */
  readonly delayMinutes: number | null;
  /** The threshold the seed's status uses (error_after, else warn_after), in minutes. */
  readonly thresholdMinutes: number | null;
  readonly warnAfterMinutes: number | null;
  readonly errorAfterMinutes: number | null;
  /** The newest value, as an instant. */
  readonly latest: Date | null;
  readonly checkedAt: Date;
}

const minutes = (ms: number | undefined): number | null => (ms === undefined ? null : ms / 60_000);

/** The thresholds a freshness check uses: a number is the seed's `max_delay_minutes`. */
export function freshnessThresholds(limit: number | Thresholds): Thresholds {
  return typeof limit === "number" ? { errorAfter: limit } : limit;
}

/**
 * Checks the newest value of a timestamp column against thresholds.
 *
 * @example
 * ```ts
 * const r = await checkDataFreshness(df, "event_time", 60);            // the seed's call
 * const s = await checkDataFreshness(df, "event_time", { warnAfter: "30m", errorAfter: "2h" });
 * s.freshness; // "pass" | "warn" | "error"
 * ```
 */
export async function checkDataFreshness(
  df: DataFrame,
  timestampCol: string,
  limit: number | Thresholds = 60,
  now: Date = new Date(),
): Promise<FreshnessResult> {
  const thresholds = freshnessThresholds(limit);
  const fields = await df.schema;
  const field = fields.fields.find((f) => f.name.toLowerCase() === timestampCol.toLowerCase());
  if (field === undefined)
    throw new AnalysisError(
      "UNRESOLVED_COLUMN",
      `Freshness column \`${timestampCol}\` does not exist; columns: ${fields.fieldNames().join(", ")}.`,
      { hint: "Pass the name of a timestamp column." },
    );
  const c =
    field.dataType.typeName === "timestamp" ? col(field.name) : col(field.name).cast("timestamp");
  const [row] = await df.agg(max(c).alias("latest")).collect();
  const value = row?.latest;
  const latest = value instanceof Date ? value : null;
  const ageMs = latest === null ? undefined : now.getTime() - latest.getTime();
  const warn =
    thresholds.warnAfter === undefined ? undefined : durationMs(thresholds.warnAfter, "warnAfter");
  const error =
    thresholds.errorAfter === undefined
      ? undefined
      : durationMs(thresholds.errorAfter, "errorAfter");
  const freshness = statusOf(ageMs, thresholds);
  return {
    status: freshness === "error" ? "unhealthy" : "healthy",
    freshness,
    delayMinutes: minutes(ageMs),
    thresholdMinutes: minutes(error ?? warn),
    warnAfterMinutes: minutes(warn),
    errorAfterMinutes: minutes(error),
    latest,
    checkedAt: now,
  };
}
