/**
 * The Spark engine's Delta tables on S3 and delta-rs's are one table: the Spark engine (over
 * Spark Connect, hadoop-aws) creates a table on `s3://` (moto), delta-rs reads and appends,
 * and the Spark engine reads both commits; both read every version. The peers are the rows of
 * tests/interop/s3-peers.ts; the Spark engine is one more row here.
 */
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { SparkSession } from "../../src/index.js";
import { createBucket, motoSettings } from "../helpers/moto.js";
import { runSetupScript } from "../helpers/setup-script.js";
import { stopPeers } from "../interop/peers.js";
import { deltaRsOnS3, expectChain, tributaryOnS3 } from "../interop/s3-peers.js";

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
  await stopPeers();
  await spark?.stop();
});

describe("Delta on S3: the Spark engine and delta-rs", () => {
  it("the Spark engine creates, delta-rs reads and appends, the Spark engine reads both; both read every version", async () => {
    if (spark === undefined) throw new Error("no Spark session");
    const bucket = await createBucket(endpoint, "engine-rs");
    const engine = tributaryOnS3("tributary (Spark engine)", spark);
    await expectChain(`s3://${bucket}/events`, [engine, deltaRsOnS3(endpoint), engine]);
  }, 600_000);
});
