/**
 * Benchmark inputs: the flights CSV (3 million rows, ~106 MB) made from vega-datasets'
 * flights-3m.parquet, and a 10x version (~1 GB). Built once under bench/data/.
 */
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
export const dataDir = join(here, "data");

export function flightsParquet(): string {
  return join(dirname(require.resolve("vega-datasets")), "..", "data", "flights-3m.parquet");
}

/** The flights CSV with `times` copies of the data (1 -> 3M rows, 10 -> 30M rows). */
export async function flightsCsv(times: 1 | 10): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, times === 1 ? "flights-3m.csv" : "flights-30m.csv");
  if (existsSync(path)) return path;
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const src = flightsParquet().replaceAll("'", "''");
  await c.run(
    `COPY (SELECT strftime(date, '%Y-%m-%d %H:%M:%S') AS date, delay, distance, origin, destination
       FROM read_parquet('${src}'), range(${times})) TO '${path.replaceAll("'", "''")}' (HEADER)`,
  );
  c.closeSync();
  db.closeSync();
  return path;
}
