/**
 * The two engines, side by side: the embedded DuckDB engine and Spark through the local
 * Spark Connect server the spark project's global setup started. Cases run on both and
 * their results must match (Spark is the reference).
 */
import { toJsonString } from "@bufbuild/protobuf";
import { inject } from "vitest";
import type { DuckDBEngine } from "../../src/engine/duckdb/engine.js";
import { rootPlan } from "../../src/engine/spark-connect/engine.js";
import type { DataFrame, SparkSession } from "../../src/index.js";
import { SparkSession as Session } from "../../src/index.js";
import { PlanSchema } from "../../src/proto/gen/spark/connect/base_pb.js";

export interface Engines {
  readonly duckdb: SparkSession;
  readonly spark: SparkSession;
}

export async function startEngines(): Promise<Engines> {
  const url = inject("sparkConnectUrl");
  if (typeof url !== "string" || url === "")
    throw new Error("no Spark Connect server: run through the spark project");
  // One machine: few shuffle partitions and listing tasks (Spark's 200 and 10,000 make a
  // VACUUM of a tiny table take a minute).
  const common = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.sources.parallelPartitionDiscovery.parallelism": "4",
  };
  const duckdb = await Session.builder().master("local[2]").config(common).create();
  const spark = await Session.builder().remote(url).config(common).create();
  return { duckdb, spark };
}

export async function stopEngines(e: Engines | undefined): Promise<void> {
  await e?.duckdb.stop();
  await e?.spark.stop();
}

/** Canonical JSON for order-insensitive comparison of rows. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === "bigint") return `${v}n`;
    if (v instanceof Date)
      return "toISOStringMicros" in v
        ? (v as { toISOStringMicros(): string }).toISOStringMicros()
        : v.toISOString();
    if (v instanceof Map)
      return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), x]));
    if (
      v !== null &&
      typeof v === "object" &&
      !Array.isArray(v) &&
      v.constructor?.name === "Decimal"
    )
      return `${String(v)}d`;
    if (typeof v === "number" && Number.isNaN(v)) return "NaN";
    return v;
  });
}

export function sortedRows(rows: readonly Record<string, unknown>[]): string[] {
  return rows.map(canonical).sort();
}

export function orderedRows(rows: readonly Record<string, unknown>[]): string[] {
  return rows.map(canonical);
}

/** Plan ids and generated aliases depend on creation order: renumber them for pinning. */
function renumber(text: string, pattern: RegExp, make: (n: number) => string): string {
  const seen = new Map<string, number>();
  return text.replace(pattern, (m) => {
    if (!seen.has(m)) seen.set(m, seen.size + 1);
    return make(seen.get(m) ?? 0);
  });
}

/** The compiled forms of a DataFrame on both engines, stable across runs (for snapshots). */
export async function compiledForms(
  e: Engines,
  build: (s: SparkSession) => DataFrame,
): Promise<{ sql: string; proto: string }> {
  const engine = e.duckdb.engine as DuckDBEngine;
  const sql = await engine.sql(build(e.duckdb).plan);
  const proto = toJsonString(PlanSchema, rootPlan(build(e.spark).plan), { prettySpaces: 1 });
  return {
    sql: renumber(
      renumber(sql, /\b[qlrv]\d+\b/g, (n) => `a${n}`),
      /__tributary_read_\d+/g,
      (n) => `__read_${n}`,
    ),
    proto: renumber(proto, /"planId": "\d+"/g, (n) => `"planId": "${n}"`),
  };
}
