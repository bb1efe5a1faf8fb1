/**
 * `df.writeStream`: where and how a streaming DataFrame's batches go, then `start()`.
 * Sinks: a Delta table (`format("delta")`, exactly once through the table's txn markers)
 * or `foreachBatch(fn)` (your code per batch: MERGE upserts, several tables).
 *
 * @example
 * ```ts
 * const query = events.writeStream.format("delta")
 *   .outputMode("append")
 *   .option("checkpointLocation", "checkpoints/events")
 *   .partitionBy("day")
 *   .trigger({ availableNow: true })
 *   .start("lake/events");
 * await query.awaitTermination();
 * ```
 */
import { randomUUID } from "node:crypto";
import { confBoolean } from "../config/boolean.js";
import { OptionsReader } from "../config/options-reader.js";
import type { DataFrame } from "../dataframe/dataframe.js";
import { type OptionValue, optionString } from "../dataframe/options.js";
import type { Engine, EngineStream, StreamStartSpec } from "../engine/engine.js";
import { IllegalArgumentError, UnsupportedOperationError } from "../errors.js";
import { storageFor } from "../storage/choose.js";
import { child } from "./checkpoint/batch-log.js";
import { Checkpoint } from "./checkpoint/checkpoint.js";
import { EngineStreamingQuery } from "./engine-query.js";
import { StreamingError } from "./errors.js";
import { MicroBatchExecution } from "./execution.js";
import { absoluteLocation } from "./locations.js";
import { streamsOf } from "./manager.js";
import { MicroBatchQuery } from "./micro-batch-query.js";
import { checkStreamable, replaceRead, streamingReads } from "./plan.js";
import type { StreamingQuery } from "./query.js";
import { DeltaSink } from "./sinks/delta-sink.js";
import { type ForeachBatchFunction, ForeachBatchSink, type StreamSink } from "./sinks/sink.js";
import { buildSource } from "./sources/build.js";
import { DEFAULT_TRIGGER, type ParsedTrigger, parseTrigger, type Trigger } from "./trigger.js";

interface WriterState {
  readonly format: string;
  readonly outputMode: string;
  readonly options: Readonly<Record<string, string>>;
  readonly partitionBy: readonly string[];
  readonly trigger: ParsedTrigger;
  readonly queryName: string | undefined;
  readonly foreachBatch: ForeachBatchFunction | undefined;
}

export class DataStreamWriter {
  private constructor(
    private readonly df: DataFrame,
    private readonly state: WriterState,
  ) {}

  static of(df: DataFrame): DataStreamWriter {
    return new DataStreamWriter(df, {
      format: "delta",
      outputMode: "append",
      options: {},
      partitionBy: [],
      trigger: DEFAULT_TRIGGER,
      queryName: undefined,
      foreachBatch: undefined,
    });
  }

  private with(patch: Partial<WriterState>): DataStreamWriter {
    return new DataStreamWriter(this.df, { ...this.state, ...patch });
  }

  format(source: string): DataStreamWriter {
    return this.with({ format: source.toLowerCase() });
  }

  /** `append` (each batch's rows are added); what a stateless query writes. */
  outputMode(mode: string): DataStreamWriter {
    const m = mode.toLowerCase();
    if (!["append", "update", "complete"].includes(m)) {
      throw new IllegalArgumentError(
        `Unknown output mode ${mode}. Accepted output modes are 'append', 'complete', 'update'`,
      );
    }
    return this.with({ outputMode: m });
  }

  option(key: string, value: OptionValue): DataStreamWriter {
    return this.with({ options: { ...this.state.options, [key]: optionString(value) } });
  }

  options(options: Readonly<Record<string, OptionValue>>): DataStreamWriter {
    let w: DataStreamWriter = this;
    for (const [k, v] of Object.entries(options)) w = w.option(k, v);
    return w;
  }

  partitionBy(...cols: (string | readonly string[])[]): DataStreamWriter {
    return this.with({ partitionBy: cols.flat() });
  }

  /** `{ availableNow: true }`, `{ once: true }` or `{ processingTime: "1 minute" }`. */
  trigger(trigger: Trigger): DataStreamWriter {
    return this.with({ trigger: parseTrigger(trigger) });
  }

  queryName(name: string): DataStreamWriter {
    return this.with({ queryName: name });
  }

  /** Calls `fn(batchDf, batchId)` for every batch instead of writing to a sink. */
  foreachBatch(fn: ForeachBatchFunction): DataStreamWriter {
    return this.with({ foreachBatch: fn, format: "foreachbatch" });
  }

  /**
   * Starts the query in the background and resolves its handle. On an engine that runs
   * streams itself (Spark), the engine runs it; a `foreachBatch` query, whose function lives
   * in this process, runs as tributary's micro-batches on that engine.
   */
  async start(path?: string): Promise<StreamingQuery> {
    const engine = this.df.sparkSession.engine;
    const startStream = engine.startStream?.bind(engine);
    if (startStream !== undefined && this.state.foreachBatch === undefined)
      return this.startOnEngine(engine, startStream, path);
    return this.startMicroBatches(path);
  }

