/**
 * Reading a Delta table on DuckDB: loads the snapshot (at `versionAsOf` / `timestampAsOf`
 * when given), lets the kernel's ScanBuilder plan the files (pruning and skipping by the
 * pushed-down filters, deletion vectors, column mapping), and only turns that Scan into SQL:
 * DuckDB reads the Parquet files, partition values come from the log (never from directory
 * names), joined on the row's file index, and deleted rows are anti-joined away.
 */
import { createHash } from "node:crypto";
import { OptionsReader } from "../../../config/options-reader.js";
import type { DeltaEngine } from "../../../delta/engine.js";
import { type Scan, ScanBuilder } from "../../../delta/scan/scan-builder.js";
import { Snapshot } from "../../../delta/snapshot/snapshot.js";
import { parseTimestampOption } from "../../../delta/snapshot/timestamps.js";
import { DeltaError, IllegalArgumentError } from "../../../errors.js";
import type { ExprNode } from "../../../plan/node.js";
import { FILE_COLUMN, type ReadNode, ROW_INDEX_COLUMN } from "../../../plan/relation/read.js";
import { isObjectStoreLocation } from "../../../storage/location.js";
import { type DataType, LongType, StringType } from "../../../types/data-types.js";
import type { ReadMetrics } from "../../engine.js";
import { NameAllocator, type OutCol } from "../compiler/scope.js";
import type { DuckDBSession } from "../connection.js";
import { fileFailure } from "../read/file-errors.js";
import type { ResolvedSource } from "../read/source.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
import { renameNested } from "./nested-names.js";

/** The index of a row's data file in the scan's list of files (see dataRows). */
const INDEX_COLUMN = "__tributary_file_index";

export interface DeltaReadContext {
  readonly delta: DeltaEngine;
  readonly db: DuckDBSession;
  readonly filters: readonly ExprNode[];
  /** Whether DuckDB's `delta_scan` may read files with deletion vectors (see kernelRows). */
  readonly deltaScan?: () => Promise<boolean>;
}

export function partitionLiteral(value: string | null | undefined, type: DataType): string {
  const duck = toDuckDBType(type);
  if (value === null || value === undefined || value === "") return `CAST(NULL AS ${duck})`;
  if (type.typeName === "timestamp") {
    // Old writers store zone-less text in the writer's zone; UTC is what delta-rs assumes too.
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value.trim());
    return `CAST(${quoteString(hasZone ? value : `${value}+00`)} AS ${duck})`;
  }
  return `TRY_CAST(${quoteString(value)} AS ${duck})`;
}

/**
 * The Delta error for a data file of the snapshot that DuckDB could not read: missing
 * (deleted outside Delta) or unreadable (truncated, not Parquet), naming the file and the
 * table version; undefined when the failure is about something else.
 */
export function deltaFileErrorOf(
  error: unknown,
  paths: readonly string[],
  scan: Scan,
): DeltaError | undefined {
  const f = fileFailure(error, paths);
  if (f === undefined) return undefined;
  const table = scan.tableLocation;
  const context = { file: f.file, table, version: scan.version };
  if (f.missing) {
    return new DeltaError(
      "DELTA_FILE_NOT_FOUND_DETAILED",
      `File ${f.file} referenced in the transaction log of table ${table} at version ${scan.version} cannot be found. It was deleted outside Delta (a DELETE or VACUUM would have removed it from the log).`,
      {
        cause: error,
        context,
        hint: "Restore the file from a backup, or restore the table to a version that does not reference it (DeltaTable.restoreToVersion); removing the entry from the log (like Databricks' FSCK REPAIR TABLE) loses its rows.",
      },
    );
  }
  return new DeltaError(
    "DELTA_DATA_FILE_UNREADABLE",
    `Data file ${f.file} of table ${table} at version ${scan.version} cannot be read: it is corrupt or truncated (${f.reason}).`,
    {
      cause: error,
      context,
      hint: "Restore the file from a backup, or restore the table to a version that does not reference it (DeltaTable.restoreToVersion).",
    },
  );
}

