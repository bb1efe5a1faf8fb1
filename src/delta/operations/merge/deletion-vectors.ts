/**
 * MERGE on a table with deletion vectors, as delta-spark 4.0 does: the target rows a clause
 * updates or deletes are marked in their files' vectors instead of rewriting the files (only
 * updated and inserted rows are written); a file whose live rows are all changed is removed
 * whole.
 */
import type { RelationNode } from "../../../plan/node.js";
import type { AddFile } from "../../actions/types.js";
import { parseStats } from "../../files/stats.js";
import type { Snapshot } from "../../snapshot/snapshot.js";
import type { TableCommandContext } from "../common.js";
import { type MarkedDeletes, markPositions } from "../mark-deleted.js";
import { FILE_COLUMN } from "../plan-helpers.js";
import { changedTargetRows } from "./plans.js";

export interface MarkedTarget {
  /** Touched files every live row of which changed: removed, not marked. */
  readonly removedWhole: AddFile[];
  readonly marked: MarkedDeletes;
}

/** Marks the changed target rows of `labelled` (the merge's joined rows) in `touched`. */
export async function markChangedTargetRows(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  touched: readonly AddFile[],
  labelled: RelationNode,
  now: number,
): Promise<MarkedTarget> {
  const hits = new Map<string, number[]>();
  for (const row of await ctx.engine.collect(changedTargetRows(labelled))) {
    if (Array.isArray(row.rows)) hits.set(String(row[FILE_COLUMN]), row.rows.map(Number));
  }
  const removedWhole: AddFile[] = [];
  const partly: AddFile[] = [];
  for (const f of touched) {
    const n = hits.get(f.path)?.length ?? 0;
    if (n === 0) continue;
    const records = parseStats(f.stats)?.numRecords;
    const live = records === undefined ? undefined : records - (f.deletionVector?.cardinality ?? 0);
    if (live === n) removedWhole.push(f);
    else partly.push(f);
  }
  const marked = await markPositions(ctx.engine, snapshot, partly, hits, now);
  return { removedWhole, marked };
}

/** delta-spark's MERGE deletion-vector metrics (zero without vectors). */
export function vectorMetrics(vectors: MarkedTarget | undefined): Record<string, number> {
  return {
    numTargetDeletionVectorsAdded: vectors?.marked.vectorsAdded ?? 0,
    numTargetDeletionVectorsRemoved:
      vectors?.removedWhole.filter((f) => f.deletionVector != null).length ?? 0,
    numTargetDeletionVectorsUpdated: vectors?.marked.vectorsUpdated ?? 0,
  };
}
