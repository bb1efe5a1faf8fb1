/**
 * One streaming query's micro-batches, as Spark's MicroBatchExecution: on start, the
 * checkpoint says where to resume (a batch with an offset but no commit is run again with
 * the same data); each trigger asks the source for the next end offset, writes it to
 * `offsets/<n>` (the write-ahead log), runs the batch into the sink, then writes
 * `commits/<n>`. The sink skips a batch it already took, so a crash anywhere neither loses
 * nor duplicates rows.
 */
import { DataFrame } from "../dataframe/dataframe.js";
import { findByPlanId, type RelationNode } from "../plan/node.js";
import type { ReadNode } from "../plan/relation/read.js";
import type { SparkSession } from "../session/session.js";
import type { Checkpoint, Offset } from "./checkpoint/checkpoint.js";
import { replaceRead } from "./plan.js";
import { rate, type StreamingQueryProgress } from "./progress.js";
import type { StreamSink } from "./sinks/sink.js";
import { type ReadLimit, type StreamSource, sameOffset } from "./sources/source.js";

export interface ExecutionSpec {
  readonly session: SparkSession;
  readonly plan: RelationNode;
  readonly read: ReadNode;
  readonly source: StreamSource;
  readonly sink: StreamSink;
  readonly checkpoint: Checkpoint;
  readonly runId: string;
  readonly name: string | undefined;
}

/** What one trigger did. */
export interface TriggerResult {
  readonly ran: boolean;
  readonly progress: StreamingQueryProgress;
}

/** The per-batch settings Spark records in each offsets file (defaults of a stateless query). */
function offsetConf(session: SparkSession): Record<string, string> {
  return {
    "spark.sql.streaming.stateStore.providerClass":
      "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider",
    "spark.sql.streaming.stateStore.rocksdb.formatVersion": "5",
    "spark.sql.streaming.stateStore.encodingFormat": "unsaferow",
    "spark.sql.streaming.statefulOperator.useStrictDistribution": "true",
    "spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion": "2",
    "spark.sql.streaming.multipleWatermarkPolicy": "min",
    "spark.sql.streaming.aggregation.stateFormatVersion": "2",
    "spark.sql.shuffle.partitions": session.conf.get("spark.sql.shuffle.partitions") ?? "200",
    "spark.sql.streaming.join.stateFormatVersion": "2",
    "spark.sql.streaming.stateStore.compression.codec": "lz4",
    "spark.sql.optimizer.pruneFiltersCanPruneStreamingSubplan": "false",
  };
}

export class MicroBatchExecution {
  /** End offset of the last committed batch. */
  private committed: Offset | undefined;
  private nextBatchId = 0;
  /** A batch whose offset was written but not its commit: run it again first. */
  private pending: { readonly end: Offset; readonly timestampMs: number } | undefined;
  private lastTriggerStart: number | undefined;

  constructor(private readonly spec: ExecutionSpec) {}

  get id(): string {
    return this.spec.checkpoint.queryId;
  }

  get currentBatchId(): number {
    return this.nextBatchId;
  }

  async init(): Promise<void> {
    const cp = this.spec.checkpoint;
    await this.spec.source.init();
    const lastOffset = await cp.offsets.latestId();
    if (lastOffset === undefined) return;
    const lastCommit = await cp.commits.latestId();
    const end = await cp.offsetAt(lastOffset);
    if (end === undefined) return;
    if (lastCommit !== undefined && lastCommit >= lastOffset) {
      this.committed = end.offset;
      this.nextBatchId = lastOffset + 1;
      return;
    }
    this.committed = lastOffset > 0 ? (await cp.offsetAt(lastOffset - 1))?.offset : undefined;
    this.pending = { end: end.offset, timestampMs: end.batchTimestampMs };
    this.nextBatchId = lastOffset;
  }

  async prepareAvailableNow(): Promise<void> {
    await this.spec.source.prepareAvailableNow();
  }

