/**
 * Copy-on-write: how delete, update, replaceWhere and merge change rows. Files the predicate
 * cannot touch (by partition values and stats) are left alone; of the rest, one aggregate
 * query tells, per file, how many rows match: files with none stay, files where all match
 * are removed whole, and only files with some matching rows are rewritten.
 */
import type { Row } from "../../engine/engine.js";
import { AliasNode } from "../../plan/expression/alias.js";
import { StarNode } from "../../plan/expression/star.js";
import type { ExprNode, RelationNode } from "../../plan/node.js";
import { AggregateNode } from "../../plan/relation/aggregate.js";
import { FilterNode } from "../../plan/relation/filter.js";
import type { AddFile, RemoveFile } from "../actions/types.js";
import { addActions } from "../files/add-actions.js";
import { parseStats } from "../files/stats.js";
import { skippingContext } from "../scan/scan-builder.js";
import { skipFiles } from "../scan/skipping.js";
import { mappingOption } from "../schema/column-mapping.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import type { DeltaTableEngine } from "../table-engine.js";
import { call, colRef, FILE_COLUMN, lit, matches, scanFiles } from "./plan-helpers.js";

export interface FileClassification {
  /** Files with matching rows: fully matching ones, and the partly matching ones. */
  readonly touched: AddFile[];
  readonly fullyMatching: AddFile[];
  readonly partlyMatching: AddFile[];
  readonly matchedRows: number;
  /** Files read to decide (for conflict detection). */
  readonly scanned: AddFile[];
}

/** Which files hold rows matching `predicate` (undefined = every row matches). */
export async function classifyFiles(
  engine: DeltaTableEngine,
  snapshot: Snapshot,
  predicate: ExprNode | undefined,
): Promise<FileClassification> {
  const all = snapshot.files();
  if (predicate === undefined) {
    const rows = all.reduce((n, f) => n + (parseStats(f.stats)?.numRecords ?? 0), 0);
    return {
      touched: all,
      fullyMatching: all,
      partlyMatching: [],
      matchedRows: rows,
      scanned: all,
    };
  }
  const candidates = skipFiles(all, [predicate], skippingContext(snapshot));
  if (candidates.length === 0)
    return { touched: [], fullyMatching: [], partlyMatching: [], matchedRows: 0, scanned: [] };
  const plan: RelationNode = AggregateNode.create(
    scanFiles(snapshot, candidates, true),
    "groupby",
    [colRef(FILE_COLUMN)],
    [
      AliasNode.create(call("sum", call("when", matches(predicate), lit(1), lit(0))), "hit"),
      AliasNode.create(call("count", StarNode.create()), "n"),
    ],
  );
  const rows: Row[] = await engine.collect(plan);
  const byPath = new Map(candidates.map((f) => [f.path, f]));
  const fully: AddFile[] = [];
  const partly: AddFile[] = [];
  let matched = 0;
  for (const r of rows) {
    const f = byPath.get(String(r[FILE_COLUMN]));
    const hit = Number(r.hit ?? 0);
    const n = Number(r.n ?? 0);
    if (f === undefined || hit === 0) continue;
    matched += hit;
    if (hit === n) fully.push(f);
    else partly.push(f);
  }
  return {
    touched: [...fully, ...partly],
    fullyMatching: fully,
    partlyMatching: partly,
    matchedRows: matched,
    scanned: candidates,
  };
}

/** The remove action for a live file. */
export function removeOf(
  file: AddFile,
  timestamp: number,
  dataChange = true,
): { remove: RemoveFile } {
  return {
    remove: {
      path: file.path,
      deletionTimestamp: timestamp,
      dataChange,
      extendedFileMetadata: true,
      partitionValues: file.partitionValues,
      size: file.size,
      ...(file.stats === undefined || file.stats === null ? {} : { stats: file.stats }),
      ...(file.tags === undefined || file.tags === null ? {} : { tags: file.tags }),
      // The file's identity is its path AND its deletion vector: a remove without it would
      // leave the (path, DV) entry live for every reader.
      ...(file.deletionVector === undefined || file.deletionVector === null
        ? {}
        : { deletionVector: file.deletionVector }),
    },
  };
}

/**
 * New files holding the rows of `files` that do NOT match `predicate` (the rest of a
 * partly matching file, for delete and replaceWhere).
 */
export async function rewriteKeeping(
  engine: DeltaTableEngine,
  snapshot: Snapshot,
  files: readonly AddFile[],
  predicate: ExprNode,
): Promise<AddFile[]> {
  if (files.length === 0) return [];
  const kept = FilterNode.create(
    scanFiles(snapshot, files, false),
    call("not", matches(predicate)),
  );
  return writeRows(engine, snapshot, kept);
}

/** Writes a plan over the table's columns as data files of the table; returns their adds. */
export async function writeRows(
  engine: DeltaTableEngine,
  snapshot: Snapshot,
  plan: RelationNode,
  dataChange = true,
): Promise<AddFile[]> {
  const { files } = await engine.writeDeltaFiles(plan, snapshot.tablePath, {
    partitionBy: snapshot.partitionColumns,
    maxRecordsPerFile: undefined,
    compression: "snappy",
    ...mappingOption(snapshot.schema, snapshot.configuration),
  });
  return addActions(
    snapshot.tablePath,
    files,
    snapshot.schema,
    snapshot.partitionColumns,
    snapshot.configuration,
    dataChange,
  );
}
