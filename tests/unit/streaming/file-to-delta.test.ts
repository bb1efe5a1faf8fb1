import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type AnalysisError, functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

function workspace(): { dir: string; input: string; cp: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), "trib-stream-"));
  const input = join(dir, "in");
  mkdirSync(input);
  return { dir, input, cp: join(dir, "cp"), out: join(dir, "out") };
}

/** Writes f<i>.csv with rows 2i and 2i+1, its modification time i seconds after a base. */
function landCsv(input: string, i: number): void {
  const file = join(input, `f${i}.csv`);
  writeFileSync(file, `id,name\n${i * 2},a${i}\n${i * 2 + 1},b${i}\n`);
  const t = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
  utimesSync(file, t, t);
}

const lines = (file: string): string[] => readFileSync(file, "utf8").split("\n");

describe("readStream csv -> writeStream delta", () => {
  it("availableNow with maxFilesPerTrigger=1: one batch and one commit per file, txn per batch", async () => {
    const w = workspace();
    for (let i = 0; i < 3; i++) landCsv(w.input, i);
    const df = spark()
      .readStream.format("csv")
      .schema("id INT, name STRING")
      .option("header", true)
      .option("maxFilesPerTrigger", 1)
      .load(w.input);
    expect(df.isStreaming).toBe(true);
    const q = await df.writeStream
      .format("delta")
      .option("checkpointLocation", w.cp)
      .trigger({ availableNow: true })
      .start(w.out);
    await q.awaitTermination();
    expect(q.isActive).toBe(false);
    expect(q.status).toEqual({
      message: "Stopped",
      isDataAvailable: false,
      isTriggerActive: false,
    });
    expect(q.recentProgress.map((p) => p.batchId)).toEqual([0, 1, 2]);
    // Backlog after each batch (delta-spark's metric names), for alerts on a stuck stream.
    expect(q.recentProgress[0]?.sources[0]?.metrics).toMatchObject({
      numFilesOutstanding: "2",
      numInputFiles: "1",
      oldestOutstandingFileTimestampMs: String(Date.UTC(2026, 0, 1, 0, 0, 1)),
    });
    expect(q.recentProgress[2]?.sources[0]?.metrics).toEqual({
      numFilesOutstanding: "0",
      numBytesOutstanding: "0",
      numInputFiles: "1",
    });
    const rows = await spark().read.format("delta").load(w.out).orderBy("id").collect();
    expect(rows.map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5]);

    // The checkpoint, as PySpark 4.0.1 writes it for the same stream.
    expect(JSON.parse(readFileSync(join(w.cp, "metadata"), "utf8"))).toEqual({ id: q.id });
    expect(lines(join(w.cp, "offsets", "2"))[0]).toBe("v1");
    expect(lines(join(w.cp, "offsets", "2"))[2]).toBe('{"logOffset":2}');
    expect(readFileSync(join(w.cp, "commits", "1"), "utf8")).toBe('v1\n{"nextBatchWatermarkMs":0}');
    const entry = JSON.parse(lines(join(w.cp, "sources", "0", "0"))[1] ?? "");
    expect(entry).toEqual({
      path: `file://${join(w.input, "f0.csv")}`,
      timestamp: Date.UTC(2026, 0, 1, 0, 0, 0),
      batchId: 0,
    });
    // delta-spark's DeltaSink commit: STREAMING UPDATE with a txn (appId = query id).
    const commit = lines(join(w.out, "_delta_log", "00000000000000000001.json")).map((l) =>
      l === "" ? {} : JSON.parse(l),
    );
    const info = commit.find((a) => "commitInfo" in a)?.commitInfo;
    expect(info.operation).toBe("STREAMING UPDATE");
    expect(info.operationParameters).toEqual({ outputMode: "Append", queryId: q.id, epochId: "1" });
    expect(commit.find((a) => "txn" in a)?.txn).toMatchObject({ appId: q.id, version: 1 });

    const last = q.lastProgress;
    expect(last).toMatchObject({
      id: q.id,
      runId: q.runId,
      name: null,
      batchId: 2,
      numInputRows: 2,
      stateOperators: [],
      sources: [
        {
          description: `FileStreamSource[file:${w.input}]`,
          startOffset: { logOffset: 1 },
          endOffset: { logOffset: 2 },
          latestOffset: null,
          numInputRows: 2,
        },
      ],
      sink: { description: `DeltaSink[${w.out}]`, numOutputRows: -1 },
    });
    expect(Object.keys(last?.durationMs ?? {})).toEqual([
      "addBatch",
      "commitOffsets",
      "getBatch",
      "latestOffset",
      "queryPlanning",
      "triggerExecution",
      "walCommit",
    ]);
  });

  it("a second run finds only new files; a run that finds nothing reports one empty progress", async () => {
    const w = workspace();
    landCsv(w.input, 0);
    const start = () =>
      spark()
        .readStream.schema("id INT, name STRING")
        .option("header", true)
        .csv(w.input)
        .withColumn("doubled", F.col("id").multiply(2))
        .writeStream.option("checkpointLocation", w.cp)
        .trigger({ availableNow: true })
        .start(w.out);
    const q1 = await start();
    await q1.awaitTermination();
    landCsv(w.input, 1);
    const q2 = await start();
    await q2.awaitTermination();
    expect(q2.id).toBe(q1.id);
    expect(q2.runId).not.toBe(q1.runId);
    expect(q2.recentProgress.map((p) => [p.batchId, p.numInputRows])).toEqual([[1, 2]]);
    const q3 = await start();
    await q3.awaitTermination();
    expect(q3.recentProgress).toHaveLength(1);
    expect(q3.lastProgress).toMatchObject({ batchId: 2, numInputRows: 0 });
    expect(Object.keys(q3.lastProgress?.durationMs ?? {})).toEqual([
      "latestOffset",
      "triggerExecution",
    ]);
    const rows = await spark().read.format("delta").load(w.out).orderBy("id").collect();
    expect(rows).toEqual([
      { id: 0, name: "a0", doubled: 0 },
      { id: 1, name: "b0", doubled: 2 },
      { id: 2, name: "a1", doubled: 4 },
      { id: 3, name: "b1", doubled: 6 },
    ]);
  });

  it("batch actions on a streaming DataFrame raise Spark's errors", async () => {
    const w = workspace();
    const df = spark().readStream.schema("id INT").csv(w.input);
    await expect(df.count()).rejects.toMatchObject({
      code: "QUERIES_WITH_STREAMING_SOURCES",
      message: `Queries with streaming sources must be executed with writeStream.start();\nFileSource[${w.input}]`,
    } satisfies Partial<AnalysisError>);
    await expect(df.select("id").collect()).rejects.toMatchObject({
      code: "QUERIES_WITH_STREAMING_SOURCES",
    });
    expect(() => df.write).toThrow(
      "[CALL_ON_STREAMING_DATASET_UNSUPPORTED] The method `write` can not be called on streaming Dataset/DataFrame. SQLSTATE: 42KDE",
    );
    expect(await df.columns).toEqual(["id"]);
    expect(() => spark().readStream.format("csv").load(w.input)).toThrow(
      "Schema must be specified when creating a streaming source DataFrame.",
    );
    await expect(df.writeStream.format("delta").start(w.out)).rejects.toThrow(
      'checkpointLocation must be specified either through option("checkpointLocation", ...)',
    );
  });

  it("spark.sql.streaming.schemaInference=true: the schema is inferred as the batch reader would", async () => {
    const w = workspace();
    landCsv(w.input, 0);
    expect(() => spark().readStream.option("header", true).csv(w.input)).toThrow(
      "Schema must be specified",
    );
    spark().conf.set("spark.sql.streaming.schemaInference", "true");
    try {
      const df = spark().readStream.option("header", true).csv(w.input);
      const q = await df.writeStream
        .option("checkpointLocation", w.cp)
        .trigger({ availableNow: true })
        .start(w.out);
      await q.awaitTermination();
      expect(await spark().read.format("delta").load(w.out).orderBy("id").collect()).toEqual([
        { id: "0", name: "a0" },
        { id: "1", name: "b0" },
      ]);
    } finally {
      spark().conf.unset("spark.sql.streaming.schemaInference");
    }
  });
});
