/**
 * A stream run by tributary as micro-batches on the session's engine (the embedded engine,
 * or Spark for `foreachBatch`): the batches run in the background, on this process's event
 * loop; the handle reports progress in Spark's JSON shape, waits for the end, drains what is
 * available, or stops after the batch in flight (a stopped query resumes from its checkpoint
 * when started again).
 */
import { StreamingQueryException } from "./errors.js";
import type { MicroBatchExecution } from "./execution.js";
import type { StreamingQueryManager } from "./manager.js";
import { StreamingQuery } from "./query.js";
import type { ParsedTrigger } from "./trigger.js";

/** Spark's `spark.sql.streaming.numRecentProgressUpdates` default. */
const RECENT_PROGRESS = 100;
/** Spark's `spark.sql.streaming.pollingDelay`: the wait after a trigger that found nothing. */
const POLLING_DELAY_MS = 10;
/** Spark's `spark.sql.streaming.noDataProgressEventInterval`. */
const NO_DATA_PROGRESS_INTERVAL_MS = 10_000;

export class MicroBatchQuery extends StreamingQuery {
  readonly runId: string;
  readonly name: string | undefined;
  private stopRequested = false;
  private readonly terminated: Promise<void>;
  private wake: (() => void) | undefined;
  private drainWaiters: { from: number; resolve: () => void }[] = [];
  /** Triggers started so far. */
  private triggers = 0;
  private lastProgressAt = 0;

  /** @internal started by `DataStreamWriter.start()`. */
  constructor(
    private readonly execution: MicroBatchExecution,
    private readonly trigger: ParsedTrigger,
    ids: { readonly runId: string; readonly name: string | undefined },
    private readonly manager: StreamingQueryManager,
  ) {
    super();
    this.runId = ids.runId;
    this.name = ids.name;
    this.terminated = this.run().finally(() => {
      this.active = false;
      this.currentStatus = { message: "Stopped", isDataAvailable: false, isTriggerActive: false };
      for (const w of this.drainWaiters) w.resolve();
      this.drainWaiters = [];
      manager.unregister(this);
      const exception = this.failure?.message ?? null;
      manager.post((l) => l.onQueryTerminated?.({ id: this.id, runId: this.runId, exception }));
    });
  }

  /** The query id: the same across restarts from one checkpoint. */
  get id(): string {
    return this.execution.id;
  }

  /**
   * Waits for the query to end (stop(), a finished availableNow / once run, or a failure,
   * which is thrown as a StreamingQueryException). With `timeoutMs`, resolves whether it
   * ended within that time.
   */
  async awaitTermination(): Promise<undefined>;
  async awaitTermination(timeoutMs: number): Promise<boolean>;
  async awaitTermination(timeoutMs?: number): Promise<boolean | undefined> {
    if (timeoutMs === undefined) {
      await this.terminated;
      this.throwIfFailed();
      return undefined;
    }
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      this.terminated.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (ended) this.throwIfFailed();
    return ended;
  }

  /** Waits until every file available now is processed (for tests and drains). */
  async processAllAvailable(): Promise<void> {
    if (this.active) {
      await new Promise<void>((resolve) => {
        this.drainWaiters.push({ from: this.triggers, resolve });
        this.wake?.();
      });
    }
    this.throwIfFailed();
  }

  /** Stops after the batch in flight; resolves once the query has ended. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.wake?.();
    await this.terminated;
  }

  private setStatus(message: string, isDataAvailable: boolean, isTriggerActive: boolean): void {
    this.currentStatus = { message, isDataAvailable, isTriggerActive };
  }

  private async run(): Promise<void> {
    // Let start() return the handle before the first batch begins.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      await this.execution.init();
      if (this.trigger.kind === "availableNow") await this.execution.prepareAvailableNow();
      while (!this.stopRequested) {
        const started = Date.now();
        const index = this.triggers++;
        this.setStatus("Getting offsets", false, true);
        const result = await this.execution.runTrigger(
          this.trigger.kind === "once" ? "all" : "default",
        );
        // A trigger that found nothing is reported once per interval (and not at all when an
        // availableNow / once run ends after its batches), as Spark reports it.
        const quietSince = started - this.lastProgressAt;
        const reportIdle =
          this.trigger.kind === "processingTime"
            ? quietSince >= NO_DATA_PROGRESS_INTERVAL_MS
            : this.progress.length === 0;
        if (result.ran || reportIdle) {
          this.progress.push(result.progress);
          this.manager.postProgress(result.progress);
          if (this.progress.length > RECENT_PROGRESS) this.progress.shift();
          this.lastProgressAt = started;
        }
        if (!result.ran) this.drained(index);
        if (this.trigger.kind === "once") break;
        if (this.trigger.kind === "availableNow" && !result.ran) break;
        if (this.trigger.kind === "processingTime") {
          this.setStatus(
            result.ran ? "Waiting for next trigger" : "Waiting for data to arrive",
            false,
            false,
          );
          const next = started + this.trigger.intervalMs - Date.now();
          await this.sleep(Math.max(next, result.ran ? 0 : POLLING_DELAY_MS));
        }
      }
    } catch (e) {
      this.failure = new StreamingQueryException(this.execution.id, this.runId, e);
    }
  }

  /** Resolves the processAllAvailable() calls made before a trigger that found nothing. */
  private drained(trigger: number): void {
    const [done, waiting] = [
      this.drainWaiters.filter((w) => w.from <= trigger),
      this.drainWaiters.filter((w) => w.from > trigger),
    ];
    this.drainWaiters = waiting;
    for (const w of done) w.resolve();
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopRequested || this.drainWaiters.length > 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = undefined;
    });
  }
}
