/**
 * A metrics repository: each validation's metrics appended to a Delta table, queryable like
 * any table, so checks can compare a batch with the batches before it.
 *
 * @example
 * ```ts
 * const repo = new MetricsRepository(spark, "lake/_quality_metrics");
 * await repo.append(result, { dataset: "orders", runId });
 * await repo.values("row_count", "", { dataset: "orders", last: 7 }); // newest first
 * ```
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { col } from "../../column/functions/core.js";
import { ErrorCode } from "../../error-codes.js";
import { TributaryError } from "../../errors.js";
import type { SparkSession } from "../../session/session.js";
import { schemeOf } from "../../storage/location.js";
import type { SuiteValidationResult } from "../results.js";
import { metricsOf } from "./metrics.js";

const MISSING: ReadonlySet<string> = new Set([
  ErrorCode.DELTA_TABLE_NOT_FOUND,
  ErrorCode.DELTA_MISSING_DELTA_TABLE,
]);

export const METRICS_SCHEMA =
  "run_id STRING, dataset STRING, suite_name STRING, validated_at TIMESTAMP, metric STRING, column_name STRING, value DOUBLE";

export class MetricsRepository {
  constructor(
    private readonly spark: SparkSession,
    /** The Delta table holding the history. */
    readonly path: string,
  ) {}

  /** Appends the metrics of one validation (one commit). */
  async append(
    result: SuiteValidationResult,
    where: { readonly dataset: string; readonly runId?: string; readonly at?: Date },
  ): Promise<number> {
    const at = where.at ?? new Date(result.meta.validation_time);
    const rows = metricsOf(result).map((m) => ({
      run_id: where.runId ?? null,
      dataset: where.dataset,
      suite_name: result.suite_name,
      validated_at: at,
      metric: m.metric,
      column_name: m.column,
      value: m.value,
    }));
    if (rows.length === 0) return 0;
    await this.spark
      .createDataFrame(rows, METRICS_SCHEMA)
      .write.format("delta")
      .mode("append")
      .save(this.path);
    return rows.length;
  }

  /** Earlier values of a metric for a dataset, newest first (at most `last`). */
  async values(
    metric: string,
    column: string,
    options: { readonly dataset: string; readonly last: number },
  ): Promise<number[]> {
    const remote = schemeOf(this.path) !== undefined;
    if (!remote && !existsSync(join(this.path, "_delta_log"))) return [];
    try {
      return await this.read(metric, column, options);
    } catch (e) {
      // An object-store table that does not exist yet has no history either.
      if (remote && e instanceof TributaryError && MISSING.has(e.code)) return [];
      throw e;
    }
  }

  private async read(
    metric: string,
    column: string,
    options: { readonly dataset: string; readonly last: number },
  ): Promise<number[]> {
    const rows = await this.spark.read
      .format("delta")
      .load(this.path)
      .filter(
        col("dataset")
          .eq(options.dataset)
          .and(col("metric").eq(metric))
          .and(col("column_name").eq(column)),
      )
      .orderBy(col("validated_at").desc())
      .limit(options.last)
      .select("value")
      .collect();
    return rows.map((r) => Number(r.value));
  }
}
