/** Shared helpers for the DeltaTable tests: temp tables, commit files, sorted rows. */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataFrame, Row, SparkSession } from "../../../src/index.js";

export function tmpTable(): string {
  return join(mkdtempSync(join(tmpdir(), "trib-deltatable-")), "t");
}

export function commit(path: string, version: number): Record<string, Record<string, unknown>>[] {
  const text = readFileSync(
    join(path, "_delta_log", `${String(version).padStart(20, "0")}.json`),
    "utf8",
  );
  return text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, Record<string, unknown>>);
}

export function commitInfo(path: string, version: number): Record<string, unknown> {
  const info = commit(path, version).find((a) => "commitInfo" in a)?.commitInfo;
  if (info === undefined) throw new Error(`no commitInfo in version ${version}`);
  return info;
}

export function actionsOf(
  path: string,
  version: number,
  kind: "add" | "remove",
): Record<string, unknown>[] {
  return commit(path, version)
    .filter((a) => kind in a)
    .map((a) => a[kind] as Record<string, unknown>);
}

export function latestVersion(path: string): number {
  const versions = readdirSync(join(path, "_delta_log"))
    .filter((n) => /^\d{20}\.json$/.test(n))
    .map((n) => Number(n.slice(0, 20)));
  return Math.max(...versions);
}

/** Rows sorted by `key`, for order-independent comparisons. */
export async function sorted(df: DataFrame, key = "id"): Promise<Row[]> {
  return df.orderBy(key).collect();
}

/** A table of `rows` (schema DDL) written at `path`, optionally partitioned. */
export async function writeTable(
  spark: SparkSession,
  path: string,
  rows: readonly Record<string, unknown>[],
  schema: string,
  options: { partitionBy?: string[]; mode?: string; options?: Record<string, string> } = {},
): Promise<void> {
  let w = spark
    .createDataFrame(rows, schema)
    .write.format("delta")
    .mode(options.mode ?? "error");
  if (options.partitionBy !== undefined) w = w.partitionBy(...options.partitionBy);
  for (const [k, v] of Object.entries(options.options ?? {})) w = w.option(k, v);
  await w.save(path);
}
