/** StreamingQuery: triggers, processAllAvailable, stop, spark.streams, failures, refusals. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functions as F, StreamingQueryException } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

function setup(): { input: string; cp: string; out: string; land: (i: number) => void } {
  const dir = mkdtempSync(join(tmpdir(), "trib-sq-"));
  const input = join(dir, "in");
  mkdirSync(input);
  return {
    input,
    cp: join(dir, "cp"),
    out: join(dir, "out"),
    land: (i) => writeFileSync(join(input, `f${i}.json`), `{"id":${i}}\n`),
  };
}

const source = (input: string) => spark().readStream.format("json").schema("id BIGINT").load(input);

describe("StreamingQuery", () => {
  it("a processingTime query picks up files as they land until stop(); streams.active lists it", async () => {
    const w = setup();
    w.land(0);
    const events: string[] = [];
    const listener = {
      onQueryStarted: (e: { name: string | null }) => events.push(`started ${e.name}`),
      onQueryProgress: (e: { progress: { batchId: number } }) =>
        events.push(`batch ${e.progress.batchId}`),
      onQueryTerminated: (e: { exception: string | null }) =>
        events.push(`terminated ${e.exception}`),
    };
    spark().streams.addListener(listener);
    const q = await source(w.input)
      .writeStream.format("delta")
      .option("checkpointLocation", w.cp)
      .queryName("landing")
      .trigger({ processingTime: "50 milliseconds" })
      .start(w.out);
    expect(spark().streams.active).toContain(q);
    expect(spark().streams.get(q.id)).toBe(q);
    await q.processAllAvailable();
    w.land(1);
    w.land(2);
    await q.processAllAvailable();
    expect(q.isActive).toBe(true);
    expect(q.name).toBe("landing");
    expect(q.lastProgress?.name).toBe("landing");
    await q.stop();
    expect(q.isActive).toBe(false);
    expect(spark().streams.active).not.toContain(q);
    expect(await q.awaitTermination(10)).toBe(true);
    spark().streams.removeListener(listener);
    expect(events.filter((e) => !e.startsWith("batch 2"))).toEqual([
      "started landing",
      "batch 0",
      "batch 1",
      "terminated null",
    ]);
    const ids = (await spark().read.format("delta").load(w.out).orderBy("id").collect()).map(
      (r) => r.id,
    );
    expect(ids).toEqual([0n, 1n, 2n]);
  });

  it("once takes everything in one batch, ignoring maxFilesPerTrigger (as Spark's Trigger.Once)", async () => {
    const w = setup();
    for (let i = 0; i < 3; i++) w.land(i);
    const q = await spark()
      .readStream.format("json")
      .schema("id BIGINT")
      .option("maxFilesPerTrigger", 1)
      .load(w.input)
      .writeStream.option("checkpointLocation", w.cp)
      .trigger({ once: true })
      .start(w.out);
    await q.awaitTermination();
    expect(q.recentProgress.map((p) => [p.batchId, p.numInputRows])).toEqual([[0, 3]]);
  });

  it("a failing batch ends the query with STREAM_FAILED; restarting resumes at that batch", async () => {
    const w = setup();
    w.land(0);
    let fail = true;
    const start = () =>
      source(w.input)
        .writeStream.foreachBatch(async (df, id) => {
          if (fail) throw new Error(`boom in ${id}`);
          await df.write.format("delta").mode("append").save(w.out);
        })
        .option("checkpointLocation", w.cp)
        .trigger({ availableNow: true })
        .start();
    const q = await start();
    const err = await q.awaitTermination().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamingQueryException);
    expect((err as StreamingQueryException).message).toBe(
      `[STREAM_FAILED] Query [id = ${q.id}, runId = ${q.runId}] terminated with exception: boom in 0`,
    );
    expect(q.exception()).toBe(err);
    fail = false;
    const again = await start();
    await again.awaitTermination();
    expect(again.recentProgress.map((p) => p.batchId)).toEqual([0]);
    expect(await spark().read.format("delta").load(w.out).count()).toBe(1);
  });

  it("refuses a checkpoint of another query and stateful operators; a restart stops the active run", async () => {
    const w = setup();
    w.land(0);
    const run = () =>
      source(w.input)
        .writeStream.option("checkpointLocation", w.cp)
        .trigger({ processingTime: "1 minute" })
        .start(w.out);
    const q = await run();
    // As Spark (spark.sql.streaming.stopActiveRunOnRestart=true): the old run is stopped.
    const q2 = await run();
    expect(q.isActive).toBe(false);
    expect(q2.id).toBe(q.id);
    expect(spark().streams.active).toEqual([q2]);
    spark().conf.set("spark.sql.streaming.stopActiveRunOnRestart", "false");
    try {
      await expect(run()).rejects.toThrow(
        `Cannot start query with id ${q.id} as another query with same id is already active.`,
      );
    } finally {
      spark().conf.unset("spark.sql.streaming.stopActiveRunOnRestart");
    }
    await q2.stop();
    await expect(
      source(w.input).writeStream.option("checkpointLocation", w.cp).start(`${w.out}-other`),
    ).rejects.toMatchObject({ code: "STREAMING_CHECKPOINT_MISMATCH" });
    mkdirSync(`${w.input}-other`);
    await expect(
      source(`${w.input}-other`).writeStream.option("checkpointLocation", w.cp).start(w.out),
    ).rejects.toThrow(/belongs to another query: its source is FileStreamSource\[file:/);
    await expect(
      source(w.input)
        .groupBy("id")
        .agg(F.count("*"))
        .writeStream.option("checkpointLocation", `${w.cp}2`)
        .start(w.out),
    ).rejects.toThrow("Invalid streaming output mode: append.");
    await expect(
      source(w.input)
        .orderBy("id")
        .writeStream.option("checkpointLocation", `${w.cp}3`)
        .start(w.out),
    ).rejects.toThrow("Sorting is not supported on streaming DataFrames/Datasets");
    await expect(
      source(w.input)
        .writeStream.outputMode("update")
        .option("checkpointLocation", `${w.cp}4`)
        .start(w.out),
    ).rejects.toThrow(
      "[DELTA_UNSUPPORTED_OUTPUT_MODE] Data source delta does not support Update output mode",
    );
    expect(() => spark().range(1).writeStream).toThrow(
      "`writeStream` can be called only on streaming Dataset/DataFrame",
    );
  });
});
