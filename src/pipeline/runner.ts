/**
 * Runs a pipeline once: read -> transform -> quality -> write, each stage timed. Metrics go
 * to the sinks of `metrics.properties` (flushed at the end, pushgateway included), lines to
 * the `tributary.pipeline.<name>` logger, and the summary to the run log. A failed run is
 * logged too, then thrown as a PipelineError carrying its summary. A streaming source
 * (`stream: true`) runs the same stages per micro-batch (see stream-stage.ts).
 */
import { randomUUID } from "node:crypto";
import type { DataFrame } from "../dataframe/dataframe.js";
import type { WriteResult } from "../engine/engine.js";
import { ErrorCode, TributaryError } from "../errors.js";
import { getLogger, type Logger } from "../logging/index.js";
import { PipelineMetrics } from "../monitoring/metrics/pipeline-metrics.js";
import { MetricRegistry } from "../monitoring/metrics/registry.js";
import { locateMetricsProperties } from "../monitoring/sinks/locate.js";
import { type MetricsSinksHandle, startMetricsSinks } from "../monitoring/sinks/start.js";
import { SparkSession } from "../session/session.js";
import { StreamingQueryException } from "../streaming/errors.js";
import { DeltaTable } from "../table/delta-table.js";
import type { PipelineContext, PipelineDefinition, SinkSpec, SourceSpec } from "./definition.js";
import { PipelineError, type PipelineErrorCode } from "./pipeline-error.js";
import { runQuality } from "./quality-stage.js";
import { appendRun, runsPathOf } from "./runs-log.js";
import { startPipelineStream, streamingSource } from "./stream-stage.js";
import type { PipelineSummary, QualityOutcome, RunOptions, RunStatus } from "./summary.js";

type Stage = "read" | "transform" | "quality" | "write";

async function readSource(spark: SparkSession, source: SourceSpec): Promise<DataFrame> {
  if (typeof source === "function") return source(spark);
  let reader = spark.read.format(source.format);
  if (source.schema !== undefined) reader = reader.schema(source.schema);
  if (source.options !== undefined) reader = reader.options(source.options);
  return reader.load(...(typeof source.path === "string" ? [source.path] : source.path));
}

async function writeSink(
  df: DataFrame,
  sink: SinkSpec,
  ctx: PipelineContext,
  idempotence?: { readonly txnAppId: string; readonly txnVersion: string },
): Promise<WriteResult | undefined> {
  if (typeof sink === "function") return sink(df, ctx);
  let writer = df.write.format(sink.format ?? "delta").mode(sink.mode ?? "append");
  if (sink.partitionBy !== undefined && sink.partitionBy.length > 0)
    writer = writer.partitionBy(...sink.partitionBy);
  if (sink.options !== undefined) writer = writer.options(sink.options);
  // A micro-batch replayed after a crash is skipped by the Delta table's txn marker.
  if (idempotence !== undefined && (sink.format ?? "delta") === "delta")
    writer = writer.options(idempotence);
  return writer.save(sink.path);
}

/** Stops a streaming run at a batch a quality gate blocked (the batch stays uncommitted). */
class QualityBlocked extends Error {}

/** Rows and version of the last commit from the table's history, where the engine reports no write results (Spark). */
async function lastCommit(
  spark: SparkSession,
  path: string,
): Promise<{ version: number; rows: number }> {
  const [row] = await (await (await DeltaTable.forPath(spark, path)).history(1)).collect();
  const metrics = row?.operationMetrics;
  const m =
    metrics instanceof Map
      ? Object.fromEntries(metrics)
      : ((metrics ?? {}) as Record<string, unknown>);
  return { version: Number(row?.version ?? 0), rows: Number(m.numOutputRows ?? 0) };
}

async function startSinks(
  spark: SparkSession,
  def: PipelineDefinition,
  registry: MetricRegistry,
  log: Logger,
): Promise<MetricsSinksHandle | undefined> {
  const path =
    def.metricsProperties ??
    locateMetricsProperties(spark.conf.get("spark.metrics.conf"), process.env);
  if (path === undefined) return undefined;
  return startMetricsSinks(registry, { path }, { warn: (message) => log.warn(message) });
}

