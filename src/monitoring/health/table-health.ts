/**
 * Health of a Delta table, for cron jobs, Kubernetes probes and alerts: how old its last
 * commit is (read from the log, no data scanned) or how old its newest row is (a column's
 * max), how many small files it has, and how much its row count changed in the last commit.
 * Works on both engines (DeltaTable's history and time travel); file sizes come from the
 * log on the embedded engine.
 */

import { loadTable } from "../../delta/operations/common.js";
import { isDeltaTableEngine } from "../../delta/table-engine.js";
import type { SparkSession } from "../../session/session.js";
import { DeltaTable } from "../../table/delta-table.js";
import { checkDataFreshness, type FreshnessResult } from "./freshness.js";
import { durationMs, type HealthStatus, statusOf, type Thresholds } from "./thresholds.js";

export interface TableHealthOptions extends Thresholds {
  /** A timestamp column: freshness from the data's newest value, not the last commit. */
  readonly freshnessColumn?: string;
  /** Files smaller than this count as small (bytes; default 32 MiB). */
  readonly smallFileBytes?: number;
  /** More small files than this is a warning (default 100; OPTIMIZE compacts them). */
  readonly maxSmallFiles?: number;
  /** A row-count change above this percentage in the last commit is a warning (default: none). */
  readonly maxRowCountChangePercent?: number;
  readonly now?: Date;
}

export interface HealthCheckItem {
  readonly name: "freshness" | "small_files" | "row_count_change" | "backlog";
  readonly status: HealthStatus;
  readonly message: string;
}

export interface TableHealth {
  readonly path: string;
  /** The worst status of the checks. */
  readonly status: HealthStatus;
  readonly version: number;
  readonly lastCommit: Date;
  readonly lastOperation: string | null;
  readonly lastCommitAgeMinutes: number;
  /** Where freshness came from: the newest value of a column, or the last commit. */
  readonly freshnessSource: "data" | "commit";
  readonly freshness: FreshnessResult;
  readonly files: {
    readonly total: number;
    readonly totalBytes: number;
    /** Null where the engine does not expose file sizes (Spark). */
    readonly small: number | null;
    readonly smallFileBytes: number;
  };
  readonly rowCount: number;
  readonly previousRowCount: number | null;
  readonly rowCountChange: number | null;
  readonly rowCountChangePercent: number | null;
  readonly checks: readonly HealthCheckItem[];
}

const RANK: Readonly<Record<HealthStatus, number>> = { pass: 0, warn: 1, error: 2 };
/** The worst of several statuses (error > warn > pass). */
export const worst = (xs: readonly HealthStatus[]): HealthStatus =>
  xs.reduce<HealthStatus>((a, b) => (RANK[b] > RANK[a] ? b : a), "pass");

async function smallFiles(
  spark: SparkSession,
  path: string,
  limit: number,
): Promise<number | null> {
  const engine = spark.engine;
  if (!isDeltaTableEngine(engine)) return null;
  const snapshot = await loadTable(engine, path);
  return snapshot.files().filter((f) => f.size < limit).length;
}

/**
 * Checks a Delta table.
 *
 * @example
 * ```ts
 * const h = await checkTableHealth(spark, "lake/flights", { warnAfter: "30m", errorAfter: "2h" });
 * if (h.status === "error") process.exitCode = 1;
 * ```
 */
