/**
 * A pipeline over a streaming source: each run ingests what arrived since the last one.
 * The source is read with `spark.readStream`; every micro-batch goes through the pipeline's
 * transform, quality gates and write (`foreachBatch`), and a Delta sink is written with
 * `txnAppId` = the query id and `txnVersion` = the batch id, so a batch replayed after a
 * crash is not written twice. A batch a quality gate blocks stops the run before its
 * commit: the next run retries it, nothing is skipped.
 */
import type { DataFrame } from "../dataframe/dataframe.js";
import type { SparkSession } from "../session/session.js";
import type { StreamingQuery } from "../streaming/query.js";
import type { Trigger } from "../streaming/trigger.js";
import type { PipelineDefinition, SourceSpec } from "./definition.js";
import { besideSink } from "./paths.js";

type SpecSource = Exclude<SourceSpec, (spark: SparkSession) => unknown>;

/** The source spec when it streams. */
export function streamingSource(def: PipelineDefinition): SpecSource | undefined {
  const s = def.source;
  return typeof s !== "function" && s.stream === true ? s : undefined;
}

function readStream(spark: SparkSession, source: SpecSource): DataFrame {
  let reader = spark.readStream.format(source.format);
  if (source.schema !== undefined) reader = reader.schema(source.schema);
  if (source.options !== undefined) reader = reader.options(source.options);
  const path = typeof source.path === "string" ? source.path : source.path[0];
  return reader.load(path);
}

export interface StreamStart {
  readonly spark: SparkSession;
  readonly def: PipelineDefinition;
  readonly source: SpecSource;
  readonly continuous: boolean;
  /** Runs one batch through transform, quality and write. */
  readonly processBatch: (df: DataFrame, batchId: number, queryId: string) => Promise<void>;
}

/** Starts the streaming query of a pipeline run. */
export async function startPipelineStream(s: StreamStart): Promise<StreamingQuery> {
  const checkpoint =
    s.source.checkpointLocation ?? besideSink(s.def, `_checkpoints/${s.def.name}`) ?? "";
  const trigger: Trigger = s.continuous
    ? { processingTime: s.def.trigger?.processingTime ?? "1 minute" }
    : { availableNow: true };
  let queryId = "";
  const query = await readStream(s.spark, s.source)
    .writeStream.queryName(s.def.name)
    .option("checkpointLocation", checkpoint)
    .trigger(trigger)
    .foreachBatch((df, batchId) => s.processBatch(df, batchId, queryId))
    .start();
  queryId = query.id;
  return query;
}
