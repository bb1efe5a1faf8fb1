/**
 * Structured Streaming on the Spark engine: `writeStream...start()` hands the query to Spark
 * (WriteStreamOperationStart), the handle follows it through StreamingQueryCommand, the
 * checkpoint and the Delta sink are Spark's and delta-spark's. A `foreachBatch` query, whose
 * function lives in this process, runs as tributary's micro-batches on Spark.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SparkSession, StreamingQueryException } from "../../src/index.js";

let spark: SparkSession;

beforeAll(async () => {
  spark = await SparkSession.builder()
    .remote(inject("sparkConnectUrl"))
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.shuffle.partitions", "2")
    .create();
  // delta-spark's snapshot state has 50 partitions by default: minutes on a busy small machine.
  await spark.conf.set("spark.databricks.delta.snapshotPartitions", "2");
});

afterAll(async () => {
  await spark.stop();
});

function workDir(): { input: string; cp: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "trib-spark-stream-"));
  const input = join(dir, "in");
  mkdirSync(input);
  return { input, cp: join(dir, "cp"), out: join(dir, "out") };
}

const csv = (id: number): string => `id,name\n${id},n${id}\n`;

function deltaVersions(table: string): string[] {
  return readdirSync(join(table, "_delta_log")).filter((n) => /^\d{20}\.json$/.test(n));
}

describe("streaming on the Spark engine", () => {
  it("csv dir -> Delta with availableNow: Spark's checkpoint, restart takes only new files, a replayed batch is written once", async () => {
    const { input, cp, out } = workDir();
    for (let i = 0; i < 2; i++) writeFileSync(join(input, `f${i}.csv`), csv(i));
    const run = async () => {
      const q = await spark.readStream
        .format("csv")
        .schema("id INT, name STRING")
        .option("header", true)
        .option("maxFilesPerTrigger", 1)
        .load(input)
        .writeStream.format("delta")
        .option("checkpointLocation", cp)
        .trigger({ availableNow: true })
        .start(out);
      await q.awaitTermination();
      return q;
    };
    const first = await run();
    expect(first.isActive).toBe(false);
    expect(first.exception()).toBeUndefined();
    expect(first.recentProgress.map((p) => [p.batchId, p.numInputRows])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    const last = first.lastProgress;
    expect(last?.id).toBe(first.id);
    expect(last?.runId).toBe(first.runId);
    expect(last?.sources[0]?.description).toBe(`FileStreamSource[file:${input}]`);
    expect(last?.sources[0]?.startOffset).toEqual({ logOffset: 0 });
    expect(last?.sources[0]?.endOffset).toEqual({ logOffset: 1 });
    expect(last?.sink).toEqual({ description: `DeltaSink[file:${out}]`, numOutputRows: -1 });
    // Spark's own checkpoint layout.
    const metadata = JSON.parse(readFileSync(join(cp, "metadata"), "utf8")) as { id: string };
    expect(metadata.id).toBe(first.id);
    expect(existsSync(join(cp, "sources", "0", "1"))).toBe(true);

    // As if the process died after batch 1's table commit, before its checkpoint commit.
    rmSync(join(cp, "commits", "1"));
    rmSync(join(cp, "commits", ".1.crc"), { force: true });
    writeFileSync(join(input, "f2.csv"), csv(2));
    const second = await run();
    expect(second.id).toBe(first.id);
    expect(second.runId).not.toBe(first.runId);
    expect(second.recentProgress.map((p) => p.batchId)).toEqual([1, 2]);
    expect(deltaVersions(out)).toHaveLength(3);
    const txn = readFileSync(join(out, "_delta_log", "00000000000000000002.json"), "utf8")
      .split("\n")
      .find((l) => l.includes('"txn"'));
    expect(JSON.parse(txn ?? "{}").txn).toMatchObject({ appId: first.id, version: 2 });

    const expected = [
      { id: 0, name: "n0" },
      { id: 1, name: "n1" },
      { id: 2, name: "n2" },
    ];
    expect(await spark.read.format("delta").load(out).orderBy("id").collect()).toEqual(expected);
    const local = await SparkSession.builder().master("local[1]").create();
    try {
      expect(await local.read.format("delta").load(out).orderBy("id").collect()).toEqual(expected);
    } finally {
      await local.stop();
    }
  });

  it("processingTime: status, processAllAvailable, spark.streams, stop", async () => {
    const { input, cp, out } = workDir();
    writeFileSync(join(input, "f0.csv"), csv(0));
    const q = await spark.readStream
      .format("csv")
      .schema("id INT, name STRING")
      .option("header", true)
      .load(input)
      .writeStream.format("parquet")
      .queryName("spark_stream_lifecycle")
      .option("checkpointLocation", cp)
      .trigger({ processingTime: "1 second" })
      .start(out);
    try {
      expect(q.name).toBe("spark_stream_lifecycle");
      await q.processAllAvailable();
      expect(q.isActive).toBe(true);
      expect(q.lastProgress?.name).toBe("spark_stream_lifecycle");
      expect(q.recentProgress.reduce((n, p) => n + p.numInputRows, 0)).toBe(1);
      expect(spark.streams.active).toContain(q);
      expect(await spark.streams.activeOnEngine()).toEqual([q]);
      writeFileSync(join(input, "f1.csv"), csv(1));
      await q.processAllAvailable();
      expect(q.recentProgress.reduce((n, p) => n + p.numInputRows, 0)).toBe(2);
      expect(await q.awaitTermination(100)).toBe(false);
    } finally {
      await q.stop();
    }
    expect(q.isActive).toBe(false);
    expect(q.status).toMatchObject({ isTriggerActive: false });
    expect(await spark.streams.activeOnEngine()).toEqual([]);
    expect(spark.streams.active).not.toContain(q);
    const rows = await spark.read.parquet(out).orderBy("id").collect();
    expect(rows).toEqual([
      { id: 0, name: "n0" },
      { id: 1, name: "n1" },
    ]);
  });

  it("a failed batch ends the query with a StreamingQueryException", async () => {
    const { input, cp, out } = workDir();
    writeFileSync(join(input, "bad.csv"), "id,name\nnot-a-number,x\n");
    const q = await spark.readStream
      .format("csv")
      .schema("id INT, name STRING")
      .option("header", true)
      .option("mode", "FAILFAST")
      .load(input)
      .writeStream.format("delta")
      .option("checkpointLocation", cp)
      .trigger({ availableNow: true })
      .start(out);
    const error = await q.awaitTermination().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamingQueryException);
    expect((error as StreamingQueryException).code).toBe("STREAM_FAILED");
    expect((error as StreamingQueryException).message).toContain("TASK_WRITE_FAILED");
    expect(q.exception()).toBe(error);
    expect(q.isActive).toBe(false);
  });

  it("a Delta table as a source, run by Spark: its commits in order, then only new ones", async () => {
    const { cp, out } = workDir();
    const table = `${out}-source`;
    const people = (ids: number[]) =>
      spark.createDataFrame(
        ids.map((id) => ({ id, name: `n${id}` })),
        "id INT, name STRING",
      );
    await people([1, 2]).write.format("delta").save(table);
    await people([3]).write.format("delta").mode("append").save(table);
    const run = async () => {
      const q = await spark.readStream
        .format("delta")
        .load(table)
        .writeStream.format("parquet")
        .option("checkpointLocation", cp)
        .trigger({ availableNow: true })
        .start(out);
      await q.awaitTermination();
      return q.recentProgress.reduce((n, p) => n + p.numInputRows, 0);
    };
    expect(await run()).toBe(3);
    await people([4]).write.format("delta").mode("append").save(table);
    expect(await run()).toBe(1);
    const ids = (await spark.read.parquet(out).orderBy("id").collect()).map((r) => r.id);
    expect(ids).toEqual([1, 2, 3, 4]);
  });

  it("foreachBatch runs as tributary's micro-batches, each batch a Spark job", async () => {
    const { input, cp } = workDir();
    for (let i = 0; i < 2; i++) writeFileSync(join(input, `f${i}.csv`), csv(i));
    const seen: [number, unknown[]][] = [];
    const q = await spark.readStream
      .format("csv")
      .schema("id INT, name STRING")
      .option("header", true)
      .option("maxFilesPerTrigger", 1)
      .load(input)
      .writeStream.option("checkpointLocation", cp)
      .foreachBatch(async (df, batchId) => {
        seen.push([batchId, await df.collect()]);
      })
      .trigger({ availableNow: true })
      .start();
    await q.awaitTermination();
    expect(seen).toEqual([
      [0, [{ id: 0, name: "n0" }]],
      [1, [{ id: 1, name: "n1" }]],
    ]);
    expect(q.lastProgress?.sink.description).toBe("ForeachBatchSink");
  });
});