export async function checkTableHealth(
  spark: SparkSession,
  path: string,
  options: TableHealthOptions = {},
): Promise<TableHealth> {
  const now = options.now ?? new Date();
  const table = await DeltaTable.forPath(spark, path);
  const [last] = await (await table.history(1)).collect();
  const version = Number(last?.version ?? 0);
  const lastCommit = last?.timestamp instanceof Date ? last.timestamp : new Date(0);
  const ageMs = now.getTime() - lastCommit.getTime();
  const thresholds: Thresholds = {
    ...(options.warnAfter === undefined ? {} : { warnAfter: options.warnAfter }),
    ...(options.errorAfter === undefined ? {} : { errorAfter: options.errorAfter }),
  };

  let freshness: FreshnessResult;
  if (options.freshnessColumn !== undefined) {
    freshness = await checkDataFreshness(table.toDF(), options.freshnessColumn, thresholds, now);
  } else {
    const warn =
      thresholds.warnAfter === undefined
        ? null
        : durationMs(thresholds.warnAfter, "warnAfter") / 60_000;
    const error =
      thresholds.errorAfter === undefined
        ? null
        : durationMs(thresholds.errorAfter, "errorAfter") / 60_000;
    const status = statusOf(ageMs, thresholds);
    freshness = {
      status: status === "error" ? "unhealthy" : "healthy",
      freshness: status,
      delayMinutes: ageMs / 60_000,
      thresholdMinutes: error ?? warn,
      warnAfterMinutes: warn,
      errorAfterMinutes: error,
      latest: lastCommit,
      checkedAt: now,
    };
  }

  const [detail] = await (await table.detail()).select("numFiles", "sizeInBytes").collect();
  const smallFileBytes = options.smallFileBytes ?? 32 * 1024 * 1024;
  const small = await smallFiles(spark, path, smallFileBytes);
  const maxSmall = options.maxSmallFiles ?? 100;

  const count = (v: number) =>
    spark.read.format("delta").option("versionAsOf", v).load(path).count();
  const rowCount = await count(version);
  const previousRowCount = version > 0 ? await count(version - 1).catch(() => null) : null;
  const change = previousRowCount === null ? null : rowCount - previousRowCount;
  const changePercent =
    change === null || previousRowCount === null || previousRowCount === 0
      ? null
      : (change / previousRowCount) * 100;

  const fmt = (m: number | null) =>
    m === null ? "-" : m < 120 ? `${m.toFixed(1)} min` : `${(m / 60).toFixed(1)} h`;
  const checks: HealthCheckItem[] = [
    {
      name: "freshness",
      status: freshness.freshness,
      message:
        freshness.latest === null
          ? `no values in \`${options.freshnessColumn}\``
          : `${options.freshnessColumn === undefined ? "last commit" : `newest ${options.freshnessColumn}`} ${fmt(freshness.delayMinutes)} ago` +
            (freshness.warnAfterMinutes === null
              ? ""
              : `, warn after ${fmt(freshness.warnAfterMinutes)}`) +
            (freshness.errorAfterMinutes === null
              ? ""
              : `, error after ${fmt(freshness.errorAfterMinutes)}`),
    },
    {
      name: "small_files",
      status: small !== null && small > maxSmall ? "warn" : "pass",
      message:
        small === null
          ? "file sizes are not available on this engine"
          : `${small} of ${Number(detail?.numFiles ?? 0)} files under ${smallFileBytes} bytes (warn above ${maxSmall}; OPTIMIZE compacts them)`,
    },
  ];
  if (options.maxRowCountChangePercent !== undefined) {
    const over =
      changePercent !== null && Math.abs(changePercent) > options.maxRowCountChangePercent;
    checks.push({
      name: "row_count_change",
      status: over ? "warn" : "pass",
      message:
        changePercent === null
          ? "no earlier version to compare"
          : `${change} rows (${changePercent.toFixed(1)}%) since version ${version - 1} (warn above ${options.maxRowCountChangePercent}%)`,
    });
  }
  return {
    path,
    status: worst(checks.map((c) => c.status)),
    version,
    lastCommit,
    lastOperation: typeof last?.operation === "string" ? last.operation : null,
    lastCommitAgeMinutes: ageMs / 60_000,
    freshnessSource: options.freshnessColumn === undefined ? "commit" : "data",
    freshness,
    files: {
      total: Number(detail?.numFiles ?? 0),
      totalBytes: Number(detail?.sizeInBytes ?? 0),
      small,
      smallFileBytes,
    },
    rowCount,
    previousRowCount,
    rowCountChange: change,
    rowCountChangePercent: changePercent,
    checks,
  };
}
