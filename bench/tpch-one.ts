/**
 * One measured pass of the 22 TPC-H queries, in its own process. Prints a JSON line
 * {seconds: [q1..q22], rows: [q1..q22], peakRssMb} for the timed pass.
 *
 *   tsx bench/tpch-one.ts tributary|duckdb <data dir>
 *
 * Both sides read the same Parquet files with the same thread count (2, the local[2] of
 * the session) and materialize every row as JS values; each runs one untimed pass first, so
 * both are timed with the files' metadata and pages warm.
 */
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { quoteIdent, quoteString } from "../src/engine/duckdb/sql-quote.js";
import { SparkSession } from "../src/index.js";
import { TPCH_TABLES, tpchQuery } from "../tests/tpch/data.js";

const [kind, dir = ""] = process.argv.slice(2);
const queries = Array.from({ length: 22 }, (_, i) => tpchQuery(i + 1));

async function pass(run: (sql: string) => Promise<number>) {
  const seconds: number[] = [];
  const rows: number[] = [];
  for (const sql of queries) {
    const t0 = performance.now();
    rows.push(await run(sql));
    seconds.push((performance.now() - t0) / 1000);
  }
  return { seconds, rows };
}

let run: (sql: string) => Promise<number>;
let close: () => Promise<void>;
if (kind === "tributary") {
  const spark = await SparkSession.builder()
    .master("local[2]")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate();
  for (const t of TPCH_TABLES)
    spark.read.parquet(join(dir, `${t}.parquet`)).createOrReplaceTempView(t);
  run = async (sql) => (await spark.sql(sql).collect()).length;
  close = () => spark.stop();
} else if (kind === "duckdb") {
  const db = await DuckDBInstance.create(":memory:", { threads: "2" });
  const connection = await db.connect();
  for (const t of TPCH_TABLES) {
    await connection.run(
      `CREATE VIEW ${quoteIdent(t)} AS SELECT * FROM read_parquet(${quoteString(join(dir, `${t}.parquet`))})`,
    );
  }
  run = async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS().length;
  close = async () => {
    connection.closeSync();
    db.closeSync();
  };
} else {
  console.error("usage: tpch-one.ts tributary|duckdb <data dir>");
  process.exit(2);
}
await pass(run);
const timed = await pass(run);
await close();
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ ...timed, peakRssMb }));
