/**
 * A pipeline whose source and sink are on S3 keeps its companion tables there too: the
 * quarantine table and the quality metrics history beside the sink, read back on the next run.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { definePipeline, S3Storage, type SparkSession, suite } from "../../src/index.js";
import { newBucket, s3Session, s3Settings } from "./helpers.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await s3Session({ "spark.sql.session.timeZone": "UTC" });
});
afterAll(async () => {
  await spark.stop();
});

const rules = suite("orders")
  .expectColumnValuesToBeInSet("status", ["paid", "shipped"])
  .expectColumnValuesToBeBetween("amount", { min_value: 0 });

describe("pipelines on S3", () => {
  it("quarantines failing rows beside the sink and keeps the metrics history there", async () => {
    const bucket = await newBucket();
    const raw = `s3://${bucket}/raw/orders.csv`;
    await new S3Storage(s3Settings()).put(
      raw,
      "id,status,amount\n1,paid,10\n2,paid,20\n3,lost,30\n4,paid,-5\n5,shipped,\n6,paid,7\n",
    );
    const pipeline = definePipeline({
      name: "orders_s3",
      source: {
        format: "csv",
        path: raw,
        schema: "id BIGINT, status STRING, amount BIGINT",
        options: { header: true },
      },
      quality: { suite: rules, action: "quarantine", history: {} },
      sink: { path: `s3://${bucket}/lake/orders` },
    });
    const first = await pipeline.run({ spark });
    expect(first.rows).toMatchObject({ in: 6, out: 4, quarantined: 2 });
    const bad = await spark.read
      .format("delta")
      .load(`s3://${bucket}/lake/orders_quarantine`)
      .orderBy("id")
      .collect();
    expect(bad.map((r) => [r.id, r._errors, r._run_id])).toEqual([
      [3n, ["expect_column_values_to_be_in_set(status)"], first.runId],
      [4n, ["expect_column_values_to_be_between(amount)"], first.runId],
    ]);
    const good = await spark.read.format("delta").load(`s3://${bucket}/lake/orders`).orderBy("id");
    expect((await good.collect()).map((r) => r.id)).toEqual([1n, 2n, 5n, 6n]);

    await pipeline.run({ spark });
    const metrics = spark.read.format("delta").load(`s3://${bucket}/lake/_quality_metrics`);
    const runs = await metrics.select("run_id").distinct().count();
    expect(runs).toBe(2);
  });
});
