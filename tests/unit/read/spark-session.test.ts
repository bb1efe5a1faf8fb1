import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkSession } from "../../../src/index.js";
import { fixture, tempDir } from "./helpers.js";

let spark: SparkSession;
const tmp = tempDir();
beforeAll(async () => {
  spark = await SparkSession.builder()
    .master("local[2]")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate();
});
afterAll(async () => {
  await spark.stop();
  tmp.cleanup();
});

describe("reading through SparkSession", () => {
  it("counts what collect returns in DROPMALFORMED, and reports the accounting", async () => {
    const df = spark.read
      .schema("id INT, amount INT, day DATE")
      .options({ header: true, escape: '"', mode: "DROPMALFORMED" })
      .csv(fixture("malformed.csv"));
    expect(await df.count()).toBe(2);
    expect(df.inputMetrics()[0]).toMatchObject({ rowsRead: 7, rowsRejected: 5 });
    expect(await df.collect()).toHaveLength(2);
  });

  it("counts consistently when the bad value sits in a column checked in SQL (int from 12.8)", async () => {
    const f = tmp.file("temps.csv", "city,temp\na,12\nb,12.8\nc,13\n");
    const df = spark.read
      .schema("city STRING, temp INT")
      .options({ header: true, mode: "DROPMALFORMED" })
      .csv(f);
    expect(await df.count()).toBe(2);
    expect(await df.collect()).toEqual([
      { city: "a", temp: 12 },
      { city: "c", temp: 13 },
    ]);
    expect(df.inputMetrics()[0]?.sample[0]).toMatchObject({
      record: "b,12.8",
      reason: 'Could not convert string "12.8" to int (column temp)',
    });
  });

  it("writes every PERMISSIVE record and reports the rejected ones", async () => {
    const df = spark.read
      .schema("id INT, amount INT, day DATE")
      .option("header", true)
      .option("escape", '"')
      .csv(fixture("malformed.csv"));
    const result = await df.write.mode("overwrite").parquet(join(tmp.dir, "out"));
    expect(result.rowsWritten).toBe(7);
    expect(result.readMetrics[0]).toMatchObject({ format: "csv", rowsRead: 7, rowsRejected: 5 });
  });

  it("streams rows and accounts for them", async () => {
    const df = spark.read
      .option("header", true)
      .option("inferSchema", true)
      .option("escape", '"')
      .csv(fixture("people.csv"));
    const seen: unknown[] = [];
    for await (const row of df) seen.push(row);
    expect(seen).toHaveLength(3);
    expect(df.inputMetrics()[0]).toMatchObject({ rowsRead: 3, rowsRejected: 0 });
  });

  it("accounts for each read of a plan that reads two sources, one of them malformed", async () => {
    const clean = tmp.file("clean.csv", "id,amount,day\n100,1,2021-01-01\n");
    const good = spark.read
      .schema("id INT, amount INT, day DATE")
      .option("header", true)
      .csv(clean);
    const bad = spark.read
      .schema("id INT, amount INT, day DATE")
      .options({ header: true, escape: '"' })
      .csv(fixture("malformed.csv"));
    const both = good.union(bad);
    expect(await both.collect()).toHaveLength(8);
    const metrics = both.inputMetrics();
    expect(metrics.map((m) => [m.rowsRead, m.rowsRejected])).toEqual([
      [1, 0],
      [7, 5],
    ]);
  });

  it("reads JSON Lines with an inferred schema", async () => {
    const df = spark.read.json(fixture("events.jsonl"));
    expect(await df.columns).toEqual(["extra", "id", "score", "user"]);
    expect(await df.count()).toBe(3);
    expect(df.inputMetrics()[0]).toMatchObject({ format: "json", rowsRead: 3, rowsRejected: 0 });
  });
});
