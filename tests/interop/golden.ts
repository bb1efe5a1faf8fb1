/**
 * The golden Delta tables of tests/fixtures/delta and their catalog (see its README.md).
 * Needs no peer: kernel tests can use it too. Tests read copies, never the fixtures.
 */
import { readFileSync } from "node:fs";
import { cp, mkdtemp, readdir, readFile, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { NormalRow } from "./normalize.js";
import { repoRoot } from "./peer-process.js";
import type { StructType } from "./schema.js";

export const goldenRoot = join(repoRoot, "tests", "fixtures", "delta");

export interface GoldenVersion {
  readonly version: number;
  readonly operation: string;
  /** commitInfo.timestamp, epoch milliseconds. */
  readonly commitTimestamp: number;
  /** "identical" when the other peer read the same rows and schema, else what it said. */
  readonly crossRead: string;
  readonly schema: StructType;
  readonly rows: NormalRow[];
}

export interface GoldenTable {
  readonly name: string;
  /** engineInfo of version 0, e.g. "Apache-Spark/4.0.1 Delta-Lake/4.0.1". */
  readonly writer: string;
  readonly short: string;
  readonly summary: string;
  readonly tests: string;
  readonly notes: readonly string[];
  readonly protocol: {
    readonly minReaderVersion: number;
    readonly minWriterVersion: number;
    readonly readerFeatures?: readonly string[];
    readonly writerFeatures?: readonly string[];
  };
  readonly partitionColumns: readonly string[];
  readonly configuration: Readonly<Record<string, string>>;
  readonly checkpoint: {
    readonly files: readonly string[];
    readonly lastCheckpoint: {
      readonly version: number;
      readonly size: number;
      readonly parts?: number;
    };
    readonly addFields: readonly string[];
  } | null;
  readonly latestVersion: number;
  readonly versions: readonly GoldenVersion[];
  /** Escaping tables only: version 0's add paths and partition values as written. */
  readonly adds?: readonly { path: string; partitionValues: Record<string, string | null> }[];
}

export interface GoldenCatalog {
  readonly peers: Readonly<Record<string, string>>;
  readonly tables: readonly GoldenTable[];
}

let cached: GoldenCatalog | undefined;

export function goldenCatalog(): GoldenCatalog {
  cached ??= JSON.parse(readFileSync(join(goldenRoot, "catalog.json"), "utf8")) as GoldenCatalog;
  return cached;
}

export function goldenTable(name: string): GoldenTable {
  const table = goldenCatalog().tables.find((t) => t.name === name);
  if (table === undefined) {
    const known = goldenCatalog().tables.map((t) => t.name);
    throw new Error(`no golden table ${name}; known: ${known.join(", ")}`);
  }
  return table;
}

/** Copies a golden table to a fresh temp dir with commit mtimes restored; returns its path. */
export async function copyGoldenTable(name: string): Promise<string> {
  goldenTable(name); // fail with the known names first
  const dir = await mkdtemp(join(tmpdir(), `tributary-golden-${name}-`));
  const path = join(dir, name);
  await cp(join(goldenRoot, name), path, { recursive: true });
  await restoreCommitTimes(path);
  return path;
}

/**
 * Sets each commit file's mtime to its commitInfo.timestamp (or inCommitTimestamp), which
 * git checkouts lose and delta-spark's timestampAsOf relies on.
 */
export async function restoreCommitTimes(tablePath: string): Promise<void> {
  const log = join(tablePath, "_delta_log");
  for (const name of await readdir(log)) {
    if (!/^\d{20}\.json$/.test(name)) continue;
    const file = join(log, name);
    const ms = commitTime(await readFile(file, "utf8"));
    if (ms !== undefined) await utimes(file, ms / 1000, ms / 1000);
  }
}

function commitTime(text: string): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.includes('"commitInfo"')) continue;
    const info = (JSON.parse(line) as { commitInfo: Record<string, unknown> }).commitInfo;
    const ms = info.inCommitTimestamp ?? info.timestamp;
    return typeof ms === "number" ? ms : undefined;
  }
  return undefined;
}
