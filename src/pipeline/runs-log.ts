/**
 * The run log: one row per run appended to a Delta table (`_runs` beside the sink's table
 * by default), so a pipeline's history is queryable with tributary itself:
 * `spark.read.format("delta").load("lake/_runs").filter("pipeline = 'flights'")`.
 */
import { redactSecrets } from "../logging/redactor.js";
import type { SparkSession } from "../session/session.js";
import type { PipelineDefinition } from "./definition.js";
import { besideSink } from "./paths.js";
import type { PipelineSummary } from "./summary.js";

export const RUNS_SCHEMA =
  "run_id STRING, pipeline STRING, status STRING, engine STRING, started_at TIMESTAMP, ended_at TIMESTAMP, " +
  "duration_ms BIGINT, rows_in BIGINT, rows_out BIGINT, rows_rejected BIGINT, rows_malformed BIGINT, rows_quarantined BIGINT, " +
  "table_path STRING, table_version BIGINT, read_ms BIGINT, transform_ms BIGINT, quality_ms BIGINT, write_ms BIGINT, " +
  "quality_success BOOLEAN, expectations_evaluated INT, expectations_failed INT, failed_expectations STRING, " +
  "error_code STRING, error_message STRING";

/** Where a pipeline's runs are logged; undefined when there is no place to put them (a function sink). */
export function runsPathOf(def: PipelineDefinition): string | undefined {
  return def.runsPath ?? besideSink(def, "_runs");
}

const ms = (n: number): bigint => BigInt(Math.round(n));

/** Appends the run's row. */
export async function appendRun(
  spark: SparkSession,
  path: string,
  s: PipelineSummary,
): Promise<void> {
  const row = {
    run_id: s.runId,
    pipeline: s.pipeline,
    status: s.status,
    engine: s.engine,
    started_at: s.startedAt,
    ended_at: s.endedAt,
    duration_ms: ms(s.durationMs),
    rows_in: BigInt(s.rows.in),
    rows_out: BigInt(s.rows.out),
    rows_rejected: BigInt(s.rows.rejected),
    rows_malformed: BigInt(s.rows.malformed),
    rows_quarantined: BigInt(s.rows.quarantined),
    table_path: s.table.path ?? null,
    table_version: s.table.version === undefined ? null : BigInt(s.table.version),
    read_ms: ms(s.stages.read),
    transform_ms: ms(s.stages.transform),
    quality_ms: ms(s.stages.quality),
    write_ms: ms(s.stages.write),
    quality_success: s.quality?.success ?? null,
    expectations_evaluated: s.quality?.evaluated ?? null,
    expectations_failed: s.quality?.failed ?? null,
    failed_expectations: s.quality === undefined ? null : s.quality.failedExpectations.join(","),
    error_code: s.error?.code ?? null,
    // The table outlives the terminal: a secret quoted by an error must not be stored.
    error_message: s.error === undefined ? null : redactSecrets(s.error.message),
  };
  // mergeSchema: a run log written before a column was added (rows_malformed) takes it on.
  await spark
    .createDataFrame([row], RUNS_SCHEMA)
    .write.format("delta")
    .mode("append")
    .option("mergeSchema", true)
    .save(path);
}
