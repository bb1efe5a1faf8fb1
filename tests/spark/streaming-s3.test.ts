/**
 * Structured Streaming on the Spark engine with everything on S3 (moto, hadoop-aws): an
 * `s3://` file source, the Delta sink and Spark's checkpoint on `s3://`, sent as `s3a://`.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SparkSession } from "../../src/index.js";
import { createBucket, motoSettings, putObject } from "../helpers/moto.js";

const endpoint = inject("s3Endpoint");
let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder()
    .remote(inject("sparkConnectUrl"))
    .config({ ...motoSettings(endpoint), "spark.sql.session.timeZone": "UTC" })
    .create();
  await spark.conf.set("spark.databricks.delta.snapshotPartitions", "2");
});
afterAll(async () => {
  await spark.stop();
});

describe("streaming on the Spark engine, on S3", () => {
  it("s3:// csv -> Delta on s3:// with the checkpoint on s3://; a restart takes only new files", async () => {
    const bucket = await createBucket(endpoint);
    await putObject(endpoint, bucket, "raw/a.csv", "id,name\n1,ann\n2,bob\n");
    const run = async () => {
      const q = await spark.readStream
        .format("csv")
        .schema("id INT, name STRING")
        .option("header", true)
        .load(`s3://${bucket}/raw`)
        .writeStream.format("delta")
        .option("checkpointLocation", `s3://${bucket}/checkpoints/people`)
        .trigger({ availableNow: true })
        .start(`s3://${bucket}/lake/people`);
      await q.awaitTermination();
      return q.recentProgress.map((p) => [p.batchId, p.numInputRows]);
    };
    expect(await run()).toEqual([[0, 2]]);
    await putObject(endpoint, bucket, "raw/b.csv", "id,name\n3,cy\n");
    expect(await run()).toEqual([[1, 1]]);
    const rows = await spark.read.format("delta").load(`s3://${bucket}/lake/people`).orderBy("id");
    expect((await rows.collect()).map((r) => r.id)).toEqual([1, 2, 3]);
  });
});
