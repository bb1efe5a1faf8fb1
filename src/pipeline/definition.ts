/**
 * `definePipeline`: a production pipeline as data. read -> transform -> quality gates ->
 * write, with a run id, metrics, logging and a run log wired in by the runner.
 *
 * @example
 * ```ts
 * import { definePipeline, functions as F } from "tributary-etl";
 *
 * export default definePipeline({
 *   name: "flights",
 *   source: { format: "csv", path: "data/raw", options: { header: true, inferSchema: true } },
 *   transform: (df) => df.withColumn("day", F.to_date(F.col("date"))),
 *   sink: { format: "delta", path: "lake/flights", mode: "append", partitionBy: ["day"] },
 *   schedule: "0 * * * *",
 * });
 * ```
 */
import type { DataFrame } from "../dataframe/dataframe.js";
import type { WriteResult } from "../engine/engine.js";
import { IllegalArgumentError } from "../errors.js";
import type { AnomalyCheck } from "../quality/history/anomaly.js";
import type { ResultFormatInput } from "../quality/result-format.js";
import type { ExpectationSuite } from "../quality/suite.js";
import type { SparkSession } from "../session/session.js";
import type { PipelineSummary, RunOptions } from "./summary.js";

/** Where the rows come from: a reader spec, or a function building the DataFrame. */
export type SourceSpec =
  | {
      readonly format: "csv" | "json" | "parquet" | "delta" | (string & {});
      readonly path: string | readonly string[];
      readonly options?: Readonly<Record<string, string | number | boolean>>;
      /** DDL (`"id INT, name STRING"`) or a StructType's DDL. */
      readonly schema?: string;
      /**
       * Read only what is new since the last run (`spark.readStream`): each run ingests the
       * files (or Delta commits) that arrived since, exactly once, batch by batch; transform,
       * quality gates and write apply per batch. See the streaming docs.
       */
      readonly stream?: boolean;
      /** Where the stream's progress is kept (default: `_checkpoints/<name>` beside the sink's table). */
      readonly checkpointLocation?: string;
    }
  | ((spark: SparkSession) => DataFrame | Promise<DataFrame>);

/** Where the rows go: a writer spec, or a function writing them. */
export type SinkSpec =
  | {
      readonly format?: "delta" | "parquet" | "csv" | "json" | (string & {});
      readonly path: string;
      readonly mode?: "append" | "overwrite" | "error" | "errorifexists" | "ignore";
      readonly partitionBy?: readonly string[];
      readonly options?: Readonly<Record<string, string | number | boolean>>;
    }
  | ((df: DataFrame, ctx: PipelineContext) => Promise<WriteResult | undefined>);

/** A quality gate: a suite and what a failure does (see the pipeline docs). */
export interface QualityGate {
  /** A suite built in TypeScript, or the path of a suite in Great Expectations' JSON. */
  readonly suite: ExpectationSuite | string;
  /** fail: write nothing; warn: log and go on; quarantine: set failing rows aside. */
  readonly action: "fail" | "warn" | "quarantine";
  /** Where quarantined rows go (a Delta table; default `<sink>_quarantine` beside the sink). */
  readonly quarantinePath?: string;
  /** For quarantine gates: what failed aggregate expectations do (default fail). */
  readonly aggregateAction?: "fail" | "warn";
  readonly resultFormat?: ResultFormatInput;
  /** Write the validation's HTML report here. */
  readonly reportPath?: string;
  /**
   * Keep each validation's metrics in a Delta table (default `_quality_metrics` beside the
   * sink) and compare the batch with the last runs.
   */
  readonly history?: {
    readonly path?: string;
    /** The dataset name the metrics are kept under (default: the pipeline's name). */
    readonly dataset?: string;
    readonly checks?: readonly AnomalyCheck[];
  };
}

/** What a transform or a custom sink may use. */
export interface PipelineContext {
  readonly spark: SparkSession;
  readonly runId: string;
  readonly pipeline: string;
  /** The micro-batch being processed, for a streaming source. */
  readonly batchId?: number;
}

