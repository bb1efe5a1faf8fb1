/**
 * The newest version of a Delta table, from a listing of its log (no commit is read): what
 * an action checks before it reuses an analysis made over an older version, as delta-spark
 * updates a table's log before each query that reads it.
 */
import type { DeltaEngine } from "../../../delta/engine.js";
import { buildLogSegment } from "../../../delta/log/segment.js";

export async function latestVersion(delta: DeltaEngine, tablePath: string): Promise<number> {
  return (await buildLogSegment(delta.storage, tablePath)).version;
}
