/**
 * `HealthCheck`: the seed's class, with freshness that is right in every time zone and
 * table health beside it. Results can be recorded as metrics (`recordHealth`).
 *
 * @example
 * ```ts
 * import { HealthCheck } from "tributary-etl";
 * const r = await HealthCheck.checkDataFreshness(df, "event_time", 60);
 * // { status: "healthy", delayMinutes: 12.5, thresholdMinutes: 60, ... }
 * const t = await HealthCheck.checkTableHealth(spark, "lake/flights", { warnAfter: "30m", errorAfter: "2h" });
 * ```
 */
import type { DataFrame } from "../../dataframe/dataframe.js";
import type { SparkSession } from "../../session/session.js";
import type { MetricRegistry } from "../metrics/registry.js";
import type { Labels } from "../metrics/snapshot.js";
import { checkDataFreshness, type FreshnessResult } from "./freshness.js";
import { checkTableHealth, type TableHealth, type TableHealthOptions } from "./table-health.js";
import type { HealthStatus, Thresholds } from "./thresholds.js";

const CODE: Readonly<Record<HealthStatus, number>> = { pass: 0, warn: 1, error: 2 };

export const HealthCheck = {
  /** The newest value of `timestampCol` against `maxDelayMinutes` (the seed's call) or thresholds. */
  checkDataFreshness(
    df: DataFrame,
    timestampCol: string,
    maxDelayMinutes: number | Thresholds = 60,
  ): Promise<FreshnessResult> {
    return checkDataFreshness(df, timestampCol, maxDelayMinutes);
  },

  /** Freshness (last commit or a column), small files and row-count change of a Delta table. */
  checkTableHealth(
    spark: SparkSession,
    path: string,
    options?: TableHealthOptions,
  ): Promise<TableHealth> {
    return checkTableHealth(spark, path, options);
  },
} as const;

/**
 * Records a health result as metrics: `health.status` (0 pass, 1 warn, 2 error),
 * `health.freshness.delay.seconds`, and for a passing check
 * `health.last_success_timestamp_seconds` (alert when it stops moving, as batch jobs do
 * with the pushgateway).
 *
 * @example
 * ```ts
 * recordHealth(registry, await checkTableHealth(spark, path, opts), { table: "flights" });
 * ```
 */
export function recordHealth(
  registry: MetricRegistry,
  result: TableHealth | FreshnessResult,
  labels: Labels = {},
  now: Date = new Date(),
): void {
  const status: HealthStatus = "checks" in result ? result.status : result.freshness;
  const freshness = "checks" in result ? result.freshness : result;
  registry
    .gauge("health.status", "Health status: 0 pass, 1 warn, 2 error.", labels)
    .set(CODE[status]);
  if (freshness.delayMinutes !== null)
    registry
      .gauge(
        "health.freshness.delay.seconds",
        "Age of the newest data or commit, in seconds.",
        labels,
      )
      .set(freshness.delayMinutes * 60);
  if (status !== "error")
    registry
      .gauge(
        "health.last_success_timestamp_seconds",
        "When the check last passed (Unix seconds).",
        labels,
      )
      .set(now.getTime() / 1000);
}
