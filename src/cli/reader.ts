/**
 * The DataFrame a read command (`show`, `validate`) loads: the format given or detected,
 * reader options from `--option k=v`, and the defaults a newcomer expects from a CSV
 * (a header line, inferred types) unless `--option` says otherwise.
 */
import type { DataFrame } from "../dataframe/dataframe.js";
import type { SparkSession } from "../session/session.js";
import { storageFor } from "../storage/choose.js";
import type { Storage } from "../storage/storage.js";
import { CliError } from "./cli-error.js";
import { type Detection, detectFormat } from "./detect-format.js";

export interface ReadFlags {
  readonly format?: string | undefined;
  readonly option: readonly string[];
}

/** `--option k=v` pairs as a map; a bare `k` means `k=true`. */
export function readerOptions(pairs: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key.trim() === "")
      throw new CliError("CLI_INVALID_FLAG", `--option needs a key, got '${pair}'.`, {
        hint: "Write --option key=value, e.g. --option header=false.",
      });
    options.set(key, eq < 0 ? "true" : pair.slice(eq + 1));
  }
  return options;
}

/** The format to read `path` as: `--format` when given (the reader checks it), else detected. */
export async function formatOf(
  path: string,
  requested: string | undefined,
  storage?: Storage,
): Promise<Omit<Detection, "format"> & { format: string }> {
  if (requested === undefined) return detectFormat(path, storage);
  return { format: requested.toLowerCase(), tabSeparated: false, jsonArray: false };
}

export async function readDataset(
  spark: SparkSession,
  path: string,
  flags: ReadFlags,
  extra: ReadonlyMap<string, string> = new Map(),
): Promise<{ df: DataFrame; format: string }> {
  const detection = await formatOf(path, flags.format, sessionStorage(spark, path));
  const given = readerOptions(flags.option);
  const has = (k: string): boolean =>
    [...given.keys(), ...extra.keys()].some((g) => g.toLowerCase() === k.toLowerCase());
  let reader = spark.read.format(detection.format);
  if (detection.format === "csv") {
    if (!has("header")) reader = reader.option("header", true);
    if (!has("inferSchema")) reader = reader.option("inferSchema", true);
    if (detection.tabSeparated && !has("sep") && !has("delimiter"))
      reader = reader.option("sep", "\t");
  }
  if (detection.format === "json" && detection.jsonArray && !has("multiLine"))
    reader = reader.option("multiLine", true);
  for (const [k, v] of [...given, ...extra]) reader = reader.option(k, v);
  return { df: reader.load(path), format: detection.format };
}

/** The storage of `path` with the session's settings (`spark.hadoop.fs.s3a.*`). */
export function sessionStorage(spark: SparkSession, path: string): Storage {
  return storageFor(path, spark.conf.getAll());
}
