/** One ingest run (child process of bench/run.ts): prints {seconds, peakRssMb, rows} as JSON. */
import { DuckDBInstance } from "@duckdb/node-api";
import { functions as F, SparkSession } from "../src/index.js";

const [kind, csv = "", out = ""] = process.argv.slice(2);
const started = performance.now();
let rows = 0;
if (kind === "tributary") {
  const spark = await SparkSession.builder()
    .master("local[*]")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate();
  const result = await spark.read
    .option("header", true)
    .option("inferSchema", true)
    .csv(csv)
    .withColumn("day", F.to_date(F.col("date")))
    .write.partitionBy("day")
    .parquet(out);
  rows = result.rowsWritten;
  await spark.stop();
} else {
  const db = await DuckDBInstance.create(":memory:", { TimeZone: "UTC" });
  const c = await db.connect();
  const reader = await c.runAndReadAll(
    `COPY (SELECT *, CAST(date AS DATE) AS day FROM read_csv('${csv.replaceAll("'", "''")}', header = true))
       TO '${out.replaceAll("'", "''")}' (FORMAT parquet, PARTITION_BY (day))`,
  );
  rows = Number(reader.getRows()[0]?.[0] ?? 0);
  c.closeSync();
  db.closeSync();
}
const seconds = (performance.now() - started) / 1000;
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ seconds, peakRssMb, rows }));
