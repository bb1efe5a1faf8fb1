/**
 * Data files for a Delta commit. On local disk: Parquet written by one COPY into a hidden
 * staging directory inside the table, then moved to their final place (renames, on the same
 * file system); if anything fails the staging directory is removed. In an object store there
 * is no rename: DuckDB writes each file straight to its final key (unique names, multipart
 * uploads through httpfs). Either way, until the commit names them the files are invisible
 * to every reader; files of a failed object-store write stay behind unreferenced, for VACUUM
 * to remove, as Spark's do.
 */
import { randomUUID } from "node:crypto";
import { mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { DataFileOptions } from "../../../delta/table-engine.js";
import { DeltaError } from "../../../errors.js";
import { isObjectStoreLocation, joinLocation } from "../../../storage/location.js";
import { StructType } from "../../../types/data-types.js";
import type { WrittenFile } from "../../engine.js";
import type { CompiledRelation } from "../compiler/relation-types.js";
import type { DuckDBSession } from "../connection.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { normalizedSelect } from "../write/index.js";
import { parseColumnStats, parsePartitionKeys } from "../write/stats.js";
import { fieldIdsOption, renameNested } from "./nested-names.js";

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

/** The COPY options of a data-file write (one file, per-thread files, or partitions). */
function copyOptions(options: DataFileOptions, single: boolean): string[] {
  const parts = ["FORMAT parquet", `COMPRESSION ${options.compression}`, "RETURN_STATS true"];
  const mapping = options.columnMapping;
  if (mapping !== undefined) {
    // Partition columns are not in the files (their values are in the log).
    const partitions = new Set(options.partitionBy.map((p) => physicalNameOf(options, p)));
    const stored = mapping.physical.fields.filter((f) => !partitions.has(f.name));
    parts.push(`FIELD_IDS ${fieldIdsOption(new StructType(stored))}`);
  }
  if (!single)
    parts.push(`FILENAME_PATTERN ${quoteString(`part-{uuid}.c000.${options.compression}`)}`);
  if (options.partitionBy.length > 0) {
    const names = options.partitionBy.map((p) => quoteIdent(physicalNameOf(options, p)));
    parts.push(`PARTITION_BY (${names.join(", ")})`);
  } else if (!single) parts.push("PER_THREAD_OUTPUT true");
  if (options.maxRecordsPerFile !== undefined && options.maxRecordsPerFile > 0) {
    parts.push(`ROW_GROUP_SIZE ${options.maxRecordsPerFile}`, "ROW_GROUPS_PER_FILE 1");
  }
  return parts;
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
    partitionValues: parsePartitionKeys(row[idx("partition_keys")]),
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
  // APPEND: the table's prefix already holds files; new names never replace one.
  const parts = [...copyOptions(options, single), ...(single ? [] : ["APPEND true"])];
  const target = single
    ? joinLocation(tablePath, `part-${randomUUID()}.c000.${options.compression}.parquet`)
    : tablePath;
  const result = await db.query(
    `COPY (${selectSql(compiled, options)}) TO ${quoteString(target)} (${parts.join(", ")})`,
  );
  const idx = (name: string): number => result.columns.findIndex((c) => c.name === name);
  return result.rows.map((row) => writtenFile(row, idx, String(row[idx("filename")])));
}

export async function writeDataFiles(
  db: DuckDBSession,
  compiled: CompiledRelation,
  tablePath: string,
  options: DataFileOptions,
): Promise<WrittenFile[]> {
  if (isObjectStoreLocation(tablePath)) return writeToObjectStore(db, compiled, tablePath, options);
  const staging = join(tablePath, `.tributary-write-${randomUUID()}`);
  mkdirSync(staging, { recursive: true });
  const moved: string[] = [];
  try {
    // One unpartitioned file is a COPY to a file name; everything else writes a directory.
    const single = options.singleFile === true && options.partitionBy.length === 0;
    const parts = copyOptions(options, single);
    const target = single
      ? join(staging, `part-${randomUUID()}.c000.${options.compression}.parquet`)
      : staging;
    const result = await db.query(
      `COPY (${selectSql(compiled, options)}) TO ${quoteString(target)} (${parts.join(", ")})`,
    );
    const idx = (name: string): number => result.columns.findIndex((c) => c.name === name);
    const files: WrittenFile[] = [];
    for (const row of result.rows) {
      const staged = String(row[idx("filename")]);
      const destination = join(tablePath, relative(staging, staged));
      mkdirSync(dirname(destination), { recursive: true });
      renameSync(staged, destination);
      moved.push(destination);
      files.push(writtenFile(row, idx, destination));
    }
    return files;
  } catch (e) {
    for (const f of moved) rmSync(f, { force: true });
    throw e;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
