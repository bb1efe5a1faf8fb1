/**
 * The Spark engine on S3: s3:// and s3a:// locations on a real Spark Connect server with
 * hadoop-aws, against moto on loopback (both started by global-setup.ts), each test in its
 * own bucket. Sessions carry the moto settings too, so the tests also pass on a server this
 * run did not start (see the last test for why that works).
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { DeltaTable, SparkSession } from "../../src/index.js";
import {
  createBucket,
  type MotoServer,
  motoSettings,
  putObject,
  startMoto,
} from "../helpers/moto.js";

const endpoint = inject("s3Endpoint");
const CSV = "id,name,day\n1,ann,2024-01-01\n2,bob,2024-01-02\n3,cy,2024-01-01\n";

const sessions: SparkSession[] = [];
async function session(extra: Record<string, string> = {}): Promise<SparkSession> {
  const spark = await SparkSession.builder()
    .remote(inject("sparkConnectUrl"))
    .config({ ...motoSettings(endpoint), "spark.sql.session.timeZone": "UTC", ...extra })
    .create();
  sessions.push(spark);
  return spark;
}
afterEach(async () => {
  for (const spark of sessions.splice(0)) await spark.stop();
});

const plain = (rows: readonly Record<string, unknown>[]) =>
  rows.map((r) => ({ ...r, id: Number(r.id) })).sort((a, b) => a.id - b.id);

describe("the Spark engine on S3 (moto)", () => {
  it("runs the seed's pipeline: CSV from s3://, partitioned Delta to s3://, read back and time travel", async () => {
    const bucket = await createBucket(endpoint);
    await putObject(endpoint, bucket, "raw/data.csv", CSV);
    const spark = await session();
    const raw = spark.read
      .format("csv")
      .option("header", true)
      .option("inferSchema", true)
      .load(`s3://${bucket}/raw/data.csv`);
    const table = `s3://${bucket}/processed/data`;
    await raw.write.format("delta").mode("overwrite").partitionBy("day").save(table);
    await raw.filter("id = 2").write.format("delta").mode("append").save(table);

    const latest = await spark.read.format("delta").load(table).collect();
    expect(plain(latest)).toEqual([
      { id: 1, name: "ann", day: "2024-01-01" },
      { id: 2, name: "bob", day: "2024-01-02" },
      { id: 2, name: "bob", day: "2024-01-02" },
      { id: 3, name: "cy", day: "2024-01-01" },
    ]);
    const v0 = spark.read
      .format("delta")
      .option("versionAsOf", 0)
      .load(`s3a://${bucket}/processed/data`);
    expect(await v0.count()).toBe(3);
    const history = await (await DeltaTable.forPath(spark, table)).history();
    const ops = (await history.select("version", "operation").collect()).map((r) => [
      Number(r.version),
      r.operation,
    ]);
    expect(ops).toEqual([
      [1, "WRITE"],
      [0, "WRITE"],
    ]);
    // Seven Spark jobs over S3: minutes on a loaded two-core machine.
  }, 300_000);

  it("writes and reads Parquet on s3a:// (Spark's file committer renames: the transfer manager's copy)", async () => {
    const bucket = await createBucket(endpoint);
    const spark = await session();
    const df = spark.sql("SELECT id, CAST(id * 2 AS INT) AS twice FROM range(5)");
    await df.write.mode("overwrite").partitionBy("twice").parquet(`s3a://${bucket}/pq`);
    const back = await spark.read.parquet(`s3a://${bucket}/pq`).orderBy("id").collect();
    expect(back.map((r) => [Number(r.id), r.twice])).toEqual([
      [0, 0],
      [1, 2],
      [2, 4],
      [3, 6],
      [4, 8],
    ]);
  });

  describe("a session's spark.hadoop.fs.s3a.* settings", () => {
    let other: MotoServer | undefined;
    beforeAll(async () => {
      other = await startMoto();
    });
    afterAll(async () => {
      await other?.stop();
    });

    it("reach S3A for buckets the server has not opened yet (per-bucket endpoint)", async () => {
      if (other === undefined) throw new Error("second moto server did not start");
      // This bucket exists only on the second server: the server's own endpoint cannot see it.
      const bucket = await createBucket(other.url, "elsewhere");
      await putObject(other.url, bucket, "in.csv", CSV);
      const spark = await session({
        [`spark.hadoop.fs.s3a.bucket.${bucket}.endpoint`]: other.url,
      });
      const df = spark.read.option("header", true).csv(`s3a://${bucket}/in.csv`);
      expect(await df.count()).toBe(3);
      // Set at runtime, before the server opens the bucket, it works too.
      const late = await createBucket(other.url, "late");
      await putObject(other.url, late, "in.csv", CSV);
      await spark.conf.set(`spark.hadoop.fs.s3a.bucket.${late}.endpoint`, other.url);
      expect(await spark.read.option("header", true).csv(`s3a://${late}/in.csv`).count()).toBe(3);
    });
  });
});
