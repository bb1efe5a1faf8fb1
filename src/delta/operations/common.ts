/**
 * What every table command (delete, update, merge, optimize, restore, vacuum) shares:
 * loading the table with delta-spark's "is not a Delta table" error, refusing tables we
 * cannot write or that only allow appends, session settings, the conflict footprint of
 * what a command read, writing rows as data files, and committing only when something
 * changed (delta-spark skips empty commits at its default isolation level).
 */

import { sparkBoolean } from "../../config/boolean.js";
import { DeltaError, ErrorCode } from "../../errors.js";
import type { ExprNode, RelationNode } from "../../plan/node.js";
import type { StructType } from "../../types/data-types.js";
import type { Action, AddFile } from "../actions/types.js";
import { addActions } from "../files/add-actions.js";
import { resolveAddPath } from "../files/paths.js";
import { parseStats } from "../files/stats.js";
import { skippingContext } from "../scan/scan-builder.js";
import { skipFiles } from "../scan/skipping.js";
import { mappingOption } from "../schema/column-mapping.js";
import { Snapshot, type SnapshotOptions } from "../snapshot/snapshot.js";
import type { DeltaTableEngine } from "../table-engine.js";
import { checkWritable } from "../table-features/registry.js";
import type { TransactionFootprint } from "../transaction/conflict.js";
import { commitOrThrow } from "./commit.js";
import { checkConstraints } from "./constraints.js";
import { fillGeneratedColumns, generatedColumnNames } from "./generated-columns.js";

/** The engine a command runs on and the session's settings (`spark.databricks.delta.*`). */
export interface TableCommandContext {
  readonly engine: DeltaTableEngine;
  readonly conf: Readonly<Record<string, string>>;
}

export function missingTable(path: string, cause?: unknown): DeltaError {
  return new DeltaError("DELTA_MISSING_DELTA_TABLE", `\`${path}\` is not a Delta table.`, {
    cause,
    hint: 'Check the path: a Delta table is a directory with a _delta_log folder of commits. Create one with df.write.format("delta").save(path).',
    context: { path },
  });
}

/** The table's snapshot (latest, or at a version / timestamp); a path without a log fails as delta-spark does. */
export async function loadTable(
  engine: DeltaTableEngine,
  path: string,
  options: SnapshotOptions = {},
): Promise<Snapshot> {
  try {
    return await Snapshot.load(engine.delta, path, options);
  } catch (e) {
    if (e instanceof DeltaError && e.code === ErrorCode.DELTA_TABLE_NOT_FOUND)
      throw missingTable(path, e);
    throw e;
  }
}

/** Refuses features we cannot write and, for commands that change rows, `delta.appendOnly` tables. */
export function requireModifiable(snapshot: Snapshot, changesRows: boolean): void {
  checkWritable(snapshot.tablePath, snapshot.protocol, snapshot.metadata);
  if (changesRows && sparkBoolean(snapshot.configuration["delta.appendOnly"] ?? "false") === true) {
    throw new DeltaError(
      "DELTA_CANNOT_MODIFY_APPEND_ONLY",
      "This table is configured to only allow appends. If you would like to permit updates or deletes, use 'ALTER TABLE <table_name> SET TBLPROPERTIES (delta.appendOnly=false)'.",
      {
        hint: "Only appends are allowed on this table (table property delta.appendOnly=true).",
        context: { path: snapshot.tablePath },
      },
    );
  }
}

/** A footprint with nothing read or removed, to be narrowed by each command. */
export function footprint(part: Partial<TransactionFootprint>): TransactionFootprint {
  return {
    readWholeTable: false,
    readPartitions: undefined,
    readFiles: new Set(),
    removedFiles: new Set(),
    changesMetadata: false,
    appIds: [],
    ...part,
  };
}

/**
 * The partition filter of a read with `predicates`: a file concurrently added with these
 * partition values might hold rows the command would have read (stats unknown: kept).
 */
export function partitionsMatching(
  snapshot: Snapshot,
  predicates: readonly ExprNode[],
): TransactionFootprint["readPartitions"] {
  if (predicates.length === 0) return undefined;
  const ctx = skippingContext(snapshot);
  return (partitionValues) =>
    skipFiles(
      [{ path: "", partitionValues, size: 0, modificationTime: 0, dataChange: true }],
      predicates,
      ctx,
    ).length > 0;
}

