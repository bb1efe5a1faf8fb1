/**
 * `StreamingQuery`: a handle on a running stream, as Spark's, whichever engine runs it
 * (tributary's micro-batches, or Spark Structured Streaming over Spark Connect). The
 * getters are what the query last reported; `awaitTermination`, `processAllAvailable` and
 * `stop` wait for the engine, so the getters are current after they resolve.
 *
 * @example
 * ```ts
 * const q = await df.writeStream.format("delta").option("checkpointLocation", "cp/events")
 *   .trigger({ availableNow: true }).start("lake/events");
 * await q.awaitTermination();
 * console.log(q.lastProgress?.numInputRows);
 * ```
 */
import type { StreamingQueryException } from "./errors.js";
import type { StreamingQueryProgress, StreamingQueryStatus } from "./progress.js";

export abstract class StreamingQuery {
  // What the query last reported; each engine's handle keeps these current.
  protected progress: StreamingQueryProgress[] = [];
  protected currentStatus: StreamingQueryStatus = {
    message: "Initializing sources",
    isDataAvailable: false,
    isTriggerActive: false,
  };
  protected active = true;
  protected failure: StreamingQueryException | undefined;

  /** The query id: the same across restarts from one checkpoint. */
  abstract get id(): string;
  /** This run's id: new at every start. */
  abstract get runId(): string;
  abstract get name(): string | undefined;

  get isActive(): boolean {
    return this.active;
  }

  get status(): StreamingQueryStatus {
    return this.currentStatus;
  }

  get lastProgress(): StreamingQueryProgress | undefined {
    return this.progress[this.progress.length - 1];
  }

  /** The last progress reports (up to 100), oldest first. */
  get recentProgress(): readonly StreamingQueryProgress[] {
    return [...this.progress];
  }

  /** The error that ended the query, if it failed. */
  exception(): StreamingQueryException | undefined {
    return this.failure;
  }

  protected throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /**
   * Waits for the query to end (stop(), a finished availableNow / once run, or a failure,
   * which is thrown as a StreamingQueryException). With `timeoutMs`, resolves whether it
   * ended within that time.
   */
  abstract awaitTermination(): Promise<undefined>;
  abstract awaitTermination(timeoutMs: number): Promise<boolean>;
  /** Waits until every file available now is processed (for tests and drains). */
  abstract processAllAvailable(): Promise<void>;
  /** Stops after the batch in flight; resolves once the query has ended. */
  abstract stop(): Promise<void>;

  toString(): string {
    return `StreamingQuery(id=${this.id}, runId=${this.runId}, name=${this.name ?? ""})`;
  }
}
