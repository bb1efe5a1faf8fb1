/**
 * The seed's pipeline on S3, the same code on both engines: CSV from `s3://` into a Delta
 * table partitioned by day on `s3://`, an append, time travel and history; each engine in its
 * own bucket of the moto server the spark project's global setup started. Results must match.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DeltaTable, SparkSession } from "../../src/index.js";
import { createBucket, motoSettings, putObject, storageHome } from "../helpers/moto.js";
import { sortedRows } from "./engines.js";

const endpoint = inject("s3Endpoint");
const CSV = "id,name,day\n1,ann,2024-01-01\n2,bob,2024-01-02\n3,cy,2024-01-01\n";

let duckdb: SparkSession;
let spark: SparkSession;
beforeAll(async () => {
  const conf = { ...motoSettings(endpoint), "spark.sql.session.timeZone": "UTC" };
  duckdb = await SparkSession.builder()
    .master("local[2]")
    .config({
      ...conf,
      // The httpfs build scripts/storage/setup.sh installed (no extension repository here).
      "spark.tributary.duckdb.extensionDirectory": `${storageHome}/duckdb-extensions`,
    })
    .create();
  spark = await SparkSession.builder().remote(inject("sparkConnectUrl")).config(conf).create();
});
afterAll(async () => {
  await duckdb?.stop();
  await spark?.stop();
});

async function pipeline(s: SparkSession) {
  const bucket = await createBucket(endpoint);
  await putObject(endpoint, bucket, "raw/data.csv", CSV);
  const raw = s.read
    .format("csv")
    .option("header", true)
    .option("inferSchema", true)
    .load(`s3://${bucket}/raw/data.csv`);
  const table = `s3://${bucket}/processed/data`;
  await raw.write.format("delta").mode("overwrite").partitionBy("day").save(table);
  await raw.filter("id = 2").write.format("delta").mode("append").save(table);
  const history = await (await DeltaTable.forPath(s, table)).history();
  return {
    schema: (await raw.schema).simpleString(),
    latest: sortedRows(await s.read.format("delta").load(table).collect()),
    v0: await s.read
      .format("delta")
      .option("versionAsOf", 0)
      .load(`s3a://${bucket}/processed/data`)
      .count(),
    ops: (await history.select("version", "operation").collect()).map(
      (r) => `${r.version}:${r.operation}`,
    ),
  };
}

describe("S3: DuckDB (embedded) == Spark (hadoop-aws)", () => {
  it("runs the seed's pipeline with s3:// paths the same way on both engines", async () => {
    const ours = await pipeline(duckdb);
    const theirs = await pipeline(spark);
    expect(ours).toEqual(theirs);
    expect(ours.v0).toBe(3);
    expect(ours.ops).toEqual(["1:WRITE", "0:WRITE"]);
  });
});
