/**
 * A Delta table written by a tributary stream (one STREAMING UPDATE commit per batch, with
 * its txn action) reads identically, at every version, in delta-spark and delta-rs, and
 * delta-spark's history shows each batch as its own sink would have recorded it.
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { functions as F } from "../../src/index.js";
import { normalizeRows, peerBatch, rsRead, type StructType } from "./peers.js";
import { SPARK_TIMEOUT, useInteropSpark } from "./session.js";

const spark = useInteropSpark({ "spark.sql.session.timeZone": "UTC" });

describe("a table written by a tributary stream", () => {
  it(
    "reads identically in delta-spark and delta-rs at every version",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "trib-stream-interop-"));
      const input = join(dir, "in");
      mkdirSync(input);
      for (let i = 0; i < 3; i++) {
        const file = join(input, `f${i}.csv`);
        writeFileSync(
          file,
          `id,day,amount\n${i * 2},2024-05-0${i + 1},${i}.5\n${i * 2 + 1},2024-05-0${i + 1},\n`,
        );
        const t = new Date(Date.UTC(2026, 0, 1, 0, 0, i));
        utimesSync(file, t, t);
      }
      const table = join(dir, "t");
      const query = await spark()
        .readStream.format("csv")
        .schema("id BIGINT, day DATE, amount DOUBLE")
        .option("header", true)
        .option("maxFilesPerTrigger", 1)
        .load(input)
        .withColumn("label", F.concat(F.lit("row-"), F.col("id").cast("string")))
        .writeStream.format("delta")
        .option("checkpointLocation", join(dir, "cp"))
        .partitionBy("day")
        .trigger({ availableNow: true })
        .start(table);
      await query.awaitTermination();

      const df = spark().read.format("delta");
      const schema = (await df.load(table).schema).toJSON() as unknown as StructType;
      const ours = await Promise.all(
        [0, 1, 2].map(async (v) =>
          normalizeRows(await df.option("versionAsOf", v).load(table).collect(), schema),
        ),
      );
      expect(ours.map((rows) => rows.length)).toEqual([2, 4, 6]);
      const results = await peerBatch(
        [
          { cmd: "spark-read", table, version: 0 },
          { cmd: "spark-read", table, version: 1 },
          { cmd: "spark-read", table, version: 2 },
          { cmd: "spark-history", table },
        ] as const,
        { timeoutMs: SPARK_TIMEOUT },
      );
      const [v0, v1, v2, history] = results;
      expect([v0.rows, v1.rows, v2.rows]).toEqual(ours);
      expect((await rsRead(table)).rows).toEqual(ours[2]);
      const commits = [...history.history].sort((a, b) => a.version - b.version);
      expect(commits).toMatchObject(
        [0, 1, 2].map((v) => ({
          version: v,
          operation: "STREAMING UPDATE",
          operationParameters: { outputMode: "Append", queryId: query.id, epochId: String(v) },
        })),
      );
    },
    SPARK_TIMEOUT,
  );
});
