/**
 * Data files for a Delta commit: Parquet written by one COPY straight to their final place
 * (unique names; multipart uploads through httpfs in an object store). Until the commit names
 * them the files are invisible to every reader. On local disk a failed write removes the
 * files it wrote (their names carry a per-write token); files of a failed object-store write
 * stay behind unreferenced, for VACUUM to remove, as Spark's do.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DataFileOptions } from "../../../delta/table-engine.js";
import { DeltaError } from "../../../errors.js";
import { isObjectStoreLocation, joinLocation } from "../../../storage/location.js";
import { StructType } from "../../../types/data-types.js";
import type { WrittenFile } from "../../engine.js";
import type { CompiledRelation } from "../compiler/relation-types.js";
import type { DuckDBSession, ResultSet } from "../connection.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { normalizedSelect } from "../write/index.js";
import { parseColumnStats, parsePartitionKeys } from "../write/stats.js";
import { fieldIdsOption, renameNested } from "./nested-names.js";

/**
 * Open partition files a right-sized write keeps (DuckDB's default, 100, closes and reopens
 * files when more partitions are in flight: 7,282 files for 229 partitions of 30M rows). Each
 * holds a file descriptor, so this stays well under the usual limit of 1,024.
 */
export const OPEN_PARTITION_FILES = 512;

/**
 * DuckDB cannot cut files (`ROW_GROUPS_PER_FILE`) in a partitioned COPY, so a partitioned
 * write with `maxRecordsPerFile` numbers each partition's rows and partitions by that number
 * too: `p=1/__tributary_file=0/part-...parquet`. Delta readers follow `add.path`, and the
 * column is not a partition value of the table.
 */
const FILE_COLUMN = "__tributary_file";

function cappedRows(options: DataFileOptions): number | undefined {
  const n = options.maxRecordsPerFile;
  return n !== undefined && n > 0 ? n : undefined;
}

/** A logical column name's physical one under column mapping (itself without). */
function physicalNameOf(options: DataFileOptions, name: string): string {
  const mapping = options.columnMapping;
  if (mapping === undefined) return name;
  const i = mapping.logical.fields.findIndex((f) => f.name.toLowerCase() === name.toLowerCase());
  const physical = mapping.physical.fields[i];
  if (physical === undefined)
    throw new DeltaError(
      "DELTA_COLUMN_NOT_FOUND",
      `Column \`${name}\` of the data to write is not in the table's schema [${mapping.logical.fieldNames().join(", ")}].`,
      { hint: "Select only the table's columns before writing." },
    );
  return physical.name;
}

/** The rows to write: the plan's columns, under their physical names when the table maps columns. */
function selectSql(compiled: CompiledRelation, options: DataFileOptions): string {
  const select = normalizedSelect(compiled);
  const mapping = options.columnMapping;
  if (mapping === undefined) return select;
  const list = compiled.columns.map((c) => {
    const physical = physicalNameOf(options, c.name);
    const logical = mapping.logical.field(c.name);
    const stored = mapping.physical.field(physical);
    const value =
      logical === undefined || stored === undefined
        ? quoteIdent(c.name)
        : renameNested(quoteIdent(c.name), stored.dataType, logical.dataType);
    return `${value} AS ${quoteIdent(physical)}`;
  });
  return `SELECT ${list.join(", ")} FROM (${select}) AS "w"`;
}

/** The rows to write, numbered per partition into files when `maxRecordsPerFile` needs it. */
function rowsSql(compiled: CompiledRelation, options: DataFileOptions): string {
  const select = selectSql(compiled, options);
  const capped = cappedRows(options);
  if (capped === undefined || options.partitionBy.length === 0) return select;
  const by = options.partitionBy.map((p) => quoteIdent(physicalNameOf(options, p))).join(", ");
  return `SELECT *, (row_number() OVER (PARTITION BY ${by}) - 1) // ${capped} AS ${quoteIdent(FILE_COLUMN)} FROM (${select}) AS "numbered"`;
}

