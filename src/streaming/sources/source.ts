/**
 * What a micro-batch runner asks of a streaming source. Offsets are JSON, as Spark writes
 * them in `offsets/<n>`; a source decides (and records, when it keeps its own log) the data
 * of the next batch in `latestOffset` before the runner writes the offset, so a restart
 * replays exactly the same data for a batch that did not commit.
 */
import type { RelationNode } from "../../plan/node.js";
import type { Offset } from "../checkpoint/checkpoint.js";

/** How much the next batch may take. */
export type ReadLimit = "all" | "default";

/** Data waiting in the source after the current offset. */
export interface Backlog {
  readonly files: number;
  readonly bytes: number;
  /** Modification time of the oldest waiting file, when there is one (ms since the epoch). */
  readonly oldestMs: number | undefined;
}

export interface BatchData {
  /** The batch's data as a batch plan (replaces the streaming read). */
  readonly plan: RelationNode;
  /** Files (or Delta data files) in the batch. */
  readonly files: number;
}

export interface StreamSource {
  /** Spark's description in progress reports: `FileStreamSource[file:/dir]`. */
  readonly description: string;
  /** Loads the source's own state from the checkpoint. */
  init(): Promise<void>;
  /** For availableNow: fixes the data to process now; later arrivals wait for the next run. */
  prepareAvailableNow(): Promise<void>;
  /** The end offset of the next batch after `start`; equal to `start` when nothing is new. */
  latestOffset(start: Offset | undefined, limit: ReadLimit): Promise<Offset | undefined>;
  /** The data in (`start`, `end`]. */
  getBatch(start: Offset | undefined, end: Offset): Promise<BatchData>;
  /** Called once the batch (`start`, `end`] is committed (cleanSource runs here). */
  commit(start: Offset | undefined, end: Offset): Promise<void>;
  /** What is waiting after the last decided offset (for metrics and health checks). */
  backlog(): Promise<Backlog>;
}

export function sameOffset(a: Offset | undefined, b: Offset | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