  /** Runs one trigger: the next batch when there is data, else a no-data report. */
  async runTrigger(limit: ReadLimit): Promise<TriggerResult> {
    const { checkpoint: cp, source, sink, session } = this.spec;
    const started = Date.now();
    const sinceLast =
      this.lastTriggerStart === undefined ? undefined : started - this.lastTriggerStart;
    this.lastTriggerStart = started;
    const durations: Record<string, number> = {};
    const timed = async <T>(key: string, fn: () => Promise<T>): Promise<T> => {
      const t = Date.now();
      try {
        return await fn();
      } finally {
        durations[key] = Date.now() - t;
      }
    };
    const batchId = this.nextBatchId;
    const start = this.committed;
    let end: Offset;
    let timestampMs: number;
    if (this.pending !== undefined) {
      end = this.pending.end;
      timestampMs = this.pending.timestampMs;
    } else {
      const latest = await timed("latestOffset", () => source.latestOffset(start, limit));
      if (latest === undefined || sameOffset(latest, start)) {
        durations.triggerExecution = Date.now() - started;
        return {
          ran: false,
          progress: this.report(batchId, started, durations, start, start, 0, sinceLast, -1),
        };
      }
      end = latest;
      timestampMs = Date.now();
      await timed("walCommit", () =>
        cp.writeOffset(
          { batchId, batchTimestampMs: timestampMs, offset: end },
          offsetConf(session),
        ),
      );
    }
    const data = await timed("getBatch", () => source.getBatch(start, end));
    const batchPlan = await timed("queryPlanning", async () =>
      replaceRead(this.spec.plan, this.spec.read, data.plan),
    );
    const outcome = await timed("addBatch", () =>
      sink.addBatch(batchId, new DataFrame(session, batchPlan)),
    );
    await timed("commitOffsets", async () => {
      await cp.writeCommit(batchId);
      await source.commit(start, end);
      await cp.purge(batchId);
    });
    this.committed = end;
    this.pending = undefined;
    this.nextBatchId = batchId + 1;
    const backlog = await source.backlog();
    const read = findByPlanId(batchPlan, this.spec.read.planId);
    const readMetrics = read?.kind === "read" ? session.engine.readMetrics(read) : undefined;
    const rows = readMetrics?.rowsRead ?? outcome.rowsWritten ?? 0;
    durations.triggerExecution = Date.now() - started;
    const progress = this.report(batchId, started, durations, start, end, rows, sinceLast, -1);
    const [sourceProgress] = progress.sources;
    if (sourceProgress === undefined) return { ran: true, progress };
    // delta-spark's DeltaSource reports the same two metrics; the oldest file's time is ours.
    const metrics: Record<string, string> = {
      numFilesOutstanding: String(backlog.files),
      numBytesOutstanding: String(backlog.bytes),
      numInputFiles: String(data.files),
    };
    if (backlog.oldestMs !== undefined)
      metrics.oldestOutstandingFileTimestampMs = String(backlog.oldestMs);
    return { ran: true, progress: { ...progress, sources: [{ ...sourceProgress, metrics }] } };
  }

  private report(
    batchId: number,
    started: number,
    durationMs: Record<string, number>,
    start: Offset | undefined,
    end: Offset | undefined,
    rows: number,
    sinceLastMs: number | undefined,
    outputRows: number,
  ): StreamingQueryProgress {
    const took = durationMs.triggerExecution;
    const inRate = rate(rows, sinceLastMs);
    const outRate = rate(rows, took);
    const rates = {
      ...(inRate === undefined ? {} : { inputRowsPerSecond: inRate }),
      ...(outRate === undefined ? {} : { processedRowsPerSecond: outRate }),
    };
    return {
      id: this.id,
      runId: this.spec.runId,
      name: this.spec.name ?? null,
      timestamp: new Date(started).toISOString(),
      batchId,
      batchDuration: took ?? 0,
      numInputRows: rows,
      ...rates,
      durationMs: Object.fromEntries(
        Object.entries(durationMs).sort(([a], [b]) => a.localeCompare(b)),
      ),
      stateOperators: [],
      sources: [
        {
          description: this.spec.source.description,
          startOffset: start ?? null,
          endOffset: end ?? null,
          latestOffset: null,
          numInputRows: rows,
          ...rates,
        },
      ],
      sink: { description: this.spec.sink.description, numOutputRows: outputRows },
    };
  }
}
