/**
 * A file-source stream on the Spark engine: the source lists files and keeps its checkpoint
 * here, each micro-batch runs on Spark, and the Delta sink writes through delta-spark with
 * txnAppId / txnVersion, so a replayed batch is not written twice.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { SparkSession } from "../../src/index.js";

describe("streaming on the Spark engine", () => {
  it("csv files -> Delta through delta-spark, exactly once across a replayed batch", async () => {
    const spark = await SparkSession.builder()
      .remote(inject("sparkConnectUrl"))
      .config("spark.sql.session.timeZone", "UTC")
      .config("spark.sql.shuffle.partitions", "2")
      .create();
    try {
      const dir = mkdtempSync(join(tmpdir(), "trib-spark-stream-"));
      const input = join(dir, "in");
      mkdirSync(input);
      for (let i = 0; i < 2; i++) writeFileSync(join(input, `f${i}.csv`), `id,name\n${i},n${i}\n`);
      const cp = join(dir, "cp");
      const out = join(dir, "out");
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
      const q = await run();
      expect(q.recentProgress.map((p) => p.batchId)).toEqual([0, 1]);
      rmSync(join(cp, "commits", "1")); // as if the process died after the table commit
      await run();
      const commits = readdirSync(join(out, "_delta_log")).filter((n) => n.endsWith(".json"));
      expect(commits).toHaveLength(2);
      const txn = readFileSync(join(out, "_delta_log", "00000000000000000001.json"), "utf8")
        .split("\n")
        .find((l) => l.includes('"txn"'));
      expect(JSON.parse(txn ?? "{}").txn).toMatchObject({ appId: q.id, version: 1 });
      const rows = await spark.read.format("delta").load(out).orderBy("id").collect();
      expect(rows).toEqual([
        { id: 0, name: "n0" },
        { id: 1, name: "n1" },
      ]);
    } finally {
      await spark.stop();
    }
  });
});
