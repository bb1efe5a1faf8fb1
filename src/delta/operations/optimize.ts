/**
 * OPTIMIZE (compaction), as delta-spark bin-packs: per partition, files smaller than
 * `spark.databricks.delta.optimize.minFileSize` (1 GiB) are sorted by size and packed into
 * bins of at most `spark.databricks.delta.optimize.maxFileSize` (1 GiB); each bin of two or
 * more files becomes one new file. Rows are unchanged, so both the removes and the adds
 * carry `dataChange=false` (streaming readers skip them). One commit, none when there is
 * nothing to compact.
 *
 * @example
 * ```ts
 * const result = await optimizeTable(ctx, snapshot, parseExpression("day = '2024-01-01'"), "day = '2024-01-01'");
 * result.metrics.numFilesRemoved; // files compacted away
 * ```
 */
import { parseByteSize } from "../../config/index.js";
import { DeltaError } from "../../errors.js";
import { referencedColumns } from "../../plan/expression/columns.js";
import type { ExprNode } from "../../plan/node.js";
import type { Action, AddFile } from "../actions/types.js";
import { parseStats } from "../files/stats.js";
import { skippingContext } from "../scan/scan-builder.js";
import { skipFiles } from "../scan/skipping.js";
import { partitionValueKeys } from "../schema/column-mapping.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import {
  bytesOf,
  commitCommand,
  discard,
  footprint,
  requireModifiable,
  type TableCommandContext,
  writeTableRows,
} from "./common.js";
import { scanFiles } from "./plan-helpers.js";
import { removeOf } from "./rewrite.js";

const GIB = 1024 * 1024 * 1024;

export interface FileSizeStats {
  readonly min: number | null;
  readonly max: number | null;
  readonly avg: number;
  readonly totalFiles: number;
  readonly totalSize: number;
}

/** delta-spark's OptimizeMetrics (the fields that apply without Z-order and deletion vectors). */
export interface OptimizeMetrics {
  readonly numFilesAdded: number;
  readonly numFilesRemoved: number;
  readonly filesAdded: FileSizeStats;
  readonly filesRemoved: FileSizeStats;
  readonly partitionsOptimized: number;
  readonly numBatches: number;
  readonly totalConsideredFiles: number;
  readonly totalFilesSkipped: number;
  readonly preserveInsertionOrder: boolean;
  readonly startTimeMs: number;
  readonly endTimeMs: number;
  readonly numTableColumns: number;
}

export interface OptimizeResult {
  readonly path: string;
  /** The version committed; undefined when nothing needed compaction. */
  readonly version: number | undefined;
  readonly metrics: OptimizeMetrics;
}

/** OPTIMIZE ... WHERE may only filter on partition columns (delta-spark refuses the rest). */
function checkPartitionPredicate(snapshot: Snapshot, predicate: ExprNode, text: string): void {
  const partition = new Set(snapshot.partitionColumns.map((p) => p.toLowerCase()));
  const bad = referencedColumns(predicate).find((c) => !partition.has(c.toLowerCase()));
  if (bad !== undefined) {
    throw new DeltaError(
      "DELTA_NON_PARTITION_COLUMN_REFERENCE",
      `Predicate references non-partition column '${bad}'. Only the partition columns may be referenced: [${snapshot.partitionColumns.join(", ")}]`,
      {
        hint: `OPTIMIZE ... WHERE selects partitions; '${text}' filters on data.`,
        context: { column: bad },
      },
    );
  }
}

function sizeConf(conf: Readonly<Record<string, string>>, key: string): number {
  const v = conf[key];
  return v === undefined ? GIB : parseByteSize(key, v, "b");
}

