/**
 * What the Delta kernel asks of an engine: storage, and Parquet for checkpoints. The kernel
 * decides what to read and write; handlers do the I/O (DESIGN.md section 5).
 */
import type { Storage } from "../storage/storage.js";
import type { Action } from "./actions/types.js";

export interface DeltaEngine {
  readonly storage: Storage;
  /** Every action stored in these checkpoint Parquet files. */
  readCheckpoint(paths: readonly string[]): Promise<Action[]>;
  /** Writes actions as one classic checkpoint Parquet file; returns its size. */
  writeCheckpoint(path: string, actions: readonly Action[]): Promise<{ sizeInBytes: number }>;
}
