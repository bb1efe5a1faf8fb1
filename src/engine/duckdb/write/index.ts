/**
 * File writers (parquet, csv, json) with Spark's save modes. Data is written to a hidden
 * staging directory first and moved into place only when the whole write succeeded, so a
 * failed write leaves the target as it was: inside a local target, by renames; for an
 * object-store target, staged locally and stored through `Storage`.
 */
import { randomUUID } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { OptionsReader } from "../../../config/options-reader.js";
import { AnalysisError, IllegalArgumentError, UnsupportedOperationError } from "../../../errors.js";
import { typeSql } from "../../../plan/expression/name.js";
import {
  isObjectStoreLocation,
  joinLocation,
  relativeLocation,
} from "../../../storage/location.js";
import type { Storage } from "../../../storage/storage.js";
import { ArrayType, type DataType, MapType, StructType } from "../../../types/data-types.js";
import type { WriteResult, WriteSpec, WrittenFile } from "../../engine.js";
import type { CompiledRelation } from "../compiler/relation-types.js";
import type { DuckDBSession, ResultSet } from "../connection.js";
import { formatSql } from "../datetime/index.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
import { csvWriteOptions, fieldSql, fieldText, lineSql, valueTextSql } from "./csv-line.js";
import { copyOptions, FILE_EXTENSIONS } from "./format-options.js";
import { jsonLineSql } from "./json-text.js";
import { parseColumnStats, parsePartitionKeys } from "./stats.js";

export type FilesWritten = Omit<WriteResult, "readMetrics">;

const hidden = (name: string): boolean => name.startsWith("_") || name.startsWith(".");

