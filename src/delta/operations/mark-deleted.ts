/**
 * Merge-on-read deletes with deletion vectors, as delta-spark does when
 * `delta.enableDeletionVectors` is on: instead of rewriting a partly matching file, the
 * positions of its matching rows are added to the file's deletion vector. One vector file
 * (`deletion_vector_<uuid>.bin` at the table root) holds the vectors of one command; each
 * file is re-added with its new vector and removed with its old one.
 */
import { randomUUID } from "node:crypto";
import { sparkBoolean } from "../../config/index.js";
import { AliasNode } from "../../plan/expression/alias.js";
import type { ExprNode } from "../../plan/node.js";
import { AggregateNode } from "../../plan/relation/aggregate.js";
import { FilterNode } from "../../plan/relation/filter.js";
import type { Action, AddCDCFile, AddFile } from "../actions/types.js";
import {
  deletionVectorFile,
  loadDeletionVector,
  relativeDeletionVectorPath,
} from "../deletion-vectors/descriptor.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import type { DeltaTableEngine } from "../table-engine.js";
import { writerFeatures } from "../table-features/registry.js";
import {
  commitCommand,
  footprint,
  partitionsMatching,
  type TableCommandContext,
} from "./common.js";
import { call, colRef, FILE_COLUMN, matches, ROW_INDEX_COLUMN, scanFiles } from "./plan-helpers.js";
import { type FileClassification, removeOf } from "./rewrite.js";

/** Whether commands on this table mark rows in deletion vectors instead of rewriting files. */
export function deletionVectorsEnabled(snapshot: Snapshot): boolean {
  return (
    sparkBoolean(snapshot.configuration["delta.enableDeletionVectors"] ?? "false") === true &&
    writerFeatures(snapshot.protocol).includes("deletionVectors")
  );
}

export interface MarkedDeletes {
  /** Remove (old vector) and add (new vector) actions for every marked file. */
  readonly actions: Action[];
  /** The vector file written; delete it if the commit fails. */
  readonly vectorFile: string | undefined;
  readonly markedRows: number;
  readonly vectorsAdded: number;
  readonly vectorsUpdated: number;
}

/** Stats of a file whose rows a vector hides: bounds may now be wider than the live rows. */
function wideStats(stats: string | null | undefined): string | undefined {
  if (stats === undefined || stats === null) return undefined;
  try {
    const parsed = JSON.parse(stats) as Record<string, unknown>;
    return JSON.stringify({ ...parsed, tightBounds: false });
  } catch {
    // Unparseable stats are useless for skipping anyway; drop them rather than carry them.
    return undefined;
  }
}

