/** `spark.streams`: the streaming queries of a session that are running now. */
import type { SparkSession } from "../session/session.js";
import { StreamingError } from "./errors.js";
import type { StreamingQuery } from "./query.js";

export class StreamingQueryManager {
  private readonly running = new Map<string, StreamingQuery>();

  /** The queries running now. */
  get active(): StreamingQuery[] {
    return [...this.running.values()];
  }

  /** The running query with this id, if any. */
  get(id: string): StreamingQuery | undefined {
    return this.running.get(id);
  }

  /** @internal refuses a second run of the same query (same checkpoint) in this session. */
  checkNotActive(id: string): void {
    if (this.running.has(id)) {
      throw new StreamingError(
        "STREAMING_QUERY_ALREADY_ACTIVE",
        `Cannot start query with id ${id} as another query with same id is already active. Perhaps you are attempting to restart a query from checkpoint that is already active.`,
        { hint: "Stop the running query first (query.stop()), or use another checkpointLocation." },
      );
    }
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
    m = new StreamingQueryManager();
    managers.set(session, m);
  }
  return m;
}