/** True when `path` holds anything a reader would see. */
function hasData(path: string): boolean {
  if (!existsSync(path)) return false;
  if (!statSync(path).isDirectory()) return true;
  return readdirSync(path).some((n) => !hidden(n));
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/** The SELECT that feeds COPY: columns in Spark types (DuckDB's HUGEINT sums become BIGINT). */
/** How text formats render dates and timestamps (Spark's writer options and defaults). */
export interface TextFormats {
  readonly dateFormat: string;
  readonly timestampFormat: string;
  readonly partitionBy: readonly string[];
}

export function normalizedSelect(compiled: CompiledRelation, text?: TextFormats): string {
  const seen = new Set<string>();
  for (const c of compiled.columns) {
    const key = c.name.toLowerCase();
    if (seen.has(key)) {
      throw new AnalysisError(
        "COLUMN_ALREADY_EXISTS",
        `The column \`${c.name}\` appears more than once in the data to write.`,
        {
          hint: "Rename or drop one of the duplicate columns (they often come from a join) before writing.",
        },
      );
    }
    seen.add(key);
  }
  const list = compiled.columns.map((c) => {
    const ref = quoteIdent(c.sqlName);
    const t = c.dataType?.typeName;
    // CSV and JSON hold text: Spark renders dates and timestamps with its patterns (partition
    // values keep their own rendering, in the directory names).
    const isPartition =
      text?.partitionBy.some((p) => p.toLowerCase() === c.name.toLowerCase()) ?? false;
    if (text !== undefined && !isPartition && t === "timestamp")
      return `${formatSql(ref, text.timestampFormat)} AS ${quoteIdent(c.name)}`;
    if (text !== undefined && !isPartition && t === "date")
      return `${formatSql(`CAST(${ref} AS TIMESTAMPTZ)`, text.dateFormat)} AS ${quoteIdent(c.name)}`;
    const cast = c.dataType === undefined ? ref : `CAST(${ref} AS ${toDuckDBType(c.dataType)})`;
    return `${cast} AS ${quoteIdent(c.name)}`;
  });
  return `SELECT ${list.join(", ")} FROM (${compiled.sql}) AS "to_write"`;
}

/** One `value` column of JSON text per row (Spark's rendering), with the partition columns. */
function jsonRowsSelect(
  compiled: CompiledRelation,
  select: string,
  partitionBy: readonly string[],
  options: Readonly<Record<string, string>>,
): string {
  const isPartition = (name: string): boolean =>
    partitionBy.some((p) => p.toLowerCase() === name.toLowerCase());
  const fields = compiled.columns
    .filter((c) => !isPartition(c.name))
    .map((c) => {
      const t = c.dataType?.typeName;
      // Top-level dates and timestamps are already text in Spark's patterns.
      const type = t === "date" || t === "timestamp" ? undefined : c.dataType;
      return { name: c.name, sql: `"rows".${quoteIdent(c.name)}`, type };
    });
  const ignoreNulls = new OptionsReader(options).bool("ignoreNullFields", true);
  const parts = partitionBy.map((p) => `"rows".${quoteIdent(p)}`);
  return `SELECT ${[`${jsonLineSql(fields, ignoreNulls)} AS "value"`, ...parts].join(", ")} FROM (${select}) AS "rows"`;
}

/** The rows as Spark's CSV lines: one text column named by the header line, then the partition columns. */
function csvLinesSelect(
  compiled: CompiledRelation,
  rows: string,
  raw: Readonly<Record<string, string>>,
  partitionBy: readonly string[],
): string {
  const o = csvWriteOptions(raw);
  const isPartition = (name: string): boolean =>
    partitionBy.some((p) => p.toLowerCase() === name.toLowerCase());
  const data = compiled.columns.filter((c) => !isPartition(c.name));
  const fields = data.map((c) => {
    const t = c.dataType?.typeName;
    const text = t === "date" || t === "timestamp" ? c.name : undefined;
    const ref = quoteIdent(c.name);
    return fieldSql(text === undefined ? valueTextSql(ref, c.dataType) : ref, o);
  });
  const header = data.map((c) => fieldText(c.name, o)).join(o.sep);
  const parts = [
    `${lineSql(fields, o)} AS ${quoteIdent(header)}`,
    ...compiled.columns.filter((c) => isPartition(c.name)).map((c) => quoteIdent(c.name)),
  ];
  return `SELECT ${parts.join(", ")} FROM (${rows}) AS "csv_rows"`;
}

function checkPartitionColumns(
  compiled: CompiledRelation,
  partitionBy: readonly string[],
): string[] {
  const names = compiled.columns.map((c) => c.name);
  const resolved = partitionBy.map((p) => {
    const hit =
      names.find((n) => n === p) ?? names.find((n) => n.toLowerCase() === p.toLowerCase());
    if (hit === undefined) {
      throw new AnalysisError(
        "UNRESOLVED_COLUMN",
        `Partition column \`${p}\` is not in the data: [${names.map((n) => `\`${n}\``).join(", ")}].`,
        {
          hint: "partitionBy takes names of columns of the DataFrame being written.",
        },
      );
    }
    return hit;
  });
  if (resolved.length > 0 && resolved.length === names.length) {
    throw new AnalysisError(
      "ALL_PARTITION_COLUMNS_NOT_ALLOWED",
      "Cannot use all columns for partition columns.",
      {
        hint: "Leave at least one column as data.",
      },
    );
  }
  return resolved;
}

function textFormats(
  options: Readonly<Record<string, string>>,
  partitionBy: readonly string[],
): TextFormats {
  const o = new OptionsReader(options);
  return {
    dateFormat: o.get("dateFormat") ?? "yyyy-MM-dd",
    timestampFormat: o.get("timestampFormat") ?? "yyyy-MM-dd'T'HH:mm:ss.SSSXXX",
    partitionBy,
  };
}

interface Staged {
  /** The files, with paths inside the staging directory. */
  readonly files: WrittenFile[];
  readonly rowsWritten: number;
}

/** Runs the COPY that writes the rows as `format` files into the directory `staging`. */
async function copyToStaging(
  db: DuckDBSession,
  compiled: CompiledRelation,
  spec: WriteSpec,
  partitionBy: readonly string[],
  staging: string,
  singleFile: boolean,
): Promise<Staged> {
  const format = spec.format.toLowerCase();
  const extension = FILE_EXTENSIONS[format] ?? "";
  const options = copyOptions(format, spec.options, partitionBy, singleFile);
  const into =
    partitionBy.length === 0 && (format !== "parquet" || singleFile)
      ? join(staging, `part-00000-${randomUUID()}${extension}`)
      : staging;
  const text = format === "parquet" ? undefined : textFormats(spec.options, partitionBy);
  const select =
    format === "json"
      ? jsonRowsSelect(compiled, normalizedSelect(compiled, text), partitionBy, spec.options)
      : format === "csv"
        ? csvLinesSelect(compiled, normalizedSelect(compiled, text), spec.options, partitionBy)
        : normalizedSelect(compiled, text);
  const result =
    format === "json" && partitionBy.length > 0
      ? await writeJsonPartitions(
          db,
          select,
          staging,
          partitionBy,
          copyOptions(format, spec.options, []),
        )
      : await db.query(`COPY (${select}) TO ${quoteString(into)} (${options})`);
  const written: WrittenFile[] = [];
  if (format === "parquet") {
    const idx = (name: string): number => result.columns.findIndex((c) => c.name === name);
    for (const row of result.rows) {
      written.push({
        path: String(row[idx("filename")]),
        rows: Number(row[idx("count")]),
        bytes: Number(row[idx("file_size_bytes")]),
        partitionValues: parsePartitionKeys(row[idx("partition_keys")]),
        stats: parseColumnStats(row[idx("column_statistics")]),
      });
    }
    return { files: written, rowsWritten: written.reduce((n, f) => n + f.rows, 0) };
  }
  const total = Number(result.rows[0]?.[0] ?? 0);
  const files = existsSync(staging) ? listFiles(staging) : [];
  for (const f of files) {
    written.push({
      path: f,
      rows: files.length === 1 ? total : Number.NaN,
      bytes: statSync(f).size,
      partitionValues: partitionValuesOf(relative(staging, f)),
      stats: {},
    });
  }
  return { files: written, rowsWritten: total };
}

function holdsVoid(t: DataType | undefined): boolean {
  if (t === undefined) return false;
  if (t.typeName === "null") return true;
  if (t instanceof ArrayType) return holdsVoid(t.elementType);
  if (t instanceof MapType) return holdsVoid(t.keyType) || holdsVoid(t.valueType);
  if (t instanceof StructType) return t.fields.some((f) => holdsVoid(f.dataType));
  return false;
}

const DATASOURCE_NAMES: Readonly<Record<string, string>> = { parquet: "Parquet", csv: "CSV" };

/**
 * Spark refuses to write an untyped NULL column (`lit(null)`, `NULL AS x`) as Parquet or
 * CSV: no file type can hold it, and writing it as some other type would change the
 * column's type on the way back. JSON leaves nulls out, so it writes them.
 */
function refuseVoidColumns(compiled: CompiledRelation, format: string): void {
  const source = DATASOURCE_NAMES[format];
  if (source === undefined) return;
  for (const c of compiled.columns) {
    if (c.dataType === undefined || !holdsVoid(c.dataType)) continue;
    throw new AnalysisError(
      "UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
      `The ${source} datasource doesn't support the column \`${c.name}\` of the type "${typeSql(c.dataType)}".`,
      {
        hint: `Give the column a type before writing, e.g. lit(null).cast("string") or CAST(NULL AS STRING).`,
        context: { column: c.name },
      },
    );
  }
}

