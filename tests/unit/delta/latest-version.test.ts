/**
 * A DataFrame over a Delta table reads the table's latest version at each action, as with
 * delta-spark: analyses are cached per plan node, and a new commit must drop them.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkSession } from "../../../src/index.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder().master("local[1]").getOrCreate();
});
afterAll(async () => {
  await spark.stop();
});

describe("Delta reads see the latest version at each action", () => {
  it("through a DataFrame, a filter over it, and spark.sql over a temp view", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "trib-latest-")), "t");
    await spark.range(3).write.format("delta").save(path);
    const df = spark.read.format("delta").load(path);
    const filtered = df.filter("id >= 0");
    // PySpark 4.0.1 + delta-spark 4.0.1 print 3 3, then 8 8 8 after the append.
    expect([await df.count(), await filtered.count()]).toEqual([3, 3]);
    await spark.range(5).write.format("delta").mode("append").save(path);
    expect([await df.count(), await filtered.count(), (await filtered.collect()).length]).toEqual([
      8, 8, 8,
    ]);
    df.createOrReplaceTempView("latest_t");
    const query = "SELECT count(*) AS n FROM latest_t WHERE id >= 0";
    expect(await spark.sql(query).collect()).toEqual([{ n: 8n }]);
    await spark.range(1).write.format("delta").mode("append").save(path);
    // delta-spark: a new query over the view sees 9.
    expect(await spark.sql(query).collect()).toEqual([{ n: 9n }]);
  });

  it("keeps a version read with versionAsOf", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "trib-latest-")), "t");
    await spark.range(3).write.format("delta").save(path);
    const v0 = spark.read.format("delta").option("versionAsOf", 0).load(path);
    expect(await v0.count()).toBe(3);
    await spark.range(5).write.format("delta").mode("append").save(path);
    expect(await v0.count()).toBe(3);
    expect(await spark.read.format("delta").load(path).count()).toBe(8);
  });
});
