/**
 * Picks and starts the engine a master asks for: `local[...]` runs on the embedded DuckDB
 * engine with N threads and `spark.driver.memory` as its memory limit; `sc://...` (from
 * `.master`, `.remote`, `SPARK_REMOTE` or `spark.remote`) runs on Spark through Spark Connect.
 * Engines are imported when chosen, so a Spark session never loads DuckDB's native module
 * (and an embedded one never loads the gRPC transport).
 */
import { type Master, parseBoolean, parseByteSize } from "../config/index.js";
import type { Engine } from "../engine/engine.js";
import { UnsupportedOperationError } from "../errors.js";

export function sessionTimeZone(values: ReadonlyMap<string, string>): string {
  return (
    values.get("spark.sql.session.timeZone") ??
    process.env.TZ ??
    Intl.DateTimeFormat().resolvedOptions().timeZone
  );
}

/**
 * The share of `spark.driver.memory` DuckDB's memory limit gets. The process needs the rest:
 * the JavaScript heap, and allocations DuckDB does not count against its limit (the Parquet
 * writer's buffers, allocator slack). With the whole setting as the limit, a global sort of
 * the 1 GB flights CSV under 512m peaked at 858 MB of RSS.
 */
export const ENGINE_SHARE = 0.75;

export async function startEngine(
  master: Master,
  values: ReadonlyMap<string, string>,
): Promise<Engine> {
  if (master.kind === "local") {
    const memory = values.get("spark.driver.memory");
    const bytes = memory === undefined ? undefined : parseByteSize("spark.driver.memory", memory);
    const { DuckDBEngine } = await import("../engine/duckdb/engine.js");
    return DuckDBEngine.start({
      threads: master.threads,
      memoryLimit:
        bytes === undefined
          ? undefined
          : `${Math.max(1, Math.floor((bytes * ENGINE_SHARE) / 1048576))}MiB`,
      timeZone: sessionTimeZone(values),
      tempDirectory: values.get("spark.local.dir"),
      ansi: parseBoolean("spark.sql.ansi.enabled", values.get("spark.sql.ansi.enabled") ?? "false"),
      conf: Object.fromEntries(values),
    });
  }
  if (master.kind === "remote") {
    const { SparkConnectEngine } = await import("../engine/spark-connect/engine.js");
    return SparkConnectEngine.start(master.url, values);
  }
  throw new UnsupportedOperationError(
    "tributary",
    `master ${master.url}`,
    `Master '${master.url}' is a cluster manager: tributary drives clusters through a Spark Connect server started on them, not directly.`,
    {
      hint: "Start a Spark Connect server on the cluster and set spark.remote (sc://host:15002), or use local[*].",
    },
  );
}