function checkFormat(spec: WriteSpec): void {
  const format = spec.format.toLowerCase();
  if (FILE_EXTENSIONS[format] === undefined) {
    throw new UnsupportedOperationError(
      "duckdb",
      `write.format("${format}")`,
      `The DuckDB engine cannot write format "${format}".`,
      {
        hint: `Supported formats: ${Object.keys(FILE_EXTENSIONS).join(", ")} (and delta).`,
      },
    );
  }
}

function alreadyExists(path: string): AnalysisError {
  return new AnalysisError("PATH_ALREADY_EXISTS", `Path ${path} already exists.`, {
    hint: 'Set mode("overwrite") to replace it, mode("append") to add to it, or mode("ignore") to skip.',
    context: { path },
  });
}

function isAFile(path: string): IllegalArgumentError {
  return new IllegalArgumentError(
    `Cannot write to ${path}: it is a file, and Spark-style writes create a directory.`,
  );
}

const NOTHING_WRITTEN: FilesWritten = {
  files: [],
  rowsWritten: 0,
  bytesWritten: 0,
  written: false,
};

/**
 * Writes the relation as files under `spec.path` following Spark's save modes. An
 * object-store target goes through `storage` (see {@link writeToObjectStore}). `singleFile`
 * (rows Spark would hold in one partition) writes one file per partition directory.
 */
