/**
 * A writer process for the concurrency test on S3: appends `batches` one-row batches to a
 * Delta table, one commit each. The S3 settings come as JSON in TRIBUTARY_TEST_S3_CONF.
 *
 *   tsx tests/storage/s3-writer.ts <table> <writerId> <batches>
 */
import { SparkSession } from "../../src/index.js";

const [table = "", writer = "w", batchesText = "25"] = process.argv.slice(2);
const conf = JSON.parse(process.env.TRIBUTARY_TEST_S3_CONF ?? "{}") as Record<string, string>;
let builder = SparkSession.builder().master("local[1]");
for (const [k, v] of Object.entries(conf)) builder = builder.config(k, v);
const spark = await builder.getOrCreate();
for (let b = 0; b < Number(batchesText); b++) {
  const result = await spark
    .createDataFrame([{ writer, batch: b }], "writer STRING, batch INT")
    .write.format("delta")
    .mode("append")
    .save(table);
  process.stdout.write(`committed ${writer} ${b} v${result.version}\n`);
}
await spark.stop();