async function loadSnapshot(
  node: ReadNode,
  delta: DeltaEngine,
  options: OptionsReader,
): Promise<Snapshot> {
  if (node.paths.length !== 1) {
    throw new IllegalArgumentError(
      `A Delta table is read from one path, got ${node.paths.length}.`,
    );
  }
  const path = node.paths[0] ?? "";
  const version = options.get("versionAsOf");
  const timestamp = options.get("timestampAsOf");
  if (version !== undefined && timestamp !== undefined) {
    throw new DeltaError(
      "DELTA_CANNOT_SPECIFY_BOTH_VERSION_AND_TIMESTAMP",
      "Cannot specify both versionAsOf and timestampAsOf.",
      {
        hint: "Time travel by version or by timestamp, not both.",
      },
    );
  }
  if (version !== undefined) {
    const v = Number(version);
    if (!Number.isInteger(v) || v < 0)
      throw new IllegalArgumentError(
        `versionAsOf must be a non-negative integer, got '${version}'.`,
      );
    return Snapshot.load(delta, path, { version: v });
  }
  if (timestamp !== undefined)
    return Snapshot.load(delta, path, { timestamp: parseTimestampOption(timestamp) });
  return Snapshot.load(delta, path);
}

/** Whether some rows of the file are deleted by its deletion vector. */
function hasDeletes(file: Scan["files"][number]): boolean {
  return (file.deletionVector?.cardinality ?? 0) > 0;
}

/**
 * The temporary table of (file index in `marked`, row) pairs the files' deletion vectors
 * remove. Vectors are read through the table's storage (one range read per file) and loaded
 * once per session into a table named after the table and the files' vectors.
 */
async function deletedRows(
  ctx: DeltaReadContext,
  scan: Scan,
  marked: Scan["files"],
): Promise<string> {
  const key = createHash("sha1")
    .update(JSON.stringify([scan.tableLocation, marked.map((f) => [f.location, f.deletionVector])]))
    .digest("hex")
    .slice(0, 16);
  const name = `__tributary_dv_${key}`;
  await ctx.db.rowPositions(name, async () =>
    Promise.all(
      marked.map(async (f, file) => ({ file, rows: await scan.deletedRows(ctx.delta, f) })),
    ),
  );
  return name;
}

/**
 * The rows of the scan's data files, before projection, each with its file's index in
 * `files` (`INDEX_COLUMN`), by which partition values and paths are joined. Rows a deletion vector
 * removes are dropped inside the scan, and only the files with vectors pay for it: they are
 * read with their row positions and hash-anti-joined with the deleted positions (on the
 * position alone when one file has a vector); the other files are read plainly
 * (bench/README.md has what each alternative cost).
 */
async function dataRows(
  ctx: DeltaReadContext,
  scan: Scan,
  withRowIndex: boolean,
  needsIndex: boolean,
): Promise<{ sql: string; files: Scan["files"]; viaExtension?: boolean }> {
  if (!withRowIndex && scan.files.some(hasDeletes)) {
    const sql = await kernelRows(ctx, scan, needsIndex);
    if (sql !== undefined) return { sql, files: scan.files, viaExtension: true };
  }
  const read = (files: Scan["files"], rowNumbers: boolean) =>
    `read_parquet([${files.map((f) => quoteString(f.location)).join(", ")}], union_by_name = true, hive_partitioning = false${rowNumbers ? ", file_row_number = true" : ""})`;
  const index = quoteIdent(INDEX_COLUMN);
  const marked = scan.files.filter(hasDeletes);
  const clean = scan.files.filter((f) => !hasDeletes(f));
  const parts: string[] = [];
  if (clean.length > 0)
    parts.push(
      `SELECT *, CAST(file_index AS BIGINT) AS ${index} FROM ${read(clean, withRowIndex)}`,
    );
  if (marked.length > 0) {
    const table = quoteIdent(await deletedRows(ctx, scan, marked));
    const file = marked.length === 1 ? "" : `"r"."file_index" = "dv"."file" AND `;
    parts.push(
      `SELECT "r".*, CAST("r"."file_index" AS BIGINT) + ${clean.length} AS ${index} FROM ${read(marked, true)} AS "r" ANTI JOIN ${table} AS "dv" ON ${file}"r"."file_row_number" = "dv"."row"`,
    );
  }
  const sql =
    parts.length === 1 ? (parts[0] ?? "") : parts.map((p) => `(${p})`).join(" UNION ALL BY NAME ");
  return { sql, files: [...clean, ...marked] };
}