  /** Hands the whole query to the engine, every path as the engine must see it. */
  private async startOnEngine(
    engine: Engine,
    startStream: (spec: StreamStartSpec) => Promise<EngineStream>,
    path: string | undefined,
  ): Promise<StreamingQuery> {
    const session = this.df.sparkSession;
    const dataPath = (p: string): string => engine.dataPath?.(p) ?? p;
    let plan = this.df.plan;
    for (const read of streamingReads(plan)) {
      const paths = read.paths.map(dataPath);
      plan = replaceRead(plan, read, Object.freeze({ ...read, paths: Object.freeze(paths) }));
    }
    const { format, outputMode, queryName, partitionBy, trigger } = this.state;
    const location = this.checkpointLocation(session.conf.getAll(), queryName);
    const target = path ?? this.state.options.path;
    const spec: StreamStartSpec = {
      plan,
      format,
      options: { ...this.sinkOptions(), checkpointLocation: dataPath(location) },
      partitionBy,
      trigger,
      outputMode,
      queryName,
      path: target === undefined ? undefined : dataPath(target),
    };
    return EngineStreamingQuery.start(await startStream(spec), streamsOf(session));
  }

  /** Runs the query as tributary's micro-batches (see execution.ts). */
  private async startMicroBatches(path: string | undefined): Promise<StreamingQuery> {
    const session = this.df.sparkSession;
    const conf = session.conf.getAll();
    const read = checkStreamable(this.df.plan);
    const { outputMode, trigger, queryName } = this.state;
    if (outputMode === "complete") {
      throw new StreamingError(
        "STREAMING_UNSUPPORTED_OPERATION",
        "Complete output mode not supported when there are no streaming aggregations on streaming DataFrames/Datasets",
        { hint: 'Use outputMode("append").' },
      );
    }
    const location = this.checkpointLocation(conf, queryName);
    const target = path ?? this.state.options.path;
    const sinkDescription = this.sinkDescription(target, outputMode);
    const storage = storageFor(location, conf);
    const checkpoint = await Checkpoint.open(storage, location);
    const manager = streamsOf(session);
    await manager.takeOver(
      checkpoint.queryId,
      confBoolean(conf, "spark.sql.streaming.stopActiveRunOnRestart", true),
    );
    const source = await buildSource(read, { engine: session.engine, conf, checkpoint });
    // Compared by absolute location: the same query may be started from another directory.
    const opts = new OptionsReader(read.options);
    const sinkIdentity =
      target === undefined
        ? sinkDescription
        : sinkDescription.replace(target, absoluteLocation(target));
    const listing =
      read.format === "delta"
        ? {}
        : {
            listing: {
              path: absoluteLocation(read.paths[0] ?? ""),
              ...(opts.get("pathGlobFilter") === undefined
                ? {}
                : { pathGlobFilter: opts.get("pathGlobFilter") }),
              recursiveFileLookup: opts.bool("recursiveFileLookup", false),
            },
          };
    await checkpoint.checkIdentity({ source: source.description, sink: sinkIdentity, ...listing });
    const sink = this.sink(checkpoint.queryId, target);
    const runId = randomUUID();
    const execution = new MicroBatchExecution({
      session,
      plan: this.df.plan,
      read,
      source,
      sink,
      checkpoint,
      runId,
      name: queryName,
    });
    const query = new MicroBatchQuery(execution, trigger, { runId, name: queryName }, manager);
    manager.register(query);
    manager.post((l) => l.onQueryStarted?.({ id: query.id, runId, name: queryName ?? null }));
    return query;
  }

  private checkpointLocation(
    conf: Readonly<Record<string, string>>,
    name: string | undefined,
  ): string {
    const own = Object.entries(this.state.options).find(
      ([k]) => k.toLowerCase() === "checkpointlocation",
    )?.[1];
    if (own !== undefined) return own;
    const root = conf["spark.sql.streaming.checkpointLocation"];
    if (root !== undefined) return child(root, name ?? randomUUID());
    throw new StreamingError(
      "STREAMING_CHECKPOINT_LOCATION_REQUIRED",
      'checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).',
      {
        hint: "The checkpoint records which files each batch took; it is what makes restarts exactly once.",
      },
    );
  }

  private sinkDescription(target: string | undefined, outputMode: string): string {
    const { format } = this.state;
    if (format === "foreachbatch") return "ForeachBatchSink";
    if (format !== "delta") {
      throw new UnsupportedOperationError(
        "tributary",
        `writeStream.format("${format}")`,
        `Streaming into format "${format}" is not supported; the sinks are delta and foreachBatch.`,
        { hint: 'Use format("delta"), or foreachBatch((df, id) => df.write...save(...)).' },
      );
    }
    if (outputMode !== "append") {
      const mode = `${outputMode[0]?.toUpperCase()}${outputMode.slice(1)}`;
      throw new StreamingError(
        "DELTA_UNSUPPORTED_OUTPUT_MODE",
        `[DELTA_UNSUPPORTED_OUTPUT_MODE] Data source delta does not support ${mode} output mode`,
        { hint: 'Use outputMode("append").' },
      );
    }
    if (target === undefined)
      throw new IllegalArgumentError(
        "start() needs the Delta table's path (or option('path', ...)).",
      );
    return `DeltaSink[${target}]`;
  }

  private sink(queryId: string, target: string | undefined): StreamSink {
    const fn = this.state.foreachBatch;
    if (fn !== undefined) return new ForeachBatchSink(fn);
    return new DeltaSink({
      path: target ?? "",
      queryId,
      partitionBy: this.state.partitionBy,
      options: this.sinkOptions(),
    });
  }

  /** The sink's own options: the writer's, less the checkpoint location and the path. */
  private sinkOptions(): Record<string, string> {
    return Object.fromEntries(
      Object.entries(this.state.options).filter(
        ([k]) => !["checkpointlocation", "path"].includes(k.toLowerCase()),
      ),
    );
  }
}
