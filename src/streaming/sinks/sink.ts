/** What a micro-batch hands its data to: the Delta table sink or a `foreachBatch` function. */
import type { DataFrame } from "../../dataframe/dataframe.js";

export interface BatchOutcome {
  /** Rows written, when the sink knows (Spark reports -1 for sinks that do not say). */
  readonly rowsWritten: number | undefined;
}

export interface StreamSink {
  /** Spark's description in progress reports: `DeltaSink[path]`, `ForeachBatchSink`. */
  readonly description: string;
  /** Takes batch `batchId`; a sink that already took it must not take it again. */
  addBatch(batchId: number, data: DataFrame): Promise<BatchOutcome>;
}

/** The user's function for `foreachBatch`: at-least-once; `batchId` lets it be idempotent. */
export type ForeachBatchFunction = (df: DataFrame, batchId: number) => Promise<void> | void;

export class ForeachBatchSink implements StreamSink {
  readonly description = "ForeachBatchSink";

  constructor(private readonly fn: ForeachBatchFunction) {}

  async addBatch(batchId: number, data: DataFrame): Promise<BatchOutcome> {
    await this.fn(data, batchId);
    return { rowsWritten: undefined };
  }
}
