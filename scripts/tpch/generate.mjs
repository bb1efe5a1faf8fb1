// Writes the eight TPC-H tables at one scale factor as Parquet files with DuckDB's dbgen
// (the tpch extension scripts/tpch/setup.sh installs), deterministic for a scale factor:
//   node scripts/tpch/generate.mjs <scale-factor>  -> .tributary/tpch/sf<scale-factor>/<table>.parquet
// Existing files are kept, so a second run costs nothing.
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";

const TABLES = [
  "nation",
  "region",
  "part",
  "supplier",
  "partsupp",
  "customer",
  "orders",
  "lineitem",
];
const sf = process.argv[2] ?? "0.01";
if (!/^\d+(\.\d+)?$/.test(sf)) {
  console.error(`usage: generate.mjs <scale-factor>, e.g. 0.01 (got ${sf})`);
  process.exit(2);
}
const root = join(import.meta.dirname, "..", "..");
const out = join(root, ".tributary", "tpch", `sf${sf}`);
if (TABLES.every((t) => existsSync(join(out, `${t}.parquet`)))) {
  console.log(`tpch: sf ${sf} already in ${out}`);
  process.exit(0);
}
mkdirSync(out, { recursive: true });
const started = Date.now();
const db = await DuckDBInstance.create(":memory:", {
  extension_directory: join(root, ".tributary", "tpch", "duckdb-extensions"),
});
const connection = await db.connect();
await connection.run("LOAD tpch");
await connection.run(`CALL dbgen(sf = ${sf})`);
for (const table of TABLES) {
  // Written beside, then renamed: an interrupted run leaves no half file behind.
  const file = join(out, `${table}.parquet`);
  await connection.run(`COPY ${table} TO '${file}.tmp' (FORMAT parquet)`);
  renameSync(`${file}.tmp`, file);
}
connection.closeSync();
db.closeSync();
console.log(`tpch: sf ${sf} written to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
