/**
 * `DeltaTable.optimize()`: optionally `.where(partitionFilter)`, then `executeCompaction()`.
 *
 * @example
 * ```ts
 * const result = await table.optimize().where("day = '2024-01-01'").executeCompaction();
 * await result.select("metrics.numFilesRemoved").show();
 * ```
 */
import type { DataFrame } from "../dataframe/dataframe.js";

type Run = (
  partitionFilter: string | undefined,
  options?: { purgeDeletionVectors?: boolean },
) => Promise<DataFrame>;

export class DeltaOptimizeBuilder {
  /** @internal use DeltaTable.optimize(). */
  constructor(
    private readonly run: Run,
    private readonly partitionFilter: string | undefined = undefined,
  ) {
    Object.freeze(this);
  }

  /** Limits compaction to the partitions matching a predicate on partition columns. */
  where(partitionFilter: string): DeltaOptimizeBuilder {
    const combined =
      this.partitionFilter === undefined
        ? partitionFilter
        : `(${this.partitionFilter}) AND (${partitionFilter})`;
    return new DeltaOptimizeBuilder(this.run, combined);
  }

  /**
   * Bin-packs small files into larger ones (one commit, rows unchanged). Resolves to
   * delta-spark's result: one row of `path` and `metrics` (numFilesAdded, numFilesRemoved...).
   */
  executeCompaction(): Promise<DataFrame> {
    return this.run(this.partitionFilter);
  }

  /**
   * Rewrites every file that has a deletion vector, so the deleted rows are gone from the data
   * files too (delta-spark's `REORG TABLE ... APPLY (PURGE)`); afterwards VACUUM can remove the
   * old files and their vectors.
   *
   * @example
   * ```ts
   * await table.optimize().purgeDeletionVectors();
   * ```
   */
  purgeDeletionVectors(): Promise<DataFrame> {
    return this.run(this.partitionFilter, { purgeDeletionVectors: true });
  }
}