/**
 * The scan's rows through DuckDB's delta extension (`delta_scan` at the scan's version), which
 * applies deletion vectors inside its Parquet reader: a full read costs about what it costs
 * without vectors, where the anti-join in `dataRows` costs 1.8x (bench/README.md). The output
 * has `dataRows`'s shape: each data column under its physical name (the extension returns
 * logical names), and the row's index in `scan.files`. Undefined when the extension is not
 * loaded or the read is one it cannot do the same way, so the caller takes the SQL path:
 * - object storage (its credentials are the extension's own business, not set up here);
 * - column mapping with renamed nested fields (the files' names are rebuilt from physical ones);
 * - a file list the extension does not report identically (the paths are matched as strings:
 *   a mismatch would drop a file's rows silently, so any doubt means the other path).
 *
 * When the read takes every file of the snapshot and no row needs its file's index (no
 * partition value or path differs between the files), the rows come from the table attached
 * at that version instead (see attachedTable): `delta_scan` replays the log at every bind.
 */
async function kernelRows(
  ctx: DeltaReadContext,
  scan: Scan,
  needsIndex: boolean,
): Promise<string | undefined> {
  if (ctx.deltaScan === undefined || !(await ctx.deltaScan())) return undefined;
  if (isObjectStoreLocation(scan.tableLocation)) return undefined;
  const data = scan.columns.filter((c) => !c.isPartition);
  const nestedRenamed = data.some(
    (c) => JSON.stringify(c.physicalType) !== JSON.stringify(c.field.dataType),
  );
  if (nestedRenamed) return undefined;
  const ours = scan.files.map((f) => f.location);
  const key = snapshotKey(scan, ours);
  const listed = await kernelFiles(ctx, scan, key);
  if (listed === undefined) return undefined;
  if (!ours.every((l) => listed.has(l)) || new Set(ours).size !== ours.length) return undefined;
  const index = quoteIdent(INDEX_COLUMN);
  const columns = data.map((c) => `${quoteIdent(c.field.name)} AS ${quoteIdent(c.physicalName)}`);
  const everyFile = listed.size === ours.length;
  if (everyFile && (!needsIndex || ours.length === 1)) {
    const attached = await attachedTable(ctx, scan, key);
    if (attached !== undefined)
      return `SELECT ${[...columns, `0 AS ${index}`].join(", ")} FROM ${attached}`;
  }
  const table = `delta_scan(${quoteString(scan.tableLocation)}, version := ${scan.version}, filename := true)`;
  const fileIndex =
    ours.length === 1
      ? "0"
      : `CAST(list_position([${ours.map(quoteString).join(", ")}], "filename") - 1 AS BIGINT)`;
  const where = everyFile ? "" : ` WHERE "filename" IN (${ours.map(quoteString).join(", ")})`;
  return `SELECT ${[...columns, `${fileIndex} AS ${index}`].join(", ")} FROM ${table}${where}`;
}

/**
 * A table version and its file list, as one key: a table removed and made again at the same
 * path reuses version numbers, never file names.
 */
function snapshotKey(scan: Scan, ours: readonly string[]): string {
  return createHash("sha1")
    .update(JSON.stringify([scan.tableLocation, scan.version, [...ours].sort()]))
    .digest("hex");
}

/**
 * Attachments a session keeps (`ATTACH ... (TYPE delta, PIN_SNAPSHOT, VERSION v)`): the
 * extension replays the log once, at ATTACH, where `delta_scan` replays it at every query's
 * bind (~4 ms of a 40 ms full read of 3M rows, bench/README.md). They are never detached,
 * because a query may still be reading one; past the cap, reads use `delta_scan`.
 */
const MAX_ATTACHED = 16;
const attachments = new WeakMap<DuckDBSession, Map<string, Promise<string | undefined>>>();

