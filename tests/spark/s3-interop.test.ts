/**
 * The Spark engine's Delta tables on S3 and delta-rs's are one table: the Spark engine (over
 * Spark Connect, hadoop-aws) creates a table on `s3://` (moto), delta-rs reads and appends,
 * and the Spark engine reads both commits. The peers are the rows of
 * tests/interop/s3-peers.ts; the Spark engine is one more row here.
 */
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { SparkSession } from "../../src/index.js";
import { createBucket, motoSettings } from "../helpers/moto.js";
import { runSetupScript } from "../helpers/setup-script.js";
import { normalizeRows, type StructType, stopPeers } from "../interop/peers.js";
import {
  deltaRsOnS3,
  expectChain,
  LAKE_DDL,
  type LakeRow,
  type S3Peer,
} from "../interop/s3-peers.js";

const endpoint = inject("s3Endpoint");
let spark: SparkSession | undefined;

beforeAll(async () => {
  runSetupScript("scripts/interop/setup.sh");
  spark = await SparkSession.builder()
    .remote(inject("sparkConnectUrl"))
    .config({ ...motoSettings(endpoint), "spark.sql.session.timeZone": "UTC" })
    .create();
}, 600_000);
afterAll(async () => {
  stopPeers();
  await spark?.stop();
});

function sparkEngine(): S3Peer {
  const session = (): SparkSession => {
    if (spark === undefined) throw new Error("no Spark session");
    return spark;
  };
  const read = async (table: string) => {
    const df = session().read.format("delta").load(table);
    const schema = (await df.schema).toJSON() as unknown as StructType;
    return normalizeRows(await df.collect(), schema);
  };
  const append = async (table: string, rows: readonly LakeRow[]) => {
    await session()
      .createDataFrame(
        rows.map((r) => ({ id: r.id, name: r.name, region: r.region })),
        LAKE_DDL,
      )
      .write.format("delta")
      .mode("append")
      .partitionBy("region")
      .save(table);
  };
  return {
    name: "tributary (Spark engine)",
    read,
    append,
    async readThenAppend(table, rows) {
      const seen = await read(table);
      await append(table, rows);
      return seen;
    },
  };
}

describe("Delta on S3: the Spark engine and delta-rs", () => {
  it("the Spark engine creates, delta-rs reads and appends, the Spark engine reads both", async () => {
    const bucket = await createBucket(endpoint, "engine-rs");
    const engine = sparkEngine();
    await expectChain(`s3://${bucket}/events`, [engine, deltaRsOnS3(endpoint), engine]);
  }, 600_000);
});
