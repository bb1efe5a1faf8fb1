/**
 * The format of a dataset a user points at (`show`, `validate`): a directory with a
 * `_delta_log` is Delta; a file is Parquet when it starts with Parquet's magic `PAR1`,
 * else its extension decides, else its first bytes (JSON starts with `{` or `[`, other
 * text is CSV). A directory or glob is detected from its data files, which must agree.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { isObjectStoreLocation, lastSegment } from "../storage/location.js";
import type { Storage } from "../storage/storage.js";
import { CliError } from "./cli-error.js";

export type DetectedFormat = "parquet" | "csv" | "json" | "delta";

/** What was found: the format, and facts a reader needs (a TSV separator, a JSON array). */
export interface Detection {
  readonly format: DetectedFormat;
  readonly tabSeparated: boolean;
  readonly jsonArray: boolean;
}

const COMPRESSED = /\.(gz|bz2|zst|zstd|lz4|snappy|deflate)$/i;
const BY_EXTENSION: Readonly<Record<string, DetectedFormat>> = {
  parquet: "parquet",
  pq: "parquet",
  csv: "csv",
  tsv: "csv",
  json: "json",
  jsonl: "json",
  ndjson: "json",
};
export const SNIFF_BYTES = 4096;

function head(file: string): Buffer {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, SNIFF_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

function unknownFormat(file: string, why: string): CliError {
  return new CliError("CLI_UNKNOWN_FORMAT", `Cannot tell the format of ${file}: ${why}.`, {
    hint: "Pass --format parquet, csv, json or delta.",
    context: { path: file },
  });
}

/** One data file's format. */
export function detectFile(file: string): Detection {
  const compressed = COMPRESSED.test(basename(file));
  return detectBytes(file, compressed ? Buffer.alloc(0) : head(file));
}

/** The format of a file (local or an object) from its name and first bytes. */
export function detectBytes(file: string, bytes: Buffer): Detection {
  const base = isObjectStoreLocation(file) ? lastSegment(file) : basename(file);
  const name = base.replace(COMPRESSED, "");
  const compressed = name !== base;
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  const tabSeparated = extension === "tsv";
  const firstChar = /[^\s\uFEFF]/.exec(bytes.toString("utf8"))?.[0];
  const jsonArray = firstChar === "[";
  if (bytes.subarray(0, 4).toString("latin1") === "PAR1")
    return { format: "parquet", tabSeparated, jsonArray };
  const byName = BY_EXTENSION[extension];
  if (byName !== undefined) return { format: byName, tabSeparated, jsonArray };
  if (compressed) throw unknownFormat(file, "it is compressed and its extension says nothing");
  if (bytes.length === 0) throw unknownFormat(file, "it is empty");
  if (bytes.includes(0)) throw unknownFormat(file, "it is binary and not Parquet");
  if (firstChar === "{" || firstChar === "[") return { format: "json", tabSeparated, jsonArray };
  return { format: "csv", tabSeparated, jsonArray };
}

/** Data files under a directory or matching a glob: hidden and `_`-prefixed files are metadata. */
async function dataFiles(pattern: string, cwd: string | undefined): Promise<string[]> {
  const files = await glob(pattern, {
    ...(cwd === undefined ? {} : { cwd }),
    absolute: true,
    onlyFiles: true,
    dot: false,
    ignore: ["**/_*", "**/_*/**", "**/*.crc"],
  });
  return files.sort();
}

export function agree(what: string, detections: readonly Detection[]): Detection {
  const [first] = detections;
  if (first === undefined)
    throw new CliError("CLI_PATH_NOT_FOUND", `No data files in ${what}.`, {
      hint: "Check the path or glob; files starting with '_' or '.' are not data.",
      context: { path: what },
    });
  const formats = [...new Set(detections.map((d) => d.format))];
  if (formats.length > 1)
    throw new CliError(
      "CLI_MIXED_FORMATS",
      `${what} holds files of several formats (${formats.join(", ")}).`,
      {
        hint: "Point at one format with a glob (dir/*.csv) or pass --format.",
        context: { path: what, formats },
      },
    );
  return first;
}

/** How many files of a directory or glob are looked at: enough to catch a mix, not all of a big lake. */
export const SAMPLE = 16;

/**
 * The format of a file, directory or glob.
 *
 * @example
 * ```ts
 * (await detectFormat("data/orders.csv")).format; // "csv"
 * (await detectFormat("lake/orders")).format;     // "delta" (it has a _delta_log)
 * ```
 */
export async function detectFormat(path: string, storage?: Storage): Promise<Detection> {
  if (storage !== undefined && isObjectStoreLocation(path)) {
    const { detectObjectFormat } = await import("./detect-object-format.js");
    return detectObjectFormat(storage, path);
  }
  if (!existsSync(path)) {
    if (!isDynamicPattern(path))
      throw new CliError("CLI_PATH_NOT_FOUND", `No file or directory ${path}.`, {
        hint: "Check the path (relative paths start at the current directory).",
        context: { path },
      });
    const files = await dataFiles(path, undefined);
    return agree(path, files.slice(0, SAMPLE).map(detectFile));
  }
  if (!statSync(path).isDirectory()) return detectFile(path);
  if (existsSync(join(path, "_delta_log")))
    return { format: "delta", tabSeparated: false, jsonArray: false };
  const files = await dataFiles("**/*", path);
  return agree(path, files.slice(0, SAMPLE).map(detectFile));
}

/** The bytes of a dataset's data files (for progress); undefined when it cannot be listed. */
export async function datasetBytes(path: string, storage?: Storage): Promise<number | undefined> {
  if (isObjectStoreLocation(path)) {
    if (storage === undefined) return undefined;
    const { objectDatasetBytes } = await import("./detect-object-format.js");
    return objectDatasetBytes(storage, path);
  }
  try {
    const files = !existsSync(path)
      ? await dataFiles(path, undefined)
      : statSync(path).isDirectory()
        ? await dataFiles("**/*", path)
        : [path];
    return files.reduce((sum, f) => sum + statSync(f).size, 0);
  } catch {
    // Only a progress detail: the read itself reports a path it cannot list.
    return undefined;
  }
}
