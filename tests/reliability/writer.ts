/**
 * A writer process for the reliability tests: appends `batches` batches of `rows` rows to a
 * Delta table, one commit per batch, each row tagged with its writer and batch so a reader
 * can check that every visible batch is complete.
 *
 *   tsx tests/reliability/writer.ts <table> <writerId> <batches> <rows>
 */
import { SparkSession } from "../../src/index.js";

const [table = "", writer = "w", batchesText = "10", rowsText = "100"] = process.argv.slice(2);
const spark = await SparkSession.builder()
  .master("local[1]")
  .config("spark.sql.session.timeZone", "UTC")
  .getOrCreate();
for (let b = 0; b < Number(batchesText); b++) {
  const rows = Array.from({ length: Number(rowsText) }, (_, i) => ({ writer, batch: b, i }));
  const result = await spark
    .createDataFrame(rows, "writer STRING, batch INT, i INT")
    .write.format("delta")
    .mode("append")
    .save(table);
  process.stdout.write(`committed ${writer} ${b} v${result.version}\n`);
}
await spark.stop();