function union(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/**
 * The positions of the rows of `files` matching `predicate`, per `add.path` (one scan). The
 * engine gathers them into one list per file: tens of thousands of one-number rows cost more
 * to hand over than the scan that finds them.
 */
export async function matchingPositions(
  engine: DeltaTableEngine,
  snapshot: Snapshot,
  files: readonly AddFile[],
  predicate: ExprNode,
): Promise<Map<string, number[]>> {
  const hits = new Map<string, number[]>();
  if (files.length === 0) return hits;
  const plan = AggregateNode.create(
    FilterNode.create(scanFiles(snapshot, files, true, true), matches(predicate)),
    "groupby",
    [colRef(FILE_COLUMN)],
    [AliasNode.create(call("collect_list", colRef(ROW_INDEX_COLUMN)), "rows")],
  );
  for (const row of await engine.collect(plan)) {
    const rows = row.rows;
    if (!Array.isArray(rows)) continue;
    hits.set(
      String(row[FILE_COLUMN]),
      rows.map((r) => Number(r)),
    );
  }
  return hits;
}

/**
 * Marks the rows of `files` matching `predicate` (or the positions already found, `known`) as
 * deleted; the vector file is written before the caller commits the returned actions.
 */
export async function markDeleted(
  engine: DeltaTableEngine,
  snapshot: Snapshot,
  files: readonly AddFile[],
  predicate: ExprNode,
  now: number,
  known?: ReadonlyMap<string, readonly number[]>,
): Promise<MarkedDeletes> {
  if (files.length === 0)
    return {
      actions: [],
      vectorFile: undefined,
      markedRows: 0,
      vectorsAdded: 0,
      vectorsUpdated: 0,
    };
  const hits = known ?? (await matchingPositions(engine, snapshot, files, predicate));
  return markPositions(engine, snapshot, files, hits, now);
}

/**
 * Marks the given row positions (per `add.path`, each listed once) of `files` as deleted; the
 * vector file is written before the caller commits the returned actions.
 */
export async function markPositions(
  engine: DeltaTableEngine,
  snapshot: Snapshot,
  files: readonly AddFile[],
  hits: ReadonlyMap<string, readonly number[]>,
  now: number,
): Promise<MarkedDeletes> {
  const marked = files.filter((f) => (hits.get(f.path)?.length ?? 0) > 0);
  if (marked.length === 0)
    return {
      actions: [],
      vectorFile: undefined,
      markedRows: 0,
      vectorsAdded: 0,
      vectorsUpdated: 0,
    };
  const vectors = await Promise.all(
    marked.map(async (f) => {
      const old =
        f.deletionVector === undefined || f.deletionVector === null
          ? []
          : await loadDeletionVector(engine.delta.storage, snapshot.tablePath, f.deletionVector);
      return union(old, hits.get(f.path) ?? []);
    }),
  );
  const uuid = randomUUID();
  const { bytes, entries } = deletionVectorFile(vectors);
  const vectorFile = `${snapshot.tablePath.replace(/\/+$/, "")}/deletion_vector_${uuid}.bin`;
  await engine.delta.storage.put(vectorFile, bytes);
  const actions: Action[] = [];
  let markedRows = 0;
  let vectorsUpdated = 0;
  for (const [i, f] of marked.entries()) {
    const entry = entries[i];
    if (entry === undefined) continue;
    markedRows += hits.get(f.path)?.length ?? 0;
    if (f.deletionVector !== undefined && f.deletionVector !== null) vectorsUpdated += 1;
    actions.push(removeOf(f, now));
    const stats = wideStats(f.stats);
    const { stats: _old, ...rest } = f;
    actions.push({
      add: {
        ...rest,
        ...(stats === undefined ? {} : { stats }),
        dataChange: true,
        deletionVector: {
          storageType: "u",
          pathOrInlineDv: relativeDeletionVectorPath(uuid),
          offset: entry.offset,
          sizeInBytes: entry.sizeInBytes,
          cardinality: entry.cardinality,
        },
      },
    });
  }
  return {
    actions,
    vectorFile,
    markedRows,
    vectorsAdded: marked.length - vectorsUpdated,
    vectorsUpdated,
  };
}

/**
 * Commits a row-changing command (DELETE, UPDATE) that may have marked rows: its metrics gain
 * the deletion-vector counts and the footprint of a predicate scan, and the vector file is
 * deleted when the commit fails (nothing references it then).
 */
export async function commitRowChange(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  change: {
    readonly operation: "DELETE" | "UPDATE";
    readonly predicate: ExprNode | undefined;
    readonly text: string | undefined;
    readonly actions: readonly Action[];
    readonly adds: readonly AddFile[];
    readonly marked: MarkedDeletes | undefined;
    readonly cls: FileClassification;
    readonly metrics: Readonly<Record<string, number>>;
    /** Change data files the command wrote (change-data.ts). */
    readonly changes?: readonly AddCDCFile[];
  },
): Promise<number> {
  const { predicate, marked, cls } = change;
  const changes = change.changes ?? [];
  const actions = [...change.actions, ...changes.map((cdc) => ({ cdc }))];
  try {
    return await commitCommand(ctx, snapshot, actions, [...change.adds, ...changes], {
      operation: change.operation,
      parameters: { predicate: JSON.stringify(change.text === undefined ? [] : [change.text]) },
      metrics: {
        ...change.metrics,
        numAddedChangeFiles: changes.length,
        numDeletionVectorsAdded: marked?.vectorsAdded ?? 0,
        numDeletionVectorsRemoved: 0,
        numDeletionVectorsUpdated: marked?.vectorsUpdated ?? 0,
      },
      footprint: footprint({
        readWholeTable: predicate === undefined,
        readPartitions:
          predicate === undefined ? undefined : partitionsMatching(snapshot, [predicate]),
        readFiles: new Set(cls.scanned.map((f) => f.path)),
        removedFiles: new Set(cls.touched.map((f) => f.path)),
      }),
    });
  } catch (e) {
    if (marked?.vectorFile !== undefined)
      await ctx.engine.delta.storage.delete([marked.vectorFile]);
    throw e;
  }
}
