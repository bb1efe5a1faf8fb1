/**
 * A resolved data source: its SQL with an exact schema, and optional hooks around each
 * action that scans it (CSV and JSON use them to keep and count rejected records).
 */
import type { ReadMetrics } from "../../engine.js";
import type { CompiledRelation } from "../compiler/relation-types.js";
import type { DuckDBSession } from "../connection.js";

export interface ResolvedSource {
  readonly compiled: CompiledRelation;
  /** Runs before an action's query (e.g. to clear this read's reject tables). */
  before?(db: DuckDBSession): Promise<void>;
  /** Runs after an action's query: this read's accounting for the action. */
  after?(db: DuckDBSession): Promise<ReadMetrics>;
}

/** What a reader needs from the session. */
export interface ReadContext {
  readonly db: DuckDBSession;
  readonly timeZone: string;
  /** A directory for per-session scratch files. */
  readonly scratchDir: string;
}
