/**
 * Streaming on S3 (embedded engine): a file source on `s3://bucket/raw/`, the Delta sink
 * and the checkpoint on `s3://`; a restart after a crash between the table commit and the
 * checkpoint commit writes nothing twice; `cleanSource=archive` moves ingested objects.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Storage, type SparkSession } from "../../src/index.js";
import { newBucket, s3Session, s3Settings } from "./helpers.js";

let spark: SparkSession;
let storage: S3Storage;
beforeAll(async () => {
  spark = await s3Session({ "spark.sql.session.timeZone": "UTC" });
  storage = new S3Storage(s3Settings());
});
afterAll(async () => {
  await spark.stop();
});

const csv = (...ids: number[]): string => `id,status\n${ids.map((i) => `${i},paid`).join("\n")}\n`;

async function names(location: string): Promise<string[]> {
  return (await storage.list(location, { recursive: true })).map((e) =>
    e.location.slice(location.length + 1),
  );
}

describe("streaming on S3", () => {
  it("s3:// files -> Delta on s3://, checkpoint on s3://: a restart after a crash is exactly once", async () => {
    const bucket = await newBucket();
    const raw = `s3://${bucket}/raw`;
    const table = `s3://${bucket}/lake/orders`;
    const cp = `s3://${bucket}/checkpoints/orders`;
    await storage.put(`${raw}/a.csv`, csv(1, 2));
    await storage.put(`${raw}/b.csv`, csv(3));
    const run = async () => {
      const q = await spark.readStream
        .format("csv")
        .schema("id BIGINT, status STRING")
        .option("header", true)
        .option("maxFilesPerTrigger", 1)
        .load(`${raw}/`)
        .writeStream.format("delta")
        .option("checkpointLocation", cp)
        .trigger({ availableNow: true })
        .start(table);
      await q.awaitTermination();
      return q.recentProgress.map((p) => [p.batchId, p.numInputRows]);
    };
    expect(await run()).toEqual([
      [0, 2],
      [1, 1],
    ]);
    expect(await names(cp)).toEqual(
      expect.arrayContaining(["metadata", "offsets/0", "offsets/1", "commits/1", "sources/0/1"]),
    );
    // As if the process died after batch 1's table commit, before its checkpoint commit.
    await storage.delete([`${cp}/commits/1`]);
    await storage.put(`${raw}/c.csv`, csv(4));
    // Batch 1 runs again with its logged files; the table already has it (txn), so it adds
    // no rows (Spark reports the replay the same way).
    expect(await run()).toEqual([
      [1, 0],
      [2, 1],
    ]);
    const ids = (await spark.read.format("delta").load(table).orderBy("id").collect()).map(
      (r) => r.id,
    );
    expect(ids).toEqual([1n, 2n, 3n, 4n]);
    const versions = (await names(`${table}/_delta_log`)).filter((n) => n.endsWith(".json"));
    expect(versions).toHaveLength(3);
  });

  it("cleanSource=archive moves each ingested object below sourceArchiveDir, keeping its path", async () => {
    const bucket = await newBucket();
    const raw = `s3://${bucket}/raw`;
    await storage.put(`${raw}/a.csv`, csv(1));
    await storage.put(`${raw}/b.csv`, csv(2));
    const q = await spark.readStream
      .format("csv")
      .schema("id BIGINT, status STRING")
      .option("header", true)
      .option("cleanSource", "archive")
      .option("sourceArchiveDir", `s3://${bucket}/archive`)
      .load(raw)
      .writeStream.format("delta")
      .option("checkpointLocation", `s3://${bucket}/cp`)
      .trigger({ availableNow: true })
      .start(`s3://${bucket}/lake/t`);
    await q.awaitTermination();
    expect(await names(raw)).toEqual([]);
    expect(await names(`s3://${bucket}/archive`)).toEqual(["raw/a.csv", "raw/b.csv"]);
    expect(await spark.read.format("delta").load(`s3://${bucket}/lake/t`).count()).toBe(2);
  });
});