/** Runs `def` once; see the module comment. */
export async function runPipeline(
  def: PipelineDefinition,
  options: RunOptions = {},
): Promise<PipelineSummary> {
  const startedAt = new Date();
  const runId = randomUUID();
  const log = getLogger(`tributary.pipeline.${def.name}`);
  const own = options.spark === undefined;
  const spark = options.spark ?? (await SparkSession.builder().appName(def.name).getOrCreate());
  const registry = new MetricRegistry({ app: def.name });
  const metrics = new PipelineMetrics(registry, { pipeline: def.name });
  const stages: Record<Stage, number> = { read: 0, transform: 0, quality: 0, write: 0 };
  const timed = async <T>(stage: Stage, body: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    options.onStage?.(stage, "start");
    try {
      return await metrics.stage(stage).time(body);
    } finally {
      const ms = performance.now() - t0;
      stages[stage] += ms; // a streaming run adds up its batches
      options.onStage?.(stage, "end", ms);
    }
  };
  const ctx: PipelineContext = { spark, runId, pipeline: def.name };
  const sinkPath = typeof def.sink === "function" ? undefined : def.sink.path;
  const runsPath = options.dryRun === true ? undefined : runsPathOf(def);
  let sinks: MetricsSinksHandle | undefined;
  let status: RunStatus = "succeeded";
  let failure: { code: PipelineErrorCode; error: unknown } | undefined;
  const rows = { in: 0, out: 0, rejected: 0, malformed: 0, quarantined: 0 };
  let version: number | undefined;
  let quality: QualityOutcome | undefined;
  let stream: PipelineSummary["stream"];

  try {
    sinks = await startSinks(spark, def, registry, log);
    log.info(
      `Starting run ${runId} of ${def.name} on the ${spark.engine.name} engine${options.dryRun === true ? " (dry run)" : ""}`,
    );
    /** transform -> quality -> write for one DataFrame (the whole input, or one micro-batch). */
    const processBatch = async (
      source: DataFrame,
      batch?: { readonly batchId: number; readonly queryId: string },
    ): Promise<void> => {
      const batchCtx: PipelineContext =
        batch === undefined ? ctx : { ...ctx, batchId: batch.batchId };
      const transformed = await timed("transform", async () => {
        const df = def.transform === undefined ? source : await def.transform(source, batchCtx);
        await df.schema;
        return df;
      });
      const gated = await timed("quality", () =>
        runQuality(def, transformed, batchCtx, options.dryRun === true, log),
      );
      quality = gated.outcome;
      rows.quarantined += gated.quarantined;
      if (gated.blocked) {
        // Nothing is written, but the rows that came in are still worth reporting.
        rows.in += await source.count();
        status = "failed";
        failure = { code: ErrorCode.QUALITY_GATE_FAILED, error: undefined };
        // A blocked micro-batch must not be committed: the next run retries it.
        if (batch !== undefined) throw new QualityBlocked();
        return;
      }
      if (options.dryRun === true) {
        status = "dry_run";
        log.info(
          `Dry run: would write to ${sinkPath ?? "the custom sink"}:\n${await gated.df.explainString()}`,
        );
        return;
      }
      const result = await timed("write", () =>
        writeSink(
          gated.df,
          def.sink,
          batchCtx,
          batch && { txnAppId: batch.queryId, txnVersion: String(batch.batchId) },
        ),
      );
      const read = result?.readMetrics ?? [];
      if (read.length > 0) {
        rows.in += read.reduce((a, m) => a + m.rowsRead, 0);
        // PERMISSIVE keeps a malformed row (nulls) and writes it; only the others drop it.
        const kept = read.filter((m) => m.mode === "PERMISSIVE");
        const malformed = kept.reduce((a, m) => a + m.rowsRejected, 0);
        rows.malformed += malformed;
        rows.rejected += read.reduce((a, m) => a + m.rowsRejected, 0) - malformed;
      } else {
        rows.in += await source.count();
      }
      rows.out +=
        result !== undefined && Number.isFinite(result.rowsWritten) ? result.rowsWritten : 0;
      version = result?.version ?? version;
      const sink = def.sink;
      if (
        typeof sink !== "function" &&
        (sink.format ?? "delta") === "delta" &&
        (result === undefined || !Number.isFinite(result.rowsWritten))
      ) {
        const commit = await lastCommit(spark, sink.path);
        version = commit.version;
        rows.out += commit.rows;
      }
    };

    // A dry run reads the source as a batch: it must not advance the stream's checkpoint.
    const streaming = options.dryRun === true ? undefined : streamingSource(def);
    if (streaming === undefined) {
      const source = await timed("read", async () => {
        const df = await readSource(spark, def.source);
        await df.schema; // analysis now: a missing file or column fails in the read stage
        return df;
      });
      await processBatch(source);
    } else {
      const query = await timed("read", () =>
        startPipelineStream({
          spark,
          def,
          source: streaming,
          continuous: options.continuous === true,
          processBatch: (df, batchId, queryId) => processBatch(df, { batchId, queryId }),
        }),
      );
      const stop = (): void => {
        void query.stop();
      };
      options.signal?.addEventListener("abort", stop, { once: true });
      try {
        await query.awaitTermination();
      } catch (e) {
        if (!(e instanceof StreamingQueryException && e.cause instanceof QualityBlocked)) throw e;
      } finally {
        options.signal?.removeEventListener("abort", stop);
      }
      const ran = query.recentProgress.filter(
        (p) => p.numInputRows > 0 || p.durationMs.addBatch !== undefined,
      );
      const last = ran.at(-1)?.sources[0]?.metrics;
      stream = {
        queryId: query.id,
        batches: ran.length,
        files: ran.reduce((n, p) => n + Number(p.sources[0]?.metrics?.numInputFiles ?? 0), 0),
        backlogFiles: Number(last?.numFilesOutstanding ?? 0),
      };
      for (const p of ran)
        log.info(
          `Batch ${p.batchId} of ${def.name}: ${p.sources[0]?.metrics?.numInputFiles ?? 0} file(s), ${p.numInputRows} row(s) in ${p.batchDuration} ms; ${p.sources[0]?.metrics?.numFilesOutstanding ?? 0} file(s) waiting`,
        );
    }
  } catch (e) {
    status = "failed";
    failure = { code: ErrorCode.PIPELINE_FAILED, error: e };
  }

  const endedAt = new Date();
  const summary: PipelineSummary = {
    pipeline: def.name,
    runId,
    status,
    engine: spark.engine.name,
    startedAt,
    endedAt,
    durationMs: endedAt.getTime() - startedAt.getTime(),
    rows,
    table: { path: sinkPath, version },
    stages,
    quality,
    error:
      failure === undefined
        ? undefined
        : failure.code === ErrorCode.QUALITY_GATE_FAILED
          ? {
              code: ErrorCode.QUALITY_GATE_FAILED,
              message: `failed expectations: ${quality?.failures.join("; ")}`,
            }
          : {
              code:
                failure.error instanceof TributaryError
                  ? failure.error.code
                  : ErrorCode.PIPELINE_FAILED,
              message:
                failure.error instanceof Error ? failure.error.message : String(failure.error),
            },
    runsPath,
    ...(stream === undefined ? {} : { stream }),
  };

  metrics.rowsRead.inc(rows.in);
  metrics.rowsWritten.inc(rows.out);
  metrics.rowsRejected.inc(rows.rejected);
  metrics.rowsQuarantined.inc(rows.quarantined);
  if (quality !== undefined) metrics.expectationsFailed.inc(quality.failed);
  if (version !== undefined) metrics.tableVersion.set(version);
  if (stream !== undefined) {
    const labels = { pipeline: def.name };
    registry
      .gauge("pipeline.stream.batches", "Micro-batches the last run processed.", labels)
      .set(stream.batches);
    registry
      .gauge("pipeline.stream.files", "Files the last run ingested.", labels)
      .set(stream.files);
    registry
      .gauge("pipeline.stream.backlog_files", "Files waiting after the last run.", labels)
      .set(stream.backlogFiles);
  }
  registry
    .gauge("pipeline.run.success", "1 when the last run succeeded, else 0.", { pipeline: def.name })
    .set(status === "failed" ? 0 : 1);
  if (status === "succeeded")
    registry
      .gauge(
        "pipeline.last_success_timestamp_seconds",
        "When the pipeline last succeeded (Unix seconds).",
        { pipeline: def.name },
      )
      .set(endedAt.getTime() / 1000);

  try {
    if (runsPath !== undefined) await appendRun(spark, runsPath, summary);
  } catch (e) {
    // The run's own outcome matters more than its log line: warn, never mask it.
    log.warn(`Could not append to the run log ${runsPath}`, e);
  }
  if (status === "failed")
    log.error(`Run ${runId} of ${def.name} failed: ${summary.error?.message}`, failure?.error);
  else
    log.info(
      `Run ${runId} of ${def.name} ${status}: ${rows.in} rows in, ${rows.out} out, ${rows.rejected} rejected, ${rows.malformed} malformed kept with nulls, ${rows.quarantined} quarantined`,
    );
  await sinks?.stop();
  if (own) await spark.stop();

  if (failure !== undefined)
    throw new PipelineError(
      failure.code,
      failure.code === ErrorCode.QUALITY_GATE_FAILED
        ? `Pipeline ${def.name}: quality gate failed (${summary.error?.message}); nothing was written.`
        : `Pipeline ${def.name} failed: ${summary.error?.message}`,
      summary,
      { cause: failure.error },
    );
  return summary;
}
