/**
 * delta-spark's DeltaSink: each batch is one commit carrying a `txn` action with
 * appId = the query id and version = the batch id. A batch the table already has (the
 * process died after the commit, before `commits/<n>`) is skipped, so a replay never
 * writes rows twice; the txn check and the commit are one transaction, so a concurrent
 * run of the same query loses with a conflict instead of duplicating.
 */
import type { DataFrame } from "../../dataframe/dataframe.js";
import { writeDelta } from "../../delta/operations/write.js";
import { isDeltaTableEngine } from "../../delta/table-engine.js";
import type { BatchOutcome, StreamSink } from "./sink.js";

export interface DeltaSinkSpec {
  readonly path: string;
  readonly queryId: string;
  readonly partitionBy: readonly string[];
  /** Writer options (mergeSchema, userMetadata, ...); txnAppId / txnVersion are set here. */
  readonly options: Readonly<Record<string, string>>;
}

export class DeltaSink implements StreamSink {
  constructor(private readonly spec: DeltaSinkSpec) {}

  get description(): string {
    return `DeltaSink[${this.spec.path}]`;
  }

  async addBatch(batchId: number, data: DataFrame): Promise<BatchOutcome> {
    const session = data.sparkSession;
    const engine = session.engine;
    const txn = { txnAppId: this.spec.queryId, txnVersion: String(batchId) };
    if (!isDeltaTableEngine(engine)) {
      // On Spark, delta-spark writes the batch; its txnAppId / txnVersion options are the
      // same idempotence (the commit is a WRITE, not a STREAMING UPDATE).
      const result = await data.write
        .format("delta")
        .mode("append")
        .partitionBy(...this.spec.partitionBy)
        .options({ ...this.spec.options, ...txn })
        .save(this.spec.path);
      return { rowsWritten: Number.isFinite(result.rowsWritten) ? result.rowsWritten : undefined };
    }
    const result = await writeDelta(engine, {
      plan: data.plan,
      path: engine.dataPath?.(this.spec.path) ?? this.spec.path,
      mode: "append",
      partitionBy: this.spec.partitionBy,
      options: { ...this.spec.options, ...txn },
      sessionConf: session.conf.getAll(),
      operation: {
        name: "STREAMING UPDATE",
        parameters: { outputMode: "Append", queryId: this.spec.queryId, epochId: String(batchId) },
      },
    });
    return { rowsWritten: result.written ? result.rowsWritten : 0 };
  }
}