export async function writeFiles(
  db: DuckDBSession,
  compiled: CompiledRelation,
  spec: WriteSpec,
  scratchDir: string,
  storage?: Storage,
  singleFile = false,
): Promise<FilesWritten> {
  checkFormat(spec);
  refuseVoidColumns(compiled, spec.format.toLowerCase());
  if (isObjectStoreLocation(spec.path) && storage !== undefined)
    return writeToObjectStore(db, compiled, spec, scratchDir, storage, singleFile);
  const target = resolve(spec.path);
  if (existsSync(target) && !statSync(target).isDirectory()) throw isAFile(spec.path);
  const exists = hasData(target);
  if (exists && spec.mode === "error") throw alreadyExists(target);
  if (exists && spec.mode === "ignore") return NOTHING_WRITTEN;

  const partitionBy = checkPartitionColumns(compiled, spec.partitionBy);
  const staging = join(target, `.tributary-staging-${randomUUID()}`);
  mkdirSync(staging, { recursive: true });
  try {
    const staged = await copyToStaging(db, compiled, spec, partitionBy, staging, singleFile);
    if (exists && spec.mode === "overwrite") {
      for (const name of readdirSync(target)) {
        const full = join(target, name);
        if (full !== staging) rmSync(full, { recursive: true, force: true });
      }
    }
    const final = moveStaged(staging, target, staged.files);
    writeFileSync(join(target, "_SUCCESS"), "");
    return {
      files: final,
      rowsWritten: staged.rowsWritten,
      bytesWritten: final.reduce((n, f) => n + f.bytes, 0),
      written: true,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** True when a rename failed because the destination directory is there and not empty. */
function destinationTaken(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOTEMPTY" || code === "EEXIST";
}

/**
 * Moves the staged files into `target`. A top-level staged entry (a partition directory, or
 * an unpartitioned file) the target does not have moves whole: one rename instead of a
 * mkdir, a rename per file and an rmdir. Directory operations cost ~5 ms each on a busy
 * disk (182 partitions: ~1 s, more than the raw COPY's gap to our write). Entries the target
 * already has (an append to a partition) move file by file.
 */
function moveStaged(staging: string, target: string, files: readonly WrittenFile[]): WrittenFile[] {
  const moved = new Set<string>();
  for (const name of readdirSync(staging)) {
    if (existsSync(join(target, name))) continue;
    try {
      renameSync(join(staging, name), join(target, name));
      moved.add(name);
    } catch (error) {
      // Another writer made it meanwhile: its files stay, ours go in one by one below.
      if (!destinationTaken(error)) throw error;
    }
  }
  return files.map((f) => {
    const path = relative(staging, f.path);
    const destination = join(target, path);
    if (!moved.has(path.split(sep)[0] ?? path)) {
      mkdirSync(dirname(destination), { recursive: true });
      renameSync(f.path, destination);
    }
    return { ...f, path: destination };
  });
}

/**
 * An object-store target: the files are made in a local scratch directory, then stored with
 * `Storage.put` (each object appears whole). Overwrite deletes the objects that were there
 * before only after every new one is stored, so a failed write leaves the old data readable.
 */
async function writeToObjectStore(
  db: DuckDBSession,
  compiled: CompiledRelation,
  spec: WriteSpec,
  scratchDir: string,
  storage: Storage,
  singleFile: boolean,
): Promise<FilesWritten> {
  const target = spec.path.replace(/\/+$/, "");
  if ((await storage.stat(target)) !== undefined) throw isAFile(spec.path);
  const before = await storage.list(target, { recursive: true });
  const exists = before.some((e) => !relativeLocation(target, e.location).split("/").some(hidden));
  if (exists && spec.mode === "error") throw alreadyExists(target);
  if (exists && spec.mode === "ignore") return NOTHING_WRITTEN;

  const partitionBy = checkPartitionColumns(compiled, spec.partitionBy);
  const staging = join(scratchDir, `write-${randomUUID()}`);
  mkdirSync(staging, { recursive: true });
  try {
    const staged = await copyToStaging(db, compiled, spec, partitionBy, staging, singleFile);
    const final: WrittenFile[] = [];
    for (const f of staged.files) {
      const destination = joinLocation(target, relative(staging, f.path).split(sep).join("/"));
      await storage.put(destination, await readFile(f.path));
      final.push({ ...f, path: destination });
    }
    if (exists && spec.mode === "overwrite") {
      const kept = new Set(final.map((f) => f.path));
      await storage.delete(before.map((e) => e.location).filter((l) => !kept.has(l)));
    }
    await storage.put(joinLocation(target, "_SUCCESS"), "");
    return {
      files: final,
      rowsWritten: staged.rowsWritten,
      bytesWritten: final.reduce((n, f) => n + f.bytes, 0),
      written: true,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * DuckDB's JSON writer has no PARTITION_BY: the rows are materialized once, then each
 * partition is written to its Hive-style directory. Returns the total row count like COPY.
 */
async function writeJsonPartitions(
  db: DuckDBSession,
  select: string,
  staging: string,
  partitionBy: readonly string[],
  options: string,
): Promise<ResultSet> {
  const table = quoteIdent(`__tributary_json_${randomUUID().replaceAll("-", "")}`);
  await db.execute(`CREATE TEMP TABLE ${table} AS ${select}`);
  try {
    const keys = partitionBy.map(quoteIdent);
    const values = await db.query(
      `SELECT DISTINCT ${keys.map((k) => `CAST(${k} AS VARCHAR)`).join(", ")} FROM ${table}`,
    );
    const dataColumns = (await db.describe(`SELECT * FROM ${table}`))
      .map((c) => c.name)
      .filter((n) => !partitionBy.includes(n))
      .map(quoteIdent);
    let total = 0;
    for (const row of values.rows) {
      const dirs = partitionBy.map(
        (p, i) =>
          `${encodeURIComponent(p)}=${row[i] === null ? "__HIVE_DEFAULT_PARTITION__" : encodeURIComponent(String(row[i]))}`,
      );
      const dir = join(staging, ...dirs);
      mkdirSync(dir, { recursive: true });
      const where = partitionBy
        .map((p, i) =>
          row[i] === null
            ? `${quoteIdent(p)} IS NULL`
            : `CAST(${quoteIdent(p)} AS VARCHAR) = ${quoteString(String(row[i]))}`,
        )
        .join(" AND ");
      const file = join(dir, `part-${randomUUID()}.json`);
      const r = await db.query(
        `COPY (SELECT ${dataColumns.join(", ")} FROM ${table} WHERE ${where}) TO ${quoteString(file)} (${options})`,
      );
      total += Number(r.rows[0]?.[0] ?? 0);
    }
    return { columns: [], rows: [[total]] };
  } finally {
    await db.execute(`DROP TABLE IF EXISTS ${table}`);
  }
}

/** `a=1/b=x%20y/part.csv` -> { a: "1", b: "x y" }. */
function partitionValuesOf(relativePath: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const segment of relativePath.split(/[\\/]/).slice(0, -1)) {
    const eq = segment.indexOf("=");
    if (eq < 0) continue;
    const value = decodeURIComponent(segment.slice(eq + 1));
    out[decodeURIComponent(segment.slice(0, eq))] =
      value === "__HIVE_DEFAULT_PARTITION__" ? null : value;
  }
  return out;
}
