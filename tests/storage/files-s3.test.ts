/**
 * Plain files on S3 from the embedded engine: CSV, JSON and Parquet reads (globs,
 * recursiveFileLookup, pathGlobFilter, partition discovery) and writes in every mode with
 * partitionBy. Expected values are PySpark 4.0.1's answers for the same layout on local disk.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Storage, type SparkSession } from "../../src/index.js";
import { newBucket, s3Session, s3Settings } from "./helpers.js";

let spark: SparkSession;
let bucket: string;
const s3 = new S3Storage(s3Settings());

beforeAll(async () => {
  spark = await s3Session();
  bucket = await newBucket();
  const raw = `s3://${bucket}/raw/flights`;
  await s3.put(`${raw}/2024/a.csv`, 'id,city,delay\n1,Paris,5\n2,"New York, NY",\n');
  await s3.put(`${raw}/2024/b.csv`, "id,city,delay\n3,Oslo,-2\n");
  await s3.put(`${raw}/_SUCCESS`, "");
  await s3.put(`${raw}/notes.txt`, "x\n");
});
afterAll(async () => {
  await spark.stop();
});

const ROWS = [
  { id: 1, city: "Paris", delay: 5 },
  { id: 2, city: "New York, NY", delay: null },
  { id: 3, city: "Oslo", delay: -2 },
];

describe("files on S3 (DuckDB engine)", () => {
  it("reads CSV through a glob with Spark's header and inference rules", async () => {
    const df = spark.read
      .option("header", true)
      .option("inferSchema", true)
      .csv(`s3://${bucket}/raw/flights/2024/*.csv`);
    expect((await df.schema).simpleString()).toBe("struct<id:int,city:string,delay:int>");
    expect(await df.orderBy("id").collect()).toEqual(ROWS);
  });

  it("reads with recursiveFileLookup and pathGlobFilter, skipping hidden and other files", async () => {
    const df = spark.read
      .option("header", true)
      .option("recursiveFileLookup", true)
      .option("pathGlobFilter", "*.csv")
      .csv(`s3a://${bucket}/raw/flights`);
    expect((await df.schema).simpleString()).toBe("struct<id:string,city:string,delay:string>");
    expect(await df.count()).toBe(3);
  });

  it("says which path does not exist", async () => {
    const df = spark.read.csv(`s3://${bucket}/raw/nothing-here`);
    await expect(df.collect()).rejects.toMatchObject({
      code: "PATH_NOT_FOUND",
      message: `Path does not exist: s3://${bucket}/raw/nothing-here`,
    });
  });

  it("writes partitioned JSON and CSV and reads them back with partition discovery", async () => {
    const df = spark.read
      .option("header", true)
      .option("inferSchema", true)
      .csv(`s3://${bucket}/raw/flights/2024/*.csv`);
    await df.write.partitionBy("city").json(`s3://${bucket}/out/json`);
    const json = spark.read.json(`s3://${bucket}/out/json`);
    expect((await json.schema).simpleString()).toBe("struct<delay:bigint,id:bigint,city:string>");
    expect(await json.orderBy("id").collect()).toEqual([
      { delay: 5n, id: 1n, city: "Paris" },
      { delay: null, id: 2n, city: "New York, NY" },
      { delay: -2n, id: 3n, city: "Oslo" },
    ]);
    await df.write.partitionBy("city").option("header", true).csv(`s3://${bucket}/out/csv`);
    // One partition's directory, read as a path of its own (no partition column then).
    const csv = spark.read
      .option("header", true)
      .option("inferSchema", true)
      .csv(`s3://${bucket}/out/csv/city=Oslo`);
    expect((await csv.schema).simpleString()).toBe("struct<id:int,delay:int>");
    expect(await csv.collect()).toEqual([{ id: 3, delay: -2 }]);
  });

  it("writes Parquet in every save mode", async () => {
    const df = spark.read
      .option("header", true)
      .option("inferSchema", true)
      .csv(`s3://${bucket}/raw/flights/2024/*.csv`);
    const out = `s3://${bucket}/out/parquet`;
    const count = () => spark.read.parquet(out).count();
    await df.write.mode("overwrite").parquet(out);
    expect(await count()).toBe(3);
    await expect(df.write.parquet(out)).rejects.toMatchObject({ code: "PATH_ALREADY_EXISTS" });
    await df.write.mode("ignore").parquet(out);
    expect(await count()).toBe(3);
    await df.write.mode("append").parquet(out);
    expect(await count()).toBe(6);
    await df.limit(1).write.mode("overwrite").parquet(out);
    expect(await count()).toBe(1);
    expect(await s3.stat(`${out}/_SUCCESS`)).toBeDefined();
  });

  it("drops a malformed record and writes it to an S3 badRecordsPath, naming the object", async () => {
    const input = `s3://${bucket}/raw/people.csv`;
    await s3.put(input, "id,name\n1,a\nx,foo\n");
    const df = spark.read
      .schema("id INT, name STRING")
      .option("header", true)
      .option("mode", "DROPMALFORMED")
      .option("badRecordsPath", `s3://${bucket}/bad`)
      .csv(input);
    expect(await df.collect()).toEqual([{ id: 1, name: "a" }]);
    const [metrics] = df.inputMetrics();
    expect(metrics).toMatchObject({ rowsRead: 2, rowsRejected: 1 });
    const file = metrics?.badRecordsFile ?? "";
    expect(file).toMatch(
      new RegExp(`^s3://${bucket}/bad/\\d{8}T\\d{6}/bad_records/part-00000-[0-9a-f-]+\\.json$`),
    );
    const [record] = (await s3.read(file))
      .toString()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(record).toMatchObject({ path: input, line: 3, record: "x,foo" });
    expect(metrics?.sample[0]).toMatchObject({ file: input, line: 3, record: "x,foo" });
  });
});
