/** Errors of streaming queries: a failed query keeps its ids and the error that ended it. */
import { TributaryError } from "../errors.js";

/** A streaming source, sink, checkpoint or query definition that cannot be used as given. */
export class StreamingError extends TributaryError {}

/** Spark's `StreamingQueryException`: the query stopped because a batch failed. */
export class StreamingQueryException extends TributaryError {
  readonly queryId: string;
  readonly runId: string;

  constructor(queryId: string, runId: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      "STREAM_FAILED",
      `[STREAM_FAILED] Query [id = ${queryId}, runId = ${runId}] terminated with exception: ${reason}`,
      {
        cause,
        hint: "Fix the cause and start the query again with the same checkpointLocation: it resumes at the failed batch.",
        context: { queryId, runId },
      },
    );
    this.queryId = queryId;
    this.runId = runId;
  }
}
