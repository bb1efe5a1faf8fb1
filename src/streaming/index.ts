/**
 * Structured Streaming on the embedded engine: `spark.readStream` sources (a directory of
 * files, a Delta table) and `df.writeStream` sinks (a Delta table, `foreachBatch`), run as
 * micro-batches. The contract is Spark's: the checkpoint (`metadata`, `offsets/`,
 * `commits/`, `sources/0/`) has Spark's layout and meaning; a batch's data is decided and
 * recorded before it runs; the Delta sink commits each batch once, with a `txn` action
 * (appId = query id, version = batch id), so a process killed at any point and restarted
 * neither loses nor duplicates rows.
 */
export { type StreamBacklog, streamBacklog } from "./backlog.js";
export { StreamingError, StreamingQueryException } from "./errors.js";
export { StreamingQueryManager } from "./manager.js";
export type {
  SourceProgress,
  StreamingQueryListener,
  StreamingQueryProgress,
  StreamingQueryStatus,
} from "./progress.js";
export { StreamingQuery } from "./query.js";
export { DataStreamReader } from "./reader.js";
export type { ForeachBatchFunction } from "./sinks/sink.js";
export type { Trigger } from "./trigger.js";
export { DataStreamWriter } from "./writer.js";
