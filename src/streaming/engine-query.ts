/**
 * A stream its engine runs itself (Spark Structured Streaming over Spark Connect): every
 * state the handle shows comes from the engine. While the stream is active the handle asks
 * for its status and progress once a second (a timer that does not keep the process alive),
 * and again whenever `awaitTermination`, `processAllAvailable` or `stop` resolves.
 */
import type { EngineStream } from "../engine/engine.js";
import { EngineError } from "../errors.js";
import { StreamingQueryException } from "./errors.js";
import type { StreamingQueryManager } from "./manager.js";
import { parseProgressJson } from "./progress.js";
import { StreamingQuery } from "./query.js";

const POLL_MS = 1000;

export class EngineStreamingQuery extends StreamingQuery {
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  private constructor(
    private readonly stream: EngineStream,
    private readonly manager: StreamingQueryManager,
  ) {
    super();
  }

  /** @internal wraps a started stream, registers it with the session's manager. */
  static start(stream: EngineStream, manager: StreamingQueryManager): EngineStreamingQuery {
    const q = new EngineStreamingQuery(stream, manager);
    manager.register(q);
    manager.post((l) => l.onQueryStarted?.({ id: q.id, runId: q.runId, name: q.name ?? null }));
    q.timer = setInterval(() => {
      q.refresh().catch((e: unknown) => {
        // A background poll has no caller to throw to: stop polling and say why.
        clearInterval(q.timer);
        process.emitWarning(
          `Polling streaming query ${q.id} failed: ${e instanceof Error ? e.message : String(e)}`,
          { code: "STREAMING_POLL_FAILED" },
        );
      });
    }, POLL_MS);
    q.timer.unref();
    return q;
  }

  get id(): string {
    return this.stream.id;
  }

  get runId(): string {
    return this.stream.runId;
  }

  get name(): string | undefined {
    return this.stream.name;
  }

  async awaitTermination(): Promise<undefined>;
  async awaitTermination(timeoutMs: number): Promise<boolean>;
  async awaitTermination(timeoutMs?: number): Promise<boolean | undefined> {
    const ended = await this.engineCall(() => this.stream.awaitTermination(timeoutMs));
    await this.refresh();
    if (ended) this.throwIfFailed();
    return timeoutMs === undefined ? undefined : ended;
  }

  async processAllAvailable(): Promise<void> {
    await this.engineCall(() => this.stream.processAllAvailable());
    await this.refresh();
    this.throwIfFailed();
  }

  /**
   * A call that Spark answers with the query's own failure (STREAM_FAILED) when it ended
   * with one: that failure is the query's exception, thrown as a StreamingQueryException.
   */
  private async engineCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof EngineError) || e.errorClass !== "STREAM_FAILED") throw e;
      await this.refresh();
      this.failure ??= new StreamingQueryException(this.id, this.runId, e);
      throw this.failure;
    }
  }

  async stop(): Promise<void> {
    if (this.active) await this.stream.stop();
    await this.refresh();
  }

  /** Fetches status and progress; one fetch at a time, later callers share it. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.fetch().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async fetch(): Promise<void> {
    if (!this.active) return;
    const status = await this.stream.status();
    const seen = new Set(this.progress.map((p) => `${p.batchId}@${p.timestamp}`));
    const progress = (await this.stream.recentProgress()).map(parseProgressJson);
    this.progress = progress;
    for (const p of progress) {
      if (!seen.has(`${p.batchId}@${p.timestamp}`)) this.manager.postProgress(p);
    }
    this.currentStatus = {
      message: status.message,
      isDataAvailable: status.isDataAvailable,
      isTriggerActive: status.isTriggerActive,
    };
    if (status.isActive) return;
    await this.terminated();
  }

  private async terminated(): Promise<void> {
    this.active = false;
    clearInterval(this.timer);
    const error = await this.stream.exception();
    if (error !== undefined) {
      // Spark's text already opens with "[STREAM_FAILED] Query [...] terminated with
      // exception:", which StreamingQueryException adds again.
      const reason = error.message.replace(
        /^\[STREAM_FAILED\] Query \[[^\]]*\] terminated with exception: /,
        "",
      );
      const cause = new EngineError("spark", reason, {
        ...(error.errorClass === undefined ? {} : { errorClass: error.errorClass }),
      });
      this.failure = new StreamingQueryException(this.id, this.runId, cause);
    }
    this.manager.unregister(this);
    const exception = this.failure?.message ?? null;
    this.manager.post((l) => l.onQueryTerminated?.({ id: this.id, runId: this.runId, exception }));
  }
}
