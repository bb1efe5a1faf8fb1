/**
 * One measured streaming run, in its own process (peak RSS is this run's alone): an
 * availableNow query from a directory of flight CSVs into Delta. Prints
 * {seconds, jobSeconds, peakRssMb, rows, batches, lastBatchId} as JSON (`batches` counts the
 * recent progress reports, at most 100).
 *
 *   tsx bench/stream-one.ts <dir> <table> <checkpoint> [maxFilesPerTrigger]
 *
 * `jobSeconds` runs from start() to the end of the query (a started session, as the PySpark
 * peer's job time); `seconds` includes the session's start.
 */
import { SparkSession } from "../src/index.js";

const [dir = "", table = "", checkpoint = "", maxFiles = ""] = process.argv.slice(2);
const started = performance.now();
const spark = await SparkSession.builder()
  .master("local[*]")
  .config("spark.sql.session.timeZone", "UTC")
  .getOrCreate();
let reader = spark.readStream
  .format("csv")
  .schema("date STRING, delay INT, distance INT, origin STRING, destination STRING")
  .option("header", true);
if (maxFiles !== "") reader = reader.option("maxFilesPerTrigger", Number(maxFiles));
const t0 = performance.now();
const query = await reader
  .load(dir)
  .writeStream.format("delta")
  .option("checkpointLocation", checkpoint)
  .trigger({ availableNow: true })
  .start(table);
await query.awaitTermination();
const jobSeconds = (performance.now() - t0) / 1000;
const progress = query.recentProgress.filter((p) => p.numInputRows > 0);
await spark.stop();
console.log(
  JSON.stringify({
    seconds: (performance.now() - started) / 1000,
    jobSeconds,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rows: progress.reduce((n, p) => n + p.numInputRows, 0),
    batches: progress.length,
    lastBatchId: query.lastProgress?.batchId ?? -1,
  }),
);
