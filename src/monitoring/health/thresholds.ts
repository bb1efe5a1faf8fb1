/**
 * Freshness thresholds in dbt's style: `warn_after` and `error_after`, each a duration.
 * Durations are Spark time strings (`30m`, `2h`, `1d`, `90s`; a bare number is minutes) or
 * dbt's `{ count, period }` objects (`{ count: 12, period: "hour" }`).
 */
import { parseDuration } from "../../config/durations.js";
import { IllegalArgumentError } from "../../errors.js";

/** dbt's freshness period names. */
export type Period = "minute" | "hour" | "day";

/** A duration as text (`"30m"`), minutes (`30`), or dbt's object. */
export type DurationLike = string | number | { readonly count: number; readonly period: Period };

export interface Thresholds {
  readonly warnAfter?: DurationLike;
  readonly errorAfter?: DurationLike;
}

/** pass: fresh; warn: older than warn_after; error: older than error_after (or no data). */
export type HealthStatus = "pass" | "warn" | "error";

const PERIOD_MS: Readonly<Record<Period, number>> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/**
 * A duration in milliseconds.
 *
 * @example
 * ```ts
 * durationMs("2h", "errorAfter");                          // 7_200_000
 * durationMs({ count: 12, period: "hour" }, "warnAfter");  // 43_200_000
 * ```
 */
export function durationMs(value: DurationLike, name: string): number {
  let ms: number;
  if (typeof value === "number") ms = value * 60_000;
  else if (typeof value === "string") ms = parseDuration(name, value.trim(), "min");
  else {
    const unit = PERIOD_MS[value.period];
    if (unit === undefined)
      throw new IllegalArgumentError(
        `${name}.period must be minute, hour or day, got '${String(value.period)}'.`,
      );
    ms = value.count * unit;
  }
  if (!Number.isFinite(ms) || ms < 0)
    throw new IllegalArgumentError(
      `${name} must be a positive duration, got '${JSON.stringify(value)}'.`,
      {
        hint: 'Write a duration such as "30m", "2h" or "1d".',
      },
    );
  return ms;
}

/** The status of an age (ms) under thresholds; with neither threshold set everything passes. */
export function statusOf(ageMs: number | undefined, thresholds: Thresholds): HealthStatus {
  if (ageMs === undefined) return "error";
  const error =
    thresholds.errorAfter === undefined
      ? undefined
      : durationMs(thresholds.errorAfter, "errorAfter");
  const warn =
    thresholds.warnAfter === undefined ? undefined : durationMs(thresholds.warnAfter, "warnAfter");
  if (error !== undefined && ageMs > error) return "error";
  if (warn !== undefined && ageMs > warn) return "warn";
  return "pass";
}