/** The table attached at the scan's version (quoted), undefined past the cap or on failure. */
function attachedTable(
  ctx: DeltaReadContext,
  scan: Scan,
  key: string,
): Promise<string | undefined> {
  let cache = attachments.get(ctx.db);
  if (cache === undefined) {
    cache = new Map();
    attachments.set(ctx.db, cache);
  }
  const known = cache.get(key);
  if (known !== undefined) return known;
  if (cache.size >= MAX_ATTACHED) return Promise.resolve(undefined);
  const name = quoteIdent(`__tributary_delta_${key.slice(0, 16)}`);
  const attached = ctx.db
    .execute(
      `ATTACH ${quoteString(scan.tableLocation)} AS ${name} (TYPE delta, PIN_SNAPSHOT, VERSION ${scan.version})`,
    )
    .then(
      () => name,
      // delta_scan reads the same rows (and reports its own errors): this only costs speed.
      () => undefined,
    );
  cache.set(key, attached);
  return attached;
}

/** Per session: the data files the extension lists for a table version and file list. */
const listedFiles = new WeakMap<DuckDBSession, Map<string, Set<string>>>();

/**
 * The files `delta_list_files` reports for the scan's version, undefined when the extension
 * cannot read the table. Kept per session, by snapshotKey.
 */
async function kernelFiles(
  ctx: DeltaReadContext,
  scan: Scan,
  key: string,
): Promise<Set<string> | undefined> {
  let cache = listedFiles.get(ctx.db);
  if (cache === undefined) {
    cache = new Map();
    listedFiles.set(ctx.db, cache);
  }
  const known = cache.get(key);
  if (known !== undefined) return known;
  try {
    const result = await ctx.db.query(
      `SELECT data_file FROM delta_list_files(${quoteString(scan.tableLocation)}, version := ${scan.version})`,
    );
    const listed = new Set(result.rows.map((r) => String(r[0])));
    cache.set(key, listed);
    return listed;
  } catch {
    // A table the extension's kernel cannot read (a feature it lacks): the SQL path reads it.
    return undefined;
  }
}

/** The kernel's scan of a read node: its snapshot, restricted files and pushed-down filters. */
async function planScan(
  node: ReadNode,
  ctx: DeltaReadContext,
): Promise<{ scan: Scan; snapshot: Snapshot }> {
  const options = new OptionsReader(node.options);
  const snapshot = await loadSnapshot(node, ctx.delta, options);
  const builder = new ScanBuilder(snapshot).withFiles(node.deltaFiles?.files);
  for (const f of ctx.filters) builder.withPredicate(f);
  return { scan: builder.build(), snapshot };
}