function stats(files: readonly AddFile[]): FileSizeStats {
  const sizes = files.map((f) => f.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  return {
    min: sizes.length === 0 ? null : Math.min(...sizes),
    max: sizes.length === 0 ? null : Math.max(...sizes),
    avg: sizes.length === 0 ? 0 : total / sizes.length,
    totalFiles: sizes.length,
    totalSize: total,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** The share of a file's rows its deletion vector removes (0 without one). */
function deletedRatio(f: AddFile): number {
  const deleted = f.deletionVector?.cardinality ?? 0;
  if (deleted === 0) return 0;
  const records = parseStats(f.stats)?.numRecords;
  return records === undefined || records === 0 ? 1 : deleted / records;
}

/**
 * Bins of files to rewrite together, per partition: small files (bins of two or more), and,
 * as delta-spark's OPTIMIZE, any file whose deletion vector removes more than
 * `maxDeletedRowsRatio` of its rows (rewriting it purges the deleted rows, even alone).
 */
export function binPack(
  files: readonly AddFile[],
  partitionColumns: readonly string[],
  minFileSize: number,
  maxFileSize: number,
  maxDeletedRowsRatio = 0.05,
): AddFile[][] {
  const purge = (f: AddFile): boolean => deletedRatio(f) > maxDeletedRowsRatio;
  const byPartition = new Map<string, AddFile[]>();
  for (const f of files) {
    if (f.size >= minFileSize && !purge(f)) continue;
    const key = JSON.stringify(partitionColumns.map((p) => f.partitionValues[p] ?? null));
    byPartition.set(key, [...(byPartition.get(key) ?? []), f]);
  }
  const bins: AddFile[][] = [];
  for (const group of byPartition.values()) {
    let bin: AddFile[] = [];
    let size = 0;
    for (const f of [...group].sort((a, b) => a.size - b.size)) {
      if (bin.length > 0 && size + f.size > maxFileSize) {
        bins.push(bin);
        bin = [];
        size = 0;
      }
      bin.push(f);
      size += f.size;
    }
    bins.push(bin);
  }
  return bins.filter((b) => b.length > 1 || b.some(purge));
}

/** Compacts the small files of the partitions matching `predicate` (all when undefined). */
export async function optimizeTable(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  predicate: ExprNode | undefined,
  text: string | undefined,
  options: {
    purgeDeletionVectors?: boolean;
    /** Auto compaction: the files to consider, its own size thresholds, `auto: true` in the log. */
    candidates?: readonly AddFile[];
    minFileSize?: number;
    maxFileSize?: number;
    auto?: boolean;
  } = {},
): Promise<OptimizeResult> {
  const startTimeMs = Date.now();
  const purge = options.purgeDeletionVectors === true;
  requireModifiable(snapshot, false);
  if (predicate !== undefined) checkPartitionPredicate(snapshot, predicate, text ?? "");
  const candidates =
    options.candidates ??
    (predicate === undefined
      ? snapshot.files()
      : skipFiles(snapshot.files(), [predicate], skippingContext(snapshot)));
  const minFileSize =
    options.minFileSize ?? sizeConf(ctx.conf, "spark.databricks.delta.optimize.minFileSize");
  const maxFileSize =
    options.maxFileSize ?? sizeConf(ctx.conf, "spark.databricks.delta.optimize.maxFileSize");
  const ratio = Number(ctx.conf["spark.databricks.delta.optimize.maxDeletedRowsRatio"] ?? "0.05");
  // REORG ... APPLY (PURGE): every file with a deletion vector is rewritten alone, and
  // nothing else is compacted.
  const bins = purge
    ? candidates.filter((f) => (f.deletionVector?.cardinality ?? 0) > 0).map((f) => [f])
    : binPack(
        candidates,
        // add.partitionValues is keyed by physical names under column mapping.
        partitionValueKeys(snapshot.schema, snapshot.partitionColumns, snapshot.configuration),
        minFileSize,
        maxFileSize,
        Number.isFinite(ratio) ? ratio : 0.05,
      );
  const removed = bins.flat();
  const added: AddFile[] = [];
  try {
    for (const bin of bins) {
      added.push(
        ...(await writeTableRows(ctx.engine, snapshot, scanFiles(snapshot, bin, false), {
          dataChange: false,
          singleFile: true,
        })),
      );
    }
  } catch (e) {
    await discard(ctx.engine, snapshot.tablePath, added);
    throw e;
  }
  const partitions = new Set(removed.map((f) => JSON.stringify(f.partitionValues)));
  const base = {
    numFilesAdded: added.length,
    numFilesRemoved: removed.length,
    filesAdded: stats(added),
    filesRemoved: stats(removed),
    partitionsOptimized: partitions.size,
    numBatches: bins.length > 0 ? 1 : 0,
    totalConsideredFiles: candidates.length,
    totalFilesSkipped: candidates.length - removed.length,
    preserveInsertionOrder: false,
    startTimeMs,
    numTableColumns: snapshot.schema.length,
  };
  if (bins.length === 0)
    return {
      path: snapshot.tablePath,
      version: undefined,
      metrics: { ...base, endTimeMs: Date.now() },
    };
  const now = Date.now();
  const actions: Action[] = [
    ...removed.map((f) => removeOf(f, now, false)),
    ...added.map((add) => ({ add })),
  ];
  const sizes = added.map((f) => f.size).sort((a, b) => a - b);
  const version = await commitCommand(ctx, snapshot, actions, added, {
    operation: purge ? "REORG" : "OPTIMIZE",
    parameters: purge
      ? { predicate: JSON.stringify(text === undefined ? [] : [text]), applyPurge: true }
      : {
          predicate: JSON.stringify(text === undefined ? [] : [text]),
          ...(options.auto === true ? { auto: true } : {}),
          zOrderBy: "[]",
        },
    metrics: {
      numRemovedFiles: removed.length,
      numRemovedBytes: bytesOf(removed),
      p25FileSize: percentile(sizes, 0.25),
      numDeletionVectorsRemoved: removed.filter((f) => (f.deletionVector ?? null) !== null).length,
      minFileSize: sizes[0] ?? 0,
      numAddedFiles: added.length,
      maxFileSize: sizes.at(-1) ?? 0,
      p75FileSize: percentile(sizes, 0.75),
      p50FileSize: percentile(sizes, 0.5),
      numAddedBytes: bytesOf(added),
    },
    footprint: footprint({
      readFiles: new Set(removed.map((f) => f.path)),
      removedFiles: new Set(removed.map((f) => f.path)),
    }),
  });
  return { path: snapshot.tablePath, version, metrics: { ...base, endTimeMs: Date.now() } };
}
