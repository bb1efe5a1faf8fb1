/** `spark.streams`: the streaming queries of a session that are running now. */
import type { Engine } from "../engine/engine.js";
import type { SparkSession } from "../session/session.js";
import { EngineStreamingQuery } from "./engine-query.js";
import { StreamingError } from "./errors.js";
import type { StreamingQueryListener, StreamingQueryProgress } from "./progress.js";
import type { StreamingQuery } from "./query.js";

export class StreamingQueryManager {
  /** @internal */
  constructor(private readonly engine?: Engine) {}

  private readonly running = new Map<string, StreamingQuery>();
  private readonly listeners = new Set<StreamingQueryListener>();

  /** Adds a listener for every query of this session (Spark's `addListener`). */
  addListener(listener: StreamingQueryListener): void {
    this.listeners.add(listener);
  }

  removeListener(listener: StreamingQueryListener): void {
    this.listeners.delete(listener);
  }

  /** @internal calls each listener; a listener that throws is reported, never fails the query. */
  post(call: (l: StreamingQueryListener) => void): void {
    for (const l of this.listeners) {
      try {
        call(l);
      } catch (e) {
        process.emitWarning(
          `A StreamingQueryListener failed: ${e instanceof Error ? e.message : String(e)}`,
          { code: "STREAMING_LISTENER_FAILED" },
        );
      }
    }
  }

  /** @internal */
  postProgress(progress: StreamingQueryProgress): void {
    this.post((l) => l.onQueryProgress?.({ progress }));
  }

  /**
   * The queries this session started that are running, as last seen (a query Spark runs
   * is seen at least once a second; {@link activeOnEngine} asks the engine now).
   */
  get active(): StreamingQuery[] {
    return [...this.running.values()];
  }

  /**
   * The running queries as the engine reports them now: on Spark, asked of the server
   * (Spark Connect's `StreamingQueryManagerCommand.active`), with the `foreachBatch` queries
   * tributary runs here. On the embedded engine, the same as {@link active}.
   */
  async activeOnEngine(): Promise<StreamingQuery[]> {
    if (this.engine?.activeStreams === undefined) return this.active;
    const onEngine = new Set((await this.engine.activeStreams()).map((q) => q.runId));
    return this.active.filter((q) => !(q instanceof EngineStreamingQuery) || onEngine.has(q.runId));
  }

  /** The running query with this id, if any. */
  get(id: string): StreamingQuery | undefined {
    return this.running.get(id);
  }

  /**
   * @internal A second run of the same query (same checkpoint): as Spark with its default
   * `spark.sql.streaming.stopActiveRunOnRestart=true`, the running one is stopped first;
   * with `false`, the new run is refused.
   */
  async takeOver(id: string, stopActive: boolean): Promise<void> {
    const running = this.running.get(id);
    if (running === undefined) return;
    if (!stopActive) {
      throw new StreamingError(
        "STREAMING_QUERY_ALREADY_ACTIVE",
        `Cannot start query with id ${id} as another query with same id is already active. Perhaps you are attempting to restart a query from checkpoint that is already active.`,
        {
          hint: "Stop the running query first (query.stop()), or set spark.sql.streaming.stopActiveRunOnRestart=true.",
        },
      );
    }
    await running.stop();
  }

  /** @internal */
  register(query: StreamingQuery): void {
    this.running.set(query.id, query);
  }

  /** @internal */
  unregister(query: StreamingQuery): void {
    if (this.running.get(query.id) === query) this.running.delete(query.id);
  }

  /** Stops every running query (the session's stop() does it). */
  async stopAll(): Promise<void> {
    await Promise.all(this.active.map((q) => q.stop()));
  }
}

const managers = new WeakMap<SparkSession, StreamingQueryManager>();

/** The session's manager, created on first use. */
export function streamsOf(session: SparkSession): StreamingQueryManager {
  let m = managers.get(session);
  if (m === undefined) {
    m = new StreamingQueryManager(session.engine);
    managers.set(session, m);
  }
  return m;
}
