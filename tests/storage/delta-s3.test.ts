/**
 * Delta tables on S3 from the embedded engine, end to end against the loopback server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeltaTable, functions as F, S3Storage, type SparkSession } from "../../src/index.js";
import { newBucket, s3Session, s3Settings, sorted } from "./helpers.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await s3Session({ "spark.databricks.delta.retentionDurationCheck.enabled": "false" });
});
afterAll(async () => {
  await spark.stop();
});

describe("Delta tables on S3 (DuckDB engine)", () => {
  it("writes a partitioned table, appends, reads back and time travels", async () => {
    const bucket = await newBucket();
    const table = `s3://${bucket}/lake/events`;
    const first = spark.createDataFrame(
      [
        { id: 1, day: "2024-01-01", amount: 10.5 },
        { id: 2, day: "2024-01-02", amount: 20.0 },
      ],
      "id INT, day STRING, amount DOUBLE",
    );
    await first.write.format("delta").partitionBy("day").save(table);
    const second = spark.createDataFrame(
      [{ id: 3, day: "2024-01-01", amount: 1.25 }],
      "id INT, day STRING, amount DOUBLE",
    );
    await second.write.format("delta").mode("append").save(table);

    const now = await spark.read.format("delta").load(table).orderBy("id").collect();
    expect(now).toEqual([
      { id: 1, day: "2024-01-01", amount: 10.5 },
      { id: 2, day: "2024-01-02", amount: 20.0 },
      { id: 3, day: "2024-01-01", amount: 1.25 },
    ]);
    const v0 = await spark.read.format("delta").option("versionAsOf", 0).load(table).count();
    expect(v0).toBe(2);
    const filtered = await spark.read
      .format("delta")
      .load(table)
      .filter(F.col("day").eqNullSafe("2024-01-01"))
      .count();
    expect(filtered).toBe(2);
    await expect(first.write.format("delta").save(table)).rejects.toMatchObject({
      code: "DELTA_PATH_EXISTS",
    });
    expect(await DeltaTable.isDeltaTable(spark, table)).toBe(true);
    expect(await DeltaTable.isDeltaTable(spark, `s3://${bucket}/lake/none`)).toBe(false);
    const history = await (await DeltaTable.forPath(spark, table)).history();
    expect(sorted(await history.select("version").collect())).toEqual([
      { version: 0n },
      { version: 1n },
    ]);
  });

  it("deletes, updates, merges, optimizes and vacuums an S3 table", async () => {
    const bucket = await newBucket();
    const table = `s3a://${bucket}/t`;
    const rows = [1, 2, 3, 4, 5, 6].map((id) => ({
      id,
      part: id % 2 === 0 ? "even" : "odd",
      v: id * 10,
    }));
    for (const r of rows)
      await spark
        .createDataFrame([r], "id INT, part STRING, v INT")
        .write.format("delta")
        .mode("append")
        .partitionBy("part")
        .save(table);
    const dt = await DeltaTable.forPath(spark, table);
    await dt.delete("id = 1");
    await dt.update("id = 2", { v: "v + 1" });
    const source = spark.createDataFrame(
      [
        { id: 3, part: "odd", v: 300 },
        { id: 7, part: "odd", v: 70 },
      ],
      "id INT, part STRING, v INT",
    );
    await dt
      .alias("t")
      .merge(source.alias("s"), "t.id = s.id")
      .whenMatchedUpdateAll()
      .whenNotMatchedInsertAll()
      .execute();
    const expected = [
      { id: 2, part: "even", v: 21 },
      { id: 3, part: "odd", v: 300 },
      { id: 4, part: "even", v: 40 },
      { id: 5, part: "odd", v: 50 },
      { id: 6, part: "even", v: 60 },
      { id: 7, part: "odd", v: 70 },
    ];
    const read = async () => spark.read.format("delta").load(table).orderBy("id").collect();
    expect(await read()).toEqual(expected);

    const optimized = await (await dt.optimize().executeCompaction()).collect();
    expect(optimized).toHaveLength(1);
    expect(await read()).toEqual(expected);
    const [detail] = await (await dt.detail()).select("numFiles", "location").collect();
    expect(detail).toEqual({ numFiles: 2n, location: table }); // one file per partition
    const live = 2;

    const s3 = new S3Storage(s3Settings());
    const dataFiles = async () =>
      (await s3.list(table, { recursive: true })).filter(
        (e) => e.name.endsWith(".parquet") && !e.location.includes("/_delta_log/"),
      ).length;
    expect(await dataFiles()).toBeGreaterThan(live);
    await dt.vacuum(0);
    expect(await dataFiles()).toBe(live);
    expect(await read()).toEqual(expected);
  });
});
