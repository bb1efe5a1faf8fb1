/**
 * Planning a change data feed read (PROTOCOL.md, "Change Data Files"), as delta-spark's
 * CDCReader does. Per commit in the range: when it has `cdc` actions its changes are the rows
 * of those files (their `_change_type` column says which change); otherwise every `add` with
 * dataChange is an insert of its live rows and every such `remove` a delete of the rows it
 * held. A file removed and re-added in one commit with another deletion vector (a
 * deletion-vector DELETE) changed only by the difference: rows newly marked are deletes,
 * rows no longer marked inserts. Every version read must have the feed enabled.
 *
 * The kernel decides which files and rows; an engine turns the groups into its own query.
 */
import { DeltaError } from "../../errors.js";
import { parseCommit } from "../actions/codec.js";
import type { DeletionVectorDescriptor, RemoveFile } from "../actions/types.js";
import { loadDeletionVector } from "../deletion-vectors/descriptor.js";
import type { DeltaEngine } from "../engine.js";
import { resolveAddPath } from "../files/paths.js";
import { buildLogSegment } from "../log/segment.js";
import { type ChangeType, changeDataFeedEnabled } from "../operations/change-data.js";
import {
  type PartitionValue,
  partitionText,
  type Scan,
  ScanBuilder,
  type ScanColumn,
} from "../scan/scan-builder.js";
import { Snapshot } from "../snapshot/snapshot.js";
import { commitTimes } from "../snapshot/timestamps.js";
import { type ChangeRange, type ChangeRangeOptions, resolveChangeRange } from "./range.js";

/** Which rows of a file a change covers: all, all but some positions, or only some. */
export type RowSelection =
  | { readonly kind: "all" }
  | { readonly kind: "except" | "only"; readonly positions: readonly number[] };

export interface ChangeFile {
  /** Where the file is (its path resolved against the table root). */
  readonly location: string;
  /** The file's partition values, by logical column name. */
  readonly partitionValues: readonly PartitionValue[];
  readonly rows: RowSelection;
}

/** Files of one commit that carry one kind of change. */
export interface ChangeGroup {
  readonly version: number;
  /** Commit time (ms): the commit file's modification time, kept increasing along the log. */
  readonly timestamp: number;
  /** The change of every row, or "recorded": cdc files, whose `_change_type` column says. */
  readonly changeType: ChangeType | "recorded";
  readonly files: readonly ChangeFile[];
}

export interface ChangeScan {
  readonly range: ChangeRange;
  /** The table at the end of the range: its columns are the feed's, before the CDF columns. */
  readonly table: Scan;
  readonly groups: readonly ChangeGroup[];
}

function missingChangeData(range: ChangeRange, version: number): DeltaError {
  return new DeltaError(
    "DELTA_MISSING_CHANGE_DATA",
    `Error getting change data for range [${range.start} , ${range.end}] as change data was not recorded for version [${version}]. If you've enabled change data feed on this table, use \`DESCRIBE HISTORY\` to see when it was first enabled. Otherwise, to start recording change data, use \`ALTER TABLE table_name SET TBLPROPERTIES (delta.enableChangeDataFeed=true)\`.`,
    {
      hint: "Read from a version at or after the one that enabled delta.enableChangeDataFeed (DeltaTable.history() shows it).",
      context: { start: range.start, end: range.end, version },
    },
  );
}

/** An add, remove or cdc action: a path and (removes may omit them) partition values. */
interface Entry {
  readonly path: string;
  readonly partitionValues?: Readonly<Record<string, string | null>> | null;
}

function difference(a: readonly number[], b: readonly number[]): number[] {
  const drop = new Set(b);
  return a.filter((x) => !drop.has(x));
}

/** Plans the change feed of the table at `tablePath` over the versions the options name. */
export async function planChanges(
  engine: DeltaEngine,
  tablePath: string,
  options: ChangeRangeOptions,
): Promise<ChangeScan> {
  const log = await buildLogSegment(engine.storage, tablePath, undefined, { full: true });
  const times = commitTimes(log.allCommits);
  const range = resolveChangeRange(options, times);
  const table = new ScanBuilder(await Snapshot.load(engine, tablePath, { version: range.end }))
    .withFiles([])
    .build();
  const atStart = await Snapshot.load(engine, tablePath, { version: range.start });
  if (!changeDataFeedEnabled(atStart.configuration)) throw missingChangeData(range, range.start);
  const partitionFields = table.columns.filter((c): c is ScanColumn => c.isPartition);
  const fileOf = (entry: Entry, rows: RowSelection): ChangeFile => ({
    location: resolveAddPath(tablePath, entry.path),
    partitionValues: partitionFields.map((c) => ({
      name: c.field.name,
      dataType: c.field.dataType,
      value: partitionText({ partitionValues: entry.partitionValues ?? {} }, c.physicalName),
    })),
    rows,
  });
  const marked = async (dv: DeletionVectorDescriptor | null | undefined): Promise<number[]> =>
    dv === undefined || dv === null || dv.cardinality === 0
      ? []
      : loadDeletionVector(engine.storage, tablePath, dv);
  const groups: ChangeGroup[] = [];
  for (const commit of log.allCommits) {
    if (commit.version < range.start || commit.version > range.end) continue;
    const timestamp = times.find((t) => t.version === commit.version)?.timestamp ?? 0;
    const actions = parseCommit(
      (await engine.storage.read(commit.path)).toString("utf8"),
      commit.path,
    );
    for (const a of actions)
      if ("metaData" in a && !changeDataFeedEnabled(a.metaData.configuration))
        throw missingChangeData(range, commit.version);
    const cdc = actions.flatMap((a) => ("cdc" in a ? [a.cdc] : []));
    const group = (changeType: ChangeGroup["changeType"], files: ChangeFile[]): void => {
      if (files.length > 0) groups.push({ version: commit.version, timestamp, changeType, files });
    };
    if (cdc.length > 0) {
      group(
        "recorded",
        cdc.map((c) => fileOf(c, { kind: "all" })),
      );
      continue;
    }
    const adds = actions.flatMap((a) => ("add" in a && a.add.dataChange ? [a.add] : []));
    const removes = new Map<string, RemoveFile>();
    for (const a of actions)
      if ("remove" in a && a.remove.dataChange) removes.set(a.remove.path, a.remove);
    const inserts: ChangeFile[] = [];
    const deletes: ChangeFile[] = [];
    const readded = new Set<string>();
    for (const add of adds) {
      const removed = removes.get(add.path);
      const now = await marked(add.deletionVector);
      if (removed === undefined) {
        inserts.push(
          fileOf(add, now.length === 0 ? { kind: "all" } : { kind: "except", positions: now }),
        );
        continue;
      }
      readded.add(add.path);
      const before = await marked(removed.deletionVector);
      const gone = difference(now, before);
      const back = difference(before, now);
      if (gone.length > 0) deletes.push(fileOf(add, { kind: "only", positions: gone }));
      if (back.length > 0) inserts.push(fileOf(add, { kind: "only", positions: back }));
    }
    for (const removed of removes.values()) {
      if (readded.has(removed.path)) continue;
      const before = await marked(removed.deletionVector);
      deletes.push(
        fileOf(
          removed,
          before.length === 0 ? { kind: "all" } : { kind: "except", positions: before },
        ),
      );
    }
    group("delete", deletes);
    group("insert", inserts);
  }
  return { range, table, groups };
}
