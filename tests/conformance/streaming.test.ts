/**
 * Streaming, the same code on both engines: a csv directory into Delta with availableNow
 * (tributary's micro-batches on the embedded engine; Spark Structured Streaming over Spark
 * Connect on Spark), restarted after new files land; and a pipeline with `stream: true`
 * (its batches go through the pipeline's transform and gates, on either engine). Tables,
 * per-batch progress and the checkpoint layout must match.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { definePipeline, type SparkSession } from "../../src/index.js";
import { type Engines, sortedRows, startEngines, stopEngines } from "./engines.js";

let engines: Engines;
beforeAll(async () => {
  engines = await startEngines();
  // delta-spark's snapshot state has 50 partitions by default: minutes on a busy small machine.
  await engines.spark.conf.set("spark.databricks.delta.snapshotPartitions", "2");
});
afterAll(async () => stopEngines(engines));

function world() {
  const dir = mkdtempSync(join(tmpdir(), "trib-conf-stream-"));
  const raw = join(dir, "raw");
  mkdirSync(raw);
  return {
    dir,
    raw,
    land: (name: string, body: string) =>
      writeFileSync(join(raw, name), `id,status,amount\n${body}`),
  };
}

/**
 * A checkpoint folder's entries, less Hadoop's checksum and temp files (Spark's) and
 * `tributary-query` (the embedded engine's record of the query's source and sink, which
 * Spark ignores): the declared differences between the two checkpoints.
 */
function entries(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => !n.startsWith(".") && n !== "tributary-query")
    .sort();
}

async function ingest(s: SparkSession) {
  const w = world();
  w.land("a.csv", "1,paid,10\n2,paid,20\n");
  w.land("b.csv", "3,lost,30\n");
  const cp = join(w.dir, "cp");
  const table = join(w.dir, "lake");
  const run = async () => {
    const q = await s.readStream
      .format("csv")
      .schema("id BIGINT, status STRING, amount BIGINT")
      .option("header", true)
      .option("maxFilesPerTrigger", 1)
      .load(w.raw)
      .filter("status = 'paid' OR amount > 25")
      .writeStream.format("delta")
      .option("checkpointLocation", cp)
      .trigger({ availableNow: true })
      .start(table);
    await q.awaitTermination();
    return q.recentProgress.map((p) => [p.batchId, p.numInputRows, p.sources[0]?.endOffset]);
  };
  const first = await run();
  w.land("c.csv", "4,paid,40\n");
  const second = await run();
  return {
    first,
    second,
    rows: sortedRows(await s.read.format("delta").load(table).collect()),
    checkpoint: {
      root: entries(cp),
      offsets: entries(join(cp, "offsets")),
      commits: entries(join(cp, "commits")),
      sources: entries(join(cp, "sources", "0")),
    },
  };
}

describe("streaming: DuckDB (embedded) == Spark (Structured Streaming)", () => {
  it("csv -> Delta with availableNow, restarted after a new file: same batches, table and checkpoint", async () => {
    const ours = await ingest(engines.duckdb);
    const theirs = await ingest(engines.spark);
    expect(ours).toEqual(theirs);
    expect(ours.first).toEqual([
      [0, 2, { logOffset: 0 }],
      [1, 1, { logOffset: 1 }],
    ]);
    expect(ours.second).toEqual([[2, 1, { logOffset: 2 }]]);
    expect(ours.checkpoint).toEqual({
      root: ["commits", "metadata", "offsets", "sources"],
      offsets: ["0", "1", "2"],
      commits: ["0", "1", "2"],
      sources: ["0", "1", "2"],
    });
    expect(ours.rows).toHaveLength(4);
  });

  it("a pipeline with stream: true ingests what is new on each run, on both engines", async () => {
    const run = async (s: SparkSession) => {
      const w = world();
      const lake = join(w.dir, "lake", "orders");
      const pipeline = definePipeline({
        name: "orders_stream",
        source: {
          format: "csv",
          path: w.raw,
          schema: "id BIGINT, status STRING, amount BIGINT",
          options: { header: true, maxFilesPerTrigger: 1 },
          stream: true,
        },
        transform: (df) => df.filter("status = 'paid'"),
        sink: { path: lake },
      });
      w.land("a.csv", "1,paid,10\n2,lost,20\n");
      w.land("b.csv", "3,paid,30\n");
      const first = await pipeline.run({ spark: s });
      const idle = await pipeline.run({ spark: s });
      w.land("c.csv", "4,paid,40\n");
      const third = await pipeline.run({ spark: s });
      return {
        runs: [first, idle, third].map((r) => ({
          status: r.status,
          rows: r.rows,
          batches: r.stream?.batches,
          files: r.stream?.files,
        })),
        table: sortedRows(await s.read.format("delta").load(lake).collect()),
      };
    };
    const ours = await run(engines.duckdb);
    const theirs = await run(engines.spark);
    expect(ours).toEqual(theirs);
    expect(ours.runs.map((r) => [r.batches, r.files])).toEqual([
      [2, 2],
      [0, 0],
      [1, 1],
    ]);
    expect(ours.table).toHaveLength(3);
  });
});