export interface PipelineDefinition {
  /** Names the metrics, the logger (`tributary.pipeline.<name>`) and the run log rows. */
  readonly name: string;
  readonly source: SourceSpec;
  readonly transform?: (df: DataFrame, ctx: PipelineContext) => DataFrame | Promise<DataFrame>;
  readonly sink: SinkSpec;
  /** Quality gates between transform and write, applied in order. */
  readonly quality?: QualityGate | readonly QualityGate[];
  /** How often a continuous run (`tributary run --continuous`) looks for new data (default "1 minute"). */
  readonly trigger?: { readonly processingTime: string | number };
  /** A cron expression, for the scheduler that runs `tributary run` (printed, not enforced). */
  readonly schedule?: string;
  /** The run log, a Delta table (default: `_runs` beside the sink's table). */
  readonly runsPath?: string;
  /** `metrics.properties` to report to (default: `spark.metrics.conf`, else `$SPARK_CONF_DIR/metrics.properties` if present, as Spark). */
  readonly metricsProperties?: string;
}

/** A defined pipeline: `await pipeline.run()` runs it once and resolves to its summary. */
export interface Pipeline {
  readonly kind: "tributary.pipeline";
  readonly definition: PipelineDefinition;
  run(options?: RunOptions): Promise<PipelineSummary>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Defines a pipeline (validated now, run later by `pipeline.run()` or `tributary run`). */
export function definePipeline(definition: PipelineDefinition): Pipeline {
  if (typeof definition.name !== "string" || !NAME.test(definition.name))
    throw new IllegalArgumentError(
      `A pipeline name must be letters, digits, '_', '-' or '.', got '${String(definition.name)}'.`,
      { hint: 'Name it like a metric path segment, for example "flights_daily".' },
    );
  if (definition.source === undefined || definition.sink === undefined)
    throw new IllegalArgumentError(`Pipeline ${definition.name} needs a source and a sink.`);
  const source = definition.source;
  if (
    typeof source !== "function" &&
    source.stream === true &&
    typeof definition.sink === "function" &&
    source.checkpointLocation === undefined
  )
    throw new IllegalArgumentError(
      `Pipeline ${definition.name} streams its source into a function sink, so there is no table to keep the checkpoint beside.`,
      {
        hint: 'Give the source a checkpointLocation: { ..., stream: true, checkpointLocation: "lake/_checkpoints/orders" }.',
      },
    );
  if (typeof definition.sink === "function") {
    // Tables that default to "beside the sink's table" need a path when there is no table.
    const gates = definition.quality === undefined ? [] : [definition.quality].flat();
    for (const [i, gate] of gates.entries()) {
      if (gate.action === "quarantine" && gate.quarantinePath === undefined)
        throw new IllegalArgumentError(
          `Pipeline ${definition.name}: quality gate ${i} quarantines rows but the sink is a function, so there is no table to put them beside.`,
          {
            hint: 'Give the gate a quarantinePath: { action: "quarantine", quarantinePath: "lake/orders_quarantine", ... }.',
          },
        );
      if (gate.history !== undefined && gate.history.path === undefined)
        throw new IllegalArgumentError(
          `Pipeline ${definition.name}: quality gate ${i} keeps a metrics history but the sink is a function, so there is no table to put it beside.`,
          { hint: 'Give it a path: history: { path: "lake/_quality_metrics", checks: [...] }.' },
        );
    }
  }
  const frozen = Object.freeze({ ...definition });
  return Object.freeze({
    kind: "tributary.pipeline" as const,
    definition: frozen,
    async run(options?: RunOptions): Promise<PipelineSummary> {
      const { runPipeline } = await import("./runner.js");
      return runPipeline(frozen, options);
    },
  });
}

/** Whether a module export is a pipeline (for `tributary run`). */
export function isPipeline(value: unknown): value is Pipeline {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { kind?: unknown }).kind === "tributary.pipeline"
  );
}
