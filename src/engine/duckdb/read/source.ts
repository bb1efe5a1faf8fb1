/**
 * A resolved data source: its SQL with an exact schema, and optional hooks around each
 * action that scans it (CSV and JSON use them to keep and count rejected records).
 *
 * Hook order for one action: every source's `before`, the action's single statement, every
 * source's `after`. When the statement fails, the engine asks each source to `recover`: a
 * source may throw a clearer error (FAILFAST: the file, line and record), or prepare an
 * exact, slower plan for the records that broke the fast one and ask for the action to run
 * again (PERMISSIVE). The engine runs an action at most twice.
 */

import type { Storage } from "../../../storage/storage.js";
import type { ReadMetrics } from "../../engine.js";
import type { CompiledRelation } from "../compiler/relation-types.js";
import type { DuckDBSession } from "../connection.js";
import type { ObjectMirror } from "./object-mirror.js";

/**
 * What the engine knows about an action before it runs: when every row this read produces
 * reaches the action's result unchanged in number (projections only), the result's row
 * count is the read's, and the source need not count its scan itself.
 */
export interface ActionHint {
  readonly rowsFromResult: boolean;
  /** Rows are handed out as they come, so a failed action cannot run again. */
  readonly streams?: boolean;
}

export interface ResolvedSource {
  readonly compiled: CompiledRelation;
  /** Runs before an action's query (e.g. to clear this read's reject tables). */
  before?(db: DuckDBSession, hint?: ActionHint): Promise<void>;
  /** Runs after an action's query: this read's accounting for the action. */
  after?(db: DuckDBSession, resultRows?: number): Promise<ReadMetrics>;
  /**
   * Called when the action's query failed with `error`. Returns true when the action should
   * run again (the next `before` installs the exact plan); may throw a clearer error
   * instead; returns false when the failure is not about this source's input.
   */
  recover?(db: DuckDBSession, error: unknown): Promise<boolean>;
}

/** What a reader needs from the session. */
export interface ReadContext {
  readonly db: DuckDBSession;
  readonly timeZone: string;
  /** A directory for per-session scratch files. */
  readonly scratchDir: string;
  /** Lists object-store locations (and reads them into `mirror`); local paths use node:fs. */
  readonly storage?: Storage;
  /** Local copies of this read's object-store text files (CSV, JSON), when it has any. */
  readonly mirror?: ObjectMirror;
}
