/**
 * DELETE as delta-spark does it: files whose rows all match are removed whole, files with
 * some matching rows are rewritten without them (copy-on-write) or, on a table with
 * `delta.enableDeletionVectors`, keep their data and get the rows marked in a deletion
 * vector (merge-on-read); files with none stay. One commit (operation "DELETE"); none when nothing matched.
 *
 * @example
 * ```ts
 * const snapshot = await loadTable(engine, "lake/events");
 * const { numDeletedRows } = await deleteRows({ engine, conf: {} }, snapshot, parseExpression("day < '2024-01-01'"), "day < '2024-01-01'");
 * ```
 */
import type { ExprNode } from "../../plan/node.js";
import { FilterNode } from "../../plan/relation/filter.js";
import type { Action, AddCDCFile, AddFile } from "../actions/types.js";
import { parseStats } from "../files/stats.js";
import { skippingContext } from "../scan/scan-builder.js";
import { skipFiles } from "../scan/skipping.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import { changeDataFeedEnabled, changeRows, writeChangeFiles } from "./change-data.js";
import {
  bytesOf,
  discard,
  requireModifiable,
  rowsOf,
  since,
  type TableCommandContext,
} from "./common.js";
import {
  commitRowChange,
  deletionVectorsEnabled,
  markDeleted,
  matchingPositions,
} from "./mark-deleted.js";
import { matches, scanFiles } from "./plan-helpers.js";
import { classifyFiles, type FileClassification, removeOf, rewriteKeeping } from "./rewrite.js";

export interface DeleteMetrics {
  /** The version committed; undefined when no row matched (nothing is committed). */
  readonly version: number | undefined;
  readonly numRemovedFiles: number;
  readonly numAddedFiles: number;
  readonly numDeletedRows: number;
  readonly numCopiedRows: number;
}

/** Deletes the rows matching `predicate` (every row when undefined). `text` is its SQL, for the history. */
export async function deleteRows(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  predicate: ExprNode | undefined,
  text: string | undefined,
): Promise<DeleteMetrics> {
  const start = Date.now();
  requireModifiable(snapshot, true);
  // With deletion vectors one scan finds the matching rows' positions; a file is removed
  // whole when they are all its live rows. Without, classify the files, then rewrite.
  const positions =
    predicate !== undefined && deletionVectorsEnabled(snapshot)
      ? await positionsOf(ctx, snapshot, predicate)
      : undefined;
  const cls = positions?.cls ?? (await classifyFiles(ctx.engine, snapshot, predicate));
  const scanTimeMs = since(start);
  if (cls.touched.length === 0)
    return {
      version: undefined,
      numRemovedFiles: 0,
      numAddedFiles: 0,
      numDeletedRows: 0,
      numCopiedRows: 0,
    };
  const rewriteStart = Date.now();
  const now = Date.now();
  // With deletion vectors, partly matching files keep their data and gain a vector.
  const marked =
    predicate !== undefined && deletionVectorsEnabled(snapshot)
      ? await markDeleted(ctx.engine, snapshot, cls.partlyMatching, predicate, now, positions?.hits)
      : undefined;
  const adds =
    predicate === undefined || marked !== undefined
      ? []
      : await rewriteKeeping(ctx.engine, snapshot, cls.partlyMatching, predicate);
  // A rewritten file's remove no longer says which of its rows went: the feed gets them all.
  let changes: AddCDCFile[] = [];
  if (
    predicate !== undefined &&
    marked === undefined &&
    cls.partlyMatching.length > 0 &&
    changeDataFeedEnabled(snapshot.configuration)
  ) {
    const deleted = FilterNode.create(scanFiles(snapshot, cls.touched, false), matches(predicate));
    try {
      changes = await writeChangeFiles(ctx.engine, snapshot, changeRows(deleted, "delete"));
    } catch (e) {
      await discard(ctx.engine, snapshot.tablePath, adds);
      throw e;
    }
  }
  const rewriteTimeMs = since(rewriteStart);
  const removedWhole = marked === undefined ? cls.touched : cls.fullyMatching;
  const actions: Action[] = [
    ...removedWhole.map((f) => removeOf(f, now)),
    ...(marked?.actions ?? []),
    ...adds.map((add) => ({ add })),
  ];
  const numCopiedRows = rowsOf(adds);
  const metrics = {
    numRemovedFiles: removedWhole.length,
    numAddedFiles: adds.length,
    numDeletedRows: cls.matchedRows,
    numCopiedRows,
  };
  const version = await commitRowChange(ctx, snapshot, {
    operation: "DELETE",
    predicate,
    text,
    actions,
    adds,
    marked,
    cls,
    changes,
    metrics: {
      ...metrics,
      executionTimeMs: since(start),
      scanTimeMs,
      rewriteTimeMs,
      numRemovedBytes: bytesOf(removedWhole),
      numAddedBytes: bytesOf(adds),
    },
  });
  return { version, ...metrics };
}

/** The files a DELETE touches, from the matching rows' positions (deletion-vector tables). */
async function positionsOf(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  predicate: ExprNode,
): Promise<{ cls: FileClassification; hits: Map<string, number[]> }> {
  const candidates = skipFiles(snapshot.files(), [predicate], skippingContext(snapshot));
  const hits = await matchingPositions(ctx.engine, snapshot, candidates, predicate);
  const fully: AddFile[] = [];
  const partly: AddFile[] = [];
  let matched = 0;
  for (const f of candidates) {
    const n = hits.get(f.path)?.length ?? 0;
    if (n === 0) continue;
    matched += n;
    const records = parseStats(f.stats)?.numRecords;
    const live = records === undefined ? undefined : records - (f.deletionVector?.cardinality ?? 0);
    if (live === n) fully.push(f);
    else partly.push(f);
  }
  return {
    cls: {
      touched: [...fully, ...partly],
      fullyMatching: fully,
      partlyMatching: partly,
      matchedRows: matched,
      scanned: candidates,
    },
    hits,
  };
}
