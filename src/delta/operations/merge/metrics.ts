/** delta-spark's MERGE metrics, from the row count of each action code. */
import type { ResolvedClause } from "./clauses.js";
import { COPY } from "./plans.js";

export interface MergeMetrics {
  /** The version committed; undefined when no row changed (nothing is committed). */
  readonly version: number | undefined;
  readonly numSourceRows: number;
  readonly numTargetRowsInserted: number;
  readonly numTargetRowsUpdated: number;
  readonly numTargetRowsMatchedUpdated: number;
  readonly numTargetRowsNotMatchedBySourceUpdated: number;
  readonly numTargetRowsDeleted: number;
  readonly numTargetRowsMatchedDeleted: number;
  readonly numTargetRowsNotMatchedBySourceDeleted: number;
  readonly numTargetRowsCopied: number;
  readonly numOutputRows: number;
  readonly numTargetFilesAdded: number;
  readonly numTargetFilesRemoved: number;
  readonly numTargetBytesAdded: number;
  readonly numTargetBytesRemoved: number;
}

export function emptyCounts(): MergeMetrics {
  return {
    version: undefined,
    numSourceRows: 0,
    numTargetRowsInserted: 0,
    numTargetRowsUpdated: 0,
    numTargetRowsMatchedUpdated: 0,
    numTargetRowsNotMatchedBySourceUpdated: 0,
    numTargetRowsDeleted: 0,
    numTargetRowsMatchedDeleted: 0,
    numTargetRowsNotMatchedBySourceDeleted: 0,
    numTargetRowsCopied: 0,
    numOutputRows: 0,
    numTargetFilesAdded: 0,
    numTargetFilesRemoved: 0,
    numTargetBytesAdded: 0,
    numTargetBytesRemoved: 0,
  };
}

/**
 * Row metrics before the write. `overcount` is the extra joined rows of target rows that
 * several source rows matched (allowed only for a lone unconditional delete): delta-spark
 * subtracts them so each deleted target row counts once.
 */
export function mergeMetrics(
  clauses: readonly ResolvedClause[],
  counts: ReadonlyMap<number, number>,
  overcount: number,
  numSourceRows: number,
): MergeMetrics {
  const sum = (when: ResolvedClause["when"], action: ResolvedClause["action"]): number =>
    clauses
      .filter((c) => c.when === when && c.action === action)
      .reduce((n, c) => n + (counts.get(c.code) ?? 0), 0);
  const matchedUpdated = sum("matched", "update");
  const bySourceUpdated = sum("notMatchedBySource", "update");
  const matchedDeleted = Math.max(0, sum("matched", "delete") - overcount);
  const bySourceDeleted = sum("notMatchedBySource", "delete");
  const inserted = sum("notMatched", "insert");
  const copied = counts.get(COPY) ?? 0;
  return {
    ...emptyCounts(),
    numSourceRows,
    numTargetRowsInserted: inserted,
    numTargetRowsUpdated: matchedUpdated + bySourceUpdated,
    numTargetRowsMatchedUpdated: matchedUpdated,
    numTargetRowsNotMatchedBySourceUpdated: bySourceUpdated,
    numTargetRowsDeleted: matchedDeleted + bySourceDeleted,
    numTargetRowsMatchedDeleted: matchedDeleted,
    numTargetRowsNotMatchedBySourceDeleted: bySourceDeleted,
    numTargetRowsCopied: copied,
    numOutputRows: matchedUpdated + bySourceUpdated + inserted + copied,
  };
}
