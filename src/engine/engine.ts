/**
 * The engine contract. An engine compiles a plan (to SQL, to protos) and runs it; the API
 * layer never knows which engine it talks to. Capabilities are declared, so a caller can
 * ask before running and an unsupported operation fails with a typed error naming both.
 */
import type { RelationNode } from "../plan/node.js";
import type { ReadNode } from "../plan/relation/read.js";
import type { SparkSession } from "../session/session.js";
import type { DeltaTableBackend } from "../table/backend.js";
import type { StructType } from "../types/data-types.js";

/** A row as a plain object keyed by column name. */
export type Row = Record<string, unknown>;

/** What one read did during the last action: nothing is lost without a trace. */
export interface ReadMetrics {
  readonly format: string;
  readonly paths: readonly string[];
  /** Records read from the input, good and bad. */
  readonly rowsRead: number;
  /** Records that did not parse (kept with nulls in PERMISSIVE, dropped in DROPMALFORMED). */
  readonly rowsRejected: number;
  /** The reader's `mode`, when it has one: says whether rejected records were kept or dropped. */
  readonly mode?: "PERMISSIVE" | "DROPMALFORMED" | "FAILFAST";
  /** Where the rejected records were written (JSON lines), when `badRecordsPath` is set. */
  readonly badRecordsFile: string | undefined;
  /** The first few rejected records: file, line, raw record, reason. */
  readonly sample: readonly RejectedRecord[];
  /** Data files scanned, and skipped by partition pruning or statistics (table formats). */
  readonly filesRead?: number;
  readonly filesSkipped?: number;
  /** The table version read (Delta). */
  readonly version?: number;
}

export interface RejectedRecord {
  readonly file: string;
  readonly line: number | undefined;
  readonly record: string;
  readonly reason: string;
}

export type SaveMode = "error" | "append" | "overwrite" | "ignore";

/** What `df.write...save(path)` asks of an engine for file formats. */
export interface WriteSpec {
  readonly format: string;
  readonly path: string;
  readonly mode: SaveMode;
  readonly partitionBy: readonly string[];
  readonly options: Readonly<Record<string, string>>;
}

/** One data file an engine wrote (enough for a Delta `add` action). */
export interface WrittenFile {
  /** Absolute path of the file. */
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  /** Partition column -> value as text (null for a null partition). */
  readonly partitionValues: Readonly<Record<string, string | null>>;
  /** Column -> min / max / null count, when the format records them. */
  readonly stats: Readonly<Record<string, ColumnStats>>;
}

export interface ColumnStats {
  readonly min: unknown;
  readonly max: unknown;
  readonly nullCount: number | undefined;
}

export interface WriteResult {
  readonly files: readonly WrittenFile[];
  readonly rowsWritten: number;
  readonly bytesWritten: number;
  /** False when mode "ignore" found existing data and wrote nothing. */
  readonly written: boolean;
  readonly readMetrics: readonly ReadMetrics[];
  /** The table version committed (Delta); undefined for plain files or when nothing was committed. */
  readonly version?: number | undefined;
}

export type ExplainMode = "simple" | "extended" | "codegen" | "cost" | "formatted";

/** Options every action accepts. */
export interface ActionOptions {
  /** Abort a running action (the engine interrupts its query). */
  readonly signal?: AbortSignal;
}

/** How far the running query is, as the engine estimates it (DuckDB's query progress). */
export interface QueryProgress {
  /** 0 to 100. */
  readonly percentage: number;
  readonly rowsProcessed: number;
  /** An estimate; it can grow while the query runs. */
  readonly totalRows: number;
}

/** Called a few times a second while a query runs. */
export type ProgressListener = (progress: QueryProgress) => void;

/** What `df.writeStream...start()` asks of an engine that runs streams itself (Spark). */
export interface StreamStartSpec {
  /** The streaming plan; its streaming reads already carry the engine's data paths. */
  readonly plan: RelationNode;
  readonly format: string;
  /** Sink options, `checkpointLocation` included (as an engine data path). */
  readonly options: Readonly<Record<string, string>>;
  readonly partitionBy: readonly string[];
  readonly trigger:
    | { readonly kind: "availableNow" }
    | { readonly kind: "once" }
    | { readonly kind: "processingTime"; readonly intervalMs: number };
  readonly outputMode: string;
  readonly queryName: string | undefined;
  /** The sink path (an engine data path), or undefined for sinks without one. */
  readonly path: string | undefined;
}

/** A stream's state as its engine reports it. */
export interface EngineStreamStatus {
  readonly message: string;
  readonly isDataAvailable: boolean;
  readonly isTriggerActive: boolean;
  readonly isActive: boolean;
}

/** A running stream on an engine that runs streams itself; every call asks the engine. */
export interface EngineStream {
  readonly id: string;
  readonly runId: string;
  readonly name: string | undefined;
  status(): Promise<EngineStreamStatus>;
  /** Progress reports as the engine's JSON text, oldest first. */
  recentProgress(): Promise<string[]>;
  /** Resolves whether the stream ended (within `timeoutMs` when given). */
  awaitTermination(timeoutMs?: number): Promise<boolean>;
  processAllAvailable(): Promise<void>;
  stop(): Promise<void>;
  /** The error that ended the stream, if it failed. */
  exception(): Promise<{ readonly message: string; readonly errorClass?: string } | undefined>;
}

export interface Engine {
  readonly name: string;
  schema(plan: RelationNode): Promise<StructType>;
  /**
   * The schema of a part of a plan, for a planner building on it (spark.sql's join order,
   * decorrelation): what `schema` gives, but an engine may leave errors `schema` would report
   * to the action or `schema` of the whole plan. Absent: `schema`.
   */
  planSchema?(plan: RelationNode): Promise<StructType>;
  collect(plan: RelationNode, options?: ActionOptions): Promise<Row[]>;
  /** Rows in chunks, for results larger than memory. */
  stream(plan: RelationNode, options?: ActionOptions): AsyncGenerator<Row[]>;
  explain(plan: RelationNode, mode: ExplainMode): Promise<string>;
  write(plan: RelationNode, spec: WriteSpec, options?: ActionOptions): Promise<WriteResult>;
  /** The read accounting of the most recent action that read `node`. */
  readMetrics(node: ReadNode): ReadMetrics | undefined;
  /** Whether the engine can run an operation (a relation kind, or `function:<name>`). */
  supports(operation: string): boolean;
  /**
   * A data path (read, write, Delta table) as the engine must be given it, when it differs
   * from what the user wrote (Spark on this machine: an absolute `file:` URI). Absent: as is.
   */
  dataPath?(path: string): string;
  setConf(key: string, value: string): Promise<void>;
  /** DeltaTable's operations on this engine; engines without Delta table support omit it. */
  deltaTable?(spark: SparkSession, path: string): DeltaTableBackend;
  /**
   * Starts a streaming query the engine runs itself (Spark Structured Streaming); engines
   * whose streams tributary runs as micro-batches (the embedded one) omit it.
   */
  startStream?(spec: StreamStartSpec): Promise<EngineStream>;
  /** The ids of the streams running on the engine for this session. */
  activeStreams?(): Promise<
    { readonly id: string; readonly runId: string; readonly name: string | undefined }[]
  >;
  /** Reports progress of running queries (undefined stops it); engines that cannot omit it. */
  setProgressListener?(listener: ProgressListener | undefined): Promise<void>;
  stop(): Promise<void>;
}