export function rowsOf(files: readonly AddFile[]): number {
  return files.reduce((n, f) => n + (parseStats(f.stats)?.numRecords ?? 0), 0);
}

export function bytesOf(files: readonly AddFile[]): number {
  return files.reduce((n, f) => n + f.size, 0);
}

/** Where the table's files are on storage (data files, or any file named by a relative path). */
export function filePaths(
  tablePath: string,
  files: readonly { readonly path: string }[],
): string[] {
  return files.map((f) => resolveAddPath(tablePath, f.path));
}

export interface TableLayout {
  readonly tablePath: string;
  readonly schema: StructType;
  readonly partitionColumns: readonly string[];
  readonly configuration: Readonly<Record<string, string>>;
}

/**
 * Writes a plan's rows (already in the layout's columns and types) as data files; returns
 * their adds. Files that came out empty are dropped, so no add carries zero rows.
 */
export async function writeTableRows(
  engine: DeltaTableEngine,
  layout: TableLayout,
  plan: RelationNode,
  options: { dataChange?: boolean; singleFile?: boolean } = {},
): Promise<AddFile[]> {
  // Rows an UPDATE or MERGE writes keep the table's constraints (a compaction changes none),
  // and their generated columns follow the values they end with.
  const rows =
    options.dataChange === false
      ? plan
      : fillGeneratedColumns(plan, layout.schema, generatedColumnNames(layout.schema));
  if (options.dataChange !== false)
    await checkConstraints(engine, rows, layout.schema, layout.configuration);
  const { files } = await engine.writeDeltaFiles(rows, layout.tablePath, {
    partitionBy: layout.partitionColumns,
    maxRecordsPerFile: undefined,
    compression: "snappy",
    ...(options.singleFile === true ? { singleFile: true } : {}),
    ...mappingOption(layout.schema, layout.configuration),
  });
  const empty = files.filter((f) => f.rows === 0);
  await engine.delta.storage.delete(empty.map((f) => f.path));
  const kept = files.filter((f) => f.rows > 0);
  return addActions(
    layout.tablePath,
    kept,
    layout.schema,
    layout.partitionColumns,
    layout.configuration,
    options.dataChange ?? true,
  );
}

/** Deletes data files written by a command that then failed before committing. */
export async function discard(
  engine: DeltaTableEngine,
  tablePath: string,
  adds: readonly AddFile[],
): Promise<void> {
  await engine.delta.storage.delete(filePaths(tablePath, adds));
}

export interface CommandCommit {
  readonly operation: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly metrics: Readonly<Record<string, number>>;
  readonly footprint: TransactionFootprint;
  readonly isBlindAppend?: boolean;
}

/** What a commit is made against: the table, the version read, its properties. */
export interface CommitBase {
  readonly tablePath: string;
  readonly version: number;
  readonly configuration: Readonly<Record<string, string>>;
}

/**
 * Commits the actions of a command read at `snapshot`; the files it wrote (adds, change data
 * files) are deleted if the commit fails.
 */
export async function commitCommand(
  ctx: TableCommandContext,
  snapshot: CommitBase,
  actions: readonly Action[],
  adds: readonly { readonly path: string }[],
  commit: CommandCommit,
): Promise<number> {
  const metrics: Record<string, string> = {};
  for (const [k, v] of Object.entries(commit.metrics)) metrics[k] = String(v);
  return commitOrThrow(
    ctx.engine,
    snapshot.tablePath,
    snapshot.version,
    actions,
    filePaths(snapshot.tablePath, adds),
    {
      operation: commit.operation,
      operationParameters: commit.parameters,
      operationMetrics: metrics,
      userMetadata: ctx.conf["spark.databricks.delta.commitInfo.userMetadata"],
      isBlindAppend: commit.isBlindAppend ?? false,
      footprint: commit.footprint,
      configuration: snapshot.configuration,
    },
  );
}

/** Milliseconds since `start`, for the *TimeMs metrics. */
export function since(start: number): number {
  return Math.max(0, Date.now() - start);
}
