/**
 * A checkpoint PySpark 4.0.1 wrote (the files below are verbatim, with only the input
 * directory's path put in) is resumed: same query id, the next batch id, and only files
 * not in its source log.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();
const QUERY_ID = "572d80f1-23a1-41ae-b710-801c22b7c107";
const CONF =
  '{"spark.sql.streaming.stateStore.providerClass":"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider","spark.sql.streaming.stateStore.rocksdb.formatVersion":"5","spark.sql.streaming.stateStore.encodingFormat":"unsaferow","spark.sql.streaming.statefulOperator.useStrictDistribution":"true","spark.sql.streaming.flatMapGroupsWithState.stateFormatVersion":"2","spark.sql.streaming.multipleWatermarkPolicy":"min","spark.sql.streaming.aggregation.stateFormatVersion":"2","spark.sql.shuffle.partitions":"200","spark.sql.streaming.join.stateFormatVersion":"2","spark.sql.streaming.stateStore.compression.codec":"lz4","spark.sql.optimizer.pruneFiltersCanPruneStreamingSubplan":"false"}';
const SPARK_TS = [1796652814809, 1796652820768, 1796652830590];
// PySpark took f1 before f0: the files had equal modification times.
const SPARK_ORDER = ["f1.csv", "f0.csv", "f2.csv"];

function sparkCheckpoint(cp: string, input: string): void {
  const put = (rel: string, text: string) => {
    mkdirSync(join(cp, rel, ".."), { recursive: true });
    writeFileSync(join(cp, rel), text);
  };
  put("metadata", `{"id":"${QUERY_ID}"}`);
  for (let b = 0; b < 3; b++) {
    put(
      `offsets/${b}`,
      `v1\n{"batchWatermarkMs":0,"batchTimestampMs":${SPARK_TS[b]},"conf":${CONF}}\n{"logOffset":${b}}`,
    );
    put(`commits/${b}`, 'v1\n{"nextBatchWatermarkMs":0}');
    put(
      `sources/0/${b}`,
      `v1\n{"path":"file://${join(input, SPARK_ORDER[b] ?? "")}","timestamp":1796652812288,"batchId":${b}}`,
    );
  }
}

describe("a checkpoint written by PySpark 4.0.1", () => {
  it("resumes with the same query id at the next batch, taking only new files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trib-sparkcp-"));
    const input = join(dir, "in");
    mkdirSync(input);
    for (let i = 0; i < 4; i++)
      writeFileSync(join(input, `f${i}.csv`), `id,name\n${i * 2},a${i}\n`);
    const cp = join(dir, "cp");
    sparkCheckpoint(cp, input);
    const seen: [number, unknown[]][] = [];
    const q = await spark()
      .readStream.format("csv")
      .schema("id INT, name STRING")
      .option("header", true)
      .option("maxFilesPerTrigger", 1)
      .load(input)
      .writeStream.foreachBatch(async (df, id) => {
        seen.push([id, (await df.collect()).map((r) => r.id)]);
      })
      .option("checkpointLocation", cp)
      .trigger({ availableNow: true })
      .start();
    await q.awaitTermination();
    expect(q.id).toBe(QUERY_ID);
    expect(seen).toEqual([[3, [6]]]);
    expect(q.lastProgress?.sources[0]).toMatchObject({
      startOffset: { logOffset: 2 },
      endOffset: { logOffset: 3 },
    });
    expect(readFileSync(join(cp, "offsets", "3"), "utf8").split("\n")[2]).toBe('{"logOffset":3}');
  });
});
