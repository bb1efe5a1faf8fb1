/**
 * Readers, writers and Delta on both engines: the same files read the same on DuckDB and
 * Spark; what one engine writes the other reads; Delta tables written natively by tributary
 * are read (with time travel) by delta-spark through the Spark engine, and the reverse.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal, functions as F, type SparkSession } from "../../src/index.js";
import { type Engines, sortedRows, startEngines, stopEngines } from "./engines.js";

let engines: Engines;
beforeAll(async () => {
  engines = await startEngines();
});
afterAll(async () => stopEngines(engines));

const dir = (): string => mkdtempSync(join(tmpdir(), "trib-conf-io-"));

const sample = (s: SparkSession) =>
  s.createDataFrame(
    [
      {
        id: 1n,
        name: "ann",
        day: "2024-01-01",
        amount: Decimal.parse("10.50"),
        ts: new Date("2024-01-01T10:00:00.123Z"),
        ok: true,
      },
      { id: 2n, name: "bob, jr", day: "2024-01-02", amount: null, ts: null, ok: false },
      {
        id: 3n,
        name: null,
        day: "2024-01-02",
        amount: Decimal.parse("-1.25"),
        ts: new Date("2024-01-02T00:00:00Z"),
        ok: null,
      },
    ],
    "id BIGINT, name STRING, day DATE, amount DECIMAL(10,2), ts TIMESTAMP, ok BOOLEAN",
  );

describe("readers: DuckDB == Spark", () => {
  it("CSV with header, inferSchema, a quoted separator and nulls", async () => {
    const path = join(dir(), "in.csv");
    writeFileSync(
      path,
      'id,name,amount,day\n1,"a, b",1.5,2024-01-01\n2,,,2024-01-02\n3,c,-2,2024-01-03\n',
    );
    const read = (s: SparkSession) =>
      s.read.option("header", true).option("inferSchema", true).csv(path);
    expect(sortedRows(await read(engines.duckdb).collect())).toEqual(
      sortedRows(await read(engines.spark).collect()),
    );
    expect(await read(engines.duckdb).dtypes).toEqual(await read(engines.spark).dtypes);
  });

  it("CSV with a user schema and a date pattern", async () => {
    const path = join(dir(), "in.csv");
    writeFileSync(path, "1;05/03/2024\n2;31/12/2023\n");
    const read = (s: SparkSession) =>
      s.read.schema("id INT, day DATE").options({ sep: ";", dateFormat: "dd/MM/yyyy" }).csv(path);
    expect(sortedRows(await read(engines.duckdb).collect())).toEqual(
      sortedRows(await read(engines.spark).collect()),
    );
  });

  it("JSON lines", async () => {
    const path = join(dir(), "in.json");
    writeFileSync(
      path,
      '{"id": 1, "tags": ["a"], "info": {"x": 1.5}}\n{"id": 2, "tags": [], "info": null}\n',
    );
    const read = (s: SparkSession) => s.read.json(path);
    expect(sortedRows(await read(engines.duckdb).collect())).toEqual(
      sortedRows(await read(engines.spark).collect()),
    );
  });
});

describe("writers: one engine writes, the other reads", () => {
  it.each([
    ["parquet", "duckdb", "spark"],
    ["parquet", "spark", "duckdb"],
    ["json", "duckdb", "spark"],
    ["csv", "duckdb", "spark"],
  ] as const)("%s written by %s reads identically on %s", async (format, writer, reader) => {
    const path = join(dir(), "out");
    let w = sample(engines[writer]).write.format(format).partitionBy("day");
    if (format === "csv") w = w.option("header", true);
    await w.save(path);
    const r = engines[reader].read
      .format(format)
      .schema("id BIGINT, name STRING, amount DECIMAL(10,2), ts TIMESTAMP, ok BOOLEAN, day DATE");
    const back = await (format === "csv" ? r.option("header", true) : r).load(path).collect();
    expect(sortedRows(back)).toEqual(
      sortedRows(
        await sample(engines.duckdb).select("id", "name", "amount", "ts", "ok", "day").collect(),
      ),
    );
  });
});

describe("Delta across engines", () => {
  it("tributary writes natively; delta-spark reads every version through the Spark engine", async () => {
    const path = join(dir(), "t");
    await sample(engines.duckdb).write.format("delta").partitionBy("day").save(path);
    await sample(engines.duckdb)
      .withColumn("id", F.col("id").plus(10))
      .write.format("delta")
      .mode("append")
      .save(path);
    for (const version of [0, 1]) {
      const read = (s: SparkSession) =>
        s.read.format("delta").option("versionAsOf", version).load(path);
      expect(sortedRows(await read(engines.spark).collect())).toEqual(
        sortedRows(await read(engines.duckdb).collect()),
      );
    }
  });

  it("the Spark engine writes with delta-spark (modes, partitionBy, mergeSchema); tributary reads it", async () => {
    const path = join(dir(), "t");
    await sample(engines.spark).write.format("delta").partitionBy("day").save(path);
    await sample(engines.spark)
      .withColumn("extra", F.lit("x"))
      .write.format("delta")
      .mode("append")
      .option("mergeSchema", true)
      .save(path);
    await expect(sample(engines.spark).write.format("delta").save(path)).rejects.toThrow(
      /already exists|DELTA_PATH_EXISTS/,
    );
    for (const version of [0, 1]) {
      const read = (s: SparkSession) =>
        s.read.format("delta").option("versionAsOf", version).load(path);
      expect(sortedRows(await read(engines.duckdb).collect())).toEqual(
        sortedRows(await read(engines.spark).collect()),
      );
    }
  });
});
