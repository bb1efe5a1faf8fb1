/**
 * The TPC-H inputs shared by the proof (suite.ts) and the benchmark (bench/tpch.ts): the
 * query texts and the Parquet tables DuckDB's dbgen writes (scripts/tpch/setup.sh).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
export const TPCH_TABLES = [
  "nation",
  "region",
  "part",
  "supplier",
  "partsupp",
  "customer",
  "orders",
  "lineitem",
] as const;

/** The text of query `n` (1..22). */
export function tpchQuery(n: number): string {
  return readFileSync(join(ROOT, "tests", "tpch", "queries", `q${n}.sql`), "utf8");
}

/** The directory of the Parquet tables at `sf`, generated first when missing. */
export function tpchData(sf: string): string {
  const dir = join(ROOT, ".tributary", "tpch", `sf${sf}`);
  if (!TPCH_TABLES.every((t) => existsSync(join(dir, `${t}.parquet`)))) {
    execFileSync("bash", [join(ROOT, "scripts", "tpch", "setup.sh"), sf], { stdio: "inherit" });
  }
  return dir;
}