export async function resolveDelta(
  node: ReadNode,
  ctx: DeltaReadContext,
): Promise<ResolvedSource & { snapshot: Snapshot }> {
  const { scan, snapshot } = await planScan(node, ctx);
  const files = scan.files;
  const names = new NameAllocator();
  const columns: OutCol[] = scan.columns.map((c) => ({
    name: c.field.name,
    sqlName: names.allocate(c.field.name),
    dataType: c.field.dataType,
    qualifiers: [],
    planIds: [node.planId],
  }));
  const withFile = node.deltaFiles?.withFile ?? false;
  if (withFile) {
    columns.push({
      name: FILE_COLUMN,
      sqlName: names.allocate(FILE_COLUMN),
      dataType: StringType,
      qualifiers: [],
      planIds: [node.planId],
    });
  }
  const withRowIndex = node.deltaFiles?.withRowIndex ?? false;
  if (withRowIndex) {
    columns.push({
      name: ROW_INDEX_COLUMN,
      sqlName: names.allocate(ROW_INDEX_COLUMN),
      dataType: LongType,
      qualifiers: [],
      planIds: [node.planId],
    });
  }
  const paths = files.map((f) => f.location);
  let sql: string;
  if (files.length === 0) {
    const list = columns.map(
      (c) => `CAST(NULL AS ${toDuckDBType(c.dataType ?? StringType)}) AS ${quoteIdent(c.sqlName)}`,
    );
    sql = `SELECT ${list.join(", ") || "NULL AS __no_columns"} WHERE FALSE`;
  } else {
    // Whether a row needs its file's index: a partition value or path differs between files.
    const differs = (value: (f: (typeof files)[number]) => string | null | undefined) =>
      files.some((f) => value(f) !== value(files[0] ?? f));
    const needsIndex =
      files.length > 1 &&
      (withFile ||
        scan.columns.some(
          (c) =>
            c.isPartition &&
            differs((f) => f.partitionValues.find((p) => p.name === c.field.name)?.value),
        ));
    const {
      sql: source,
      files: ordered,
      viaExtension,
    } = await dataRows(ctx, scan, withRowIndex, needsIndex);
    // A value per file (partition values, paths): a constant when every file has the same,
    // else joined on the file index (an integer join; DuckDB evaluates a per-row lookup in a
    // constant list, or a CASE, for every row before any filter, which costs more).
    const joined: string[][] = [];
    const perFile = (values: readonly string[]): string => {
      const first = values[0] ?? "NULL";
      if (values.every((v) => v === first)) return first;
      joined.push([...values]);
      return `"p".${quoteIdent(`v${joined.length - 1}`)}`;
    };
    // Columns added by schema evolution after every scanned file was written are in no file.
    // The extension's scan has every data column (its own binding would cost a second log
    // replay): their types are left unknown, so each is cast to its logical type.
    let stored: Map<string, string | undefined>;
    if (viaExtension === true) {
      stored = new Map(
        scan.columns.filter((c) => !c.isPartition).map((c) => [c.physicalName.toLowerCase(), ""]),
      );
    } else {
      let described: Awaited<ReturnType<DuckDBSession["describe"]>>;
      try {
        described = await ctx.db.describe(`SELECT * FROM (${source})`);
      } catch (e) {
        throw deltaFileErrorOf(e, paths, scan) ?? e;
      }
      stored = new Map(described.map((c) => [c.name.toLowerCase(), c.engineType]));
    }
    const mapped = scan.columnMappingMode !== "none";
    const select = scan.columns.map((c, i) => {
      const out = quoteIdent(columns[i]?.sqlName ?? c.field.name);
      const type = toDuckDBType(c.field.dataType);
      if (c.isPartition) {
        const values = ordered.map((f) => {
          const v = f.partitionValues.find((p) => p.name === c.field.name);
          return partitionLiteral(v?.value, c.field.dataType);
        });
        return `CAST(${perFile(values)} AS ${type}) AS ${out}`;
      }
      const storedType = stored.get(c.physicalName.toLowerCase());
      if (!stored.has(c.physicalName.toLowerCase())) return `CAST(NULL AS ${type}) AS ${out}`;
      const value = `"d".${quoteIdent(c.physicalName)}`;
      const logical = mapped ? renameNested(value, c.field.dataType, c.physicalType) : value;
      // A cast to the type the file already has is a no-op that still stops DuckDB from
      // pushing filters on the column below the partition-value join.
      if (logical === value && storedType === type) return `${value} AS ${out}`;
      return `CAST(${logical} AS ${type}) AS ${out}`;
    });

    if (withFile)
      select.push(
        `${perFile(ordered.map((f) => quoteString(f.path)))} AS ${quoteIdent(FILE_COLUMN)}`,
      );
    if (withRowIndex)
      select.push(`CAST("d"."file_row_number" AS BIGINT) AS ${quoteIdent(ROW_INDEX_COLUMN)}`);
    sql = `SELECT ${select.join(", ")} FROM (${source}) AS "d"`;
    if (joined.length > 0) {
      const rows = ordered.map(
        (_, i) => `(${[String(i), ...joined.map((v) => v[i] ?? "NULL")].join(", ")})`,
      );
      const cols = [INDEX_COLUMN, ...joined.map((_, j) => `v${j}`)].map(quoteIdent).join(", ");
      const index = quoteIdent(INDEX_COLUMN);
      sql += ` JOIN (VALUES ${rows.join(", ")}) AS "p"(${cols}) ON "d".${index} = "p".${index}`;
    }
  }
  // numRecords counts the rows of the data file; its deletion vector removes `cardinality`.
  const rowsRead = files.reduce(
    (n, f) => n + (f.numRecords ?? 0) - (f.deletionVector?.cardinality ?? 0),
    0,
  );
  const metrics: ReadMetrics = {
    format: "delta",
    paths: node.paths,
    rowsRead,
    rowsRejected: 0,
    badRecordsFile: undefined,
    sample: [],
    filesRead: files.length,
    filesSkipped: scan.filesSkipped,
    version: scan.version,
  };
  return {
    compiled: { sql, columns },
    snapshot,
    after: async () => metrics,
    // A data file deleted or damaged between resolution and the action.
    recover: async (_db, error) => {
      const typed = deltaFileErrorOf(error, paths, scan);
      if (typed !== undefined) throw typed;
      return false;
    },
  };
}