/** The COPY options of a data-file write (one file, per-thread files, or partitions). */
function copyOptions(options: DataFileOptions, single: boolean, token: string): string[] {
  const parts = ["FORMAT parquet", `COMPRESSION ${options.compression}`, "RETURN_STATS true"];
  const mapping = options.columnMapping;
  if (mapping !== undefined) {
    // Partition columns are not in the files (their values are in the log).
    const partitions = new Set(options.partitionBy.map((p) => physicalNameOf(options, p)));
    const stored = mapping.physical.fields.filter((f) => !partitions.has(f.name));
    parts.push(`FIELD_IDS ${fieldIdsOption(new StructType(stored))}`);
  }
  if (!single)
    parts.push(
      `FILENAME_PATTERN ${quoteString(`part-00000-${token}-{uuid}.c000.${options.compression}`)}`,
    );
  const sized = options.targetFileSize !== undefined && options.targetFileSize > 0;
  const capped = cappedRows(options);
  if (options.partitionBy.length > 0) {
    const physical = options.partitionBy.map((p) => physicalNameOf(options, p));
    const columns = [...physical, ...(capped === undefined ? [] : [FILE_COLUMN])];
    parts.push(`PARTITION_BY (${columns.map(quoteIdent).join(", ")})`);
  } else if (!single && !sized) parts.push("PER_THREAD_OUTPUT true");
  if (capped !== undefined) {
    parts.push(`ROW_GROUP_SIZE ${capped}`);
    if (options.partitionBy.length === 0) parts.push("ROW_GROUPS_PER_FILE 1");
  } else if (sized && !single && options.partitionBy.length === 0) {
    // One stream of files cut at the target size (DuckDB cannot cut files with PARTITION_BY).
    parts.push(`FILE_SIZE_BYTES ${Math.floor(options.targetFileSize ?? 0)}`);
  }
  return parts;
}

/** Runs a data-file COPY; a right-sized partitioned one keeps every partition's file open. */
async function runCopy(
  db: DuckDBSession,
  sql: string,
  options: DataFileOptions,
): Promise<ResultSet> {
  const sized = options.targetFileSize !== undefined && options.partitionBy.length > 0;
  if (!sized) return db.query(sql);
  await db.execute(`SET partitioned_write_max_open_files = ${OPEN_PARTITION_FILES}`);
  try {
    return await db.query(sql);
  } finally {
    await db.execute("RESET partitioned_write_max_open_files");
  }
}

function writtenFile(
  row: readonly unknown[],
  idx: (name: string) => number,
  path: string,
): WrittenFile {
  return {
    path,
    rows: Number(row[idx("count")]),
    bytes: Number(row[idx("file_size_bytes")]),
    partitionValues: Object.fromEntries(
      Object.entries(parsePartitionKeys(row[idx("partition_keys")])).filter(
        ([k]) => k !== FILE_COLUMN,
      ),
    ),
    stats: parseColumnStats(row[idx("column_statistics")]),
  };
}

/** Writes straight into an object-store table (no rename there; names are unique). */
async function writeToObjectStore(
  db: DuckDBSession,
  compiled: CompiledRelation,
  tablePath: string,
  options: DataFileOptions,
): Promise<WrittenFile[]> {
  const single = options.singleFile === true && options.partitionBy.length === 0;
  const token = randomUUID().slice(0, 8);
  // APPEND: the table's prefix already holds files; new names never replace one.
  const parts = [...copyOptions(options, single, token), ...(single ? [] : ["APPEND true"])];
  const target = single
    ? joinLocation(
        tablePath,
        `part-00000-${token}-${randomUUID()}.c000.${options.compression}.parquet`,
      )
    : tablePath;
  const result = await runCopy(
    db,
    `COPY (${rowsSql(compiled, options)}) TO ${quoteString(target)} (${parts.join(", ")})`,
    options,
  );
  const idx = (name: string): number => result.columns.findIndex((c) => c.name === name);
  return result.rows.map((row) => writtenFile(row, idx, String(row[idx("filename")])));
}

/** Removes the files a failed write left under `dir` (their names carry `token`). */
function removeWritten(dir: string, token: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "_delta_log") removeWritten(full, token);
    else if (entry.isFile() && entry.name.includes(token)) rmSync(full, { force: true });
  }
}

export async function writeDataFiles(
  db: DuckDBSession,
  compiled: CompiledRelation,
  tablePath: string,
  options: DataFileOptions,
): Promise<WrittenFile[]> {
  if (isObjectStoreLocation(tablePath)) return writeToObjectStore(db, compiled, tablePath, options);
  // Straight into the table, as in an object store: no reader sees a file before the commit
  // names it, and a staging directory cost a rename per file and an rmdir per partition
  // (as much as the Delta log itself on the flights ingest).
  const token = randomUUID().slice(0, 8);
  mkdirSync(tablePath, { recursive: true });
  const single = options.singleFile === true && options.partitionBy.length === 0;
  const parts = [...copyOptions(options, single, token), ...(single ? [] : ["APPEND true"])];
  const target = single
    ? join(tablePath, `part-00000-${token}-${randomUUID()}.c000.${options.compression}.parquet`)
    : tablePath;
  try {
    const result = await runCopy(
      db,
      `COPY (${rowsSql(compiled, options)}) TO ${quoteString(target)} (${parts.join(", ")})`,
      options,
    );
    const idx = (name: string): number => result.columns.findIndex((c) => c.name === name);
    return result.rows.map((row) => writtenFile(row, idx, String(row[idx("filename")])));
  } catch (e) {
    removeWritten(tablePath, token);
    throw e;
  }
}
