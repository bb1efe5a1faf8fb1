/**
 * A streaming ingestion process for the exactly-once test: reads the CSV files of `<input>`
 * one per batch (maxFilesPerTrigger=1) into the Delta table `<out>`, with its checkpoint at
 * `<cp>`, as an availableNow run; prints `batch <id>` as each batch completes, so the test
 * can kill it at chosen points.
 *
 *   tsx tests/reliability/stream-ingest.ts <input> <cp> <out>
 */
import { SparkSession } from "../../src/index.js";

const [input = "", cp = "", out = ""] = process.argv.slice(2);
const spark = await SparkSession.builder()
  .master("local[1]")
  .config("spark.sql.session.timeZone", "UTC")
  .getOrCreate();
const query = await spark.readStream
  .format("csv")
  .schema("file INT, id INT")
  .option("header", true)
  .option("maxFilesPerTrigger", 1)
  .load(input)
  .writeStream.format("delta")
  .option("checkpointLocation", cp)
  .trigger({ availableNow: true })
  .start(out);
let reported = 0;
const timer = setInterval(() => {
  for (const p of query.recentProgress.slice(reported))
    process.stdout.write(`batch ${p.batchId}\n`);
  reported = query.recentProgress.length;
}, 2);
await query.awaitTermination();
clearInterval(timer);
process.stdout.write("done\n");
await spark.stop();
