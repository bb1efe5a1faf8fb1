/**
 * Delta Lake interop over S3 (the loopback moto server of tests/storage's global setup): one
 * `s3://` table passed between tributary on the embedded engine, delta-spark (classic,
 * hadoop-aws on `s3a://`) and delta-rs; each writes a version and every one of them reads
 * every version. The Spark engine's side is in tests/spark/s3-interop.test.ts (it needs the
 * spark project's Connect server).
 */
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { SparkSession } from "../../src/index.js";
import { createBucket, motoSettings, storageHome } from "../helpers/moto.js";
import { leftoverPeerProcesses } from "./leftovers.js";
import { peersAvailable, stopPeers } from "./peers.js";
import { deltaRsOnS3, deltaSparkOnS3, expectChain, tributaryOnS3 } from "./s3-peers.js";

const available = peersAvailable();
// The interop project's global setup installs the peers; without them this suite fails.
if (!available.ok) throw new Error(available.reason);

const endpoint = inject("s3Endpoint");
let spark: SparkSession | undefined;
beforeAll(async () => {
  spark = await SparkSession.builder()
    .master("local[2]")
    .config({
      ...motoSettings(endpoint),
      "spark.tributary.duckdb.extensionDirectory": `${storageHome}/duckdb-extensions`,
    })
    .create();
});
afterAll(async () => {
  await stopPeers();
  await spark?.stop();
  if (leftoverPeerProcesses().length > 0)
    throw new Error(`peer processes left: ${leftoverPeerProcesses().join("; ")}`);
});

describe("one Delta table on S3 shared by tributary, delta-spark and delta-rs", () => {
  it("tributary creates; delta-spark, delta-rs, tributary append in turn; all read every version", async () => {
    if (spark === undefined) throw new Error("no session");
    const bucket = await createBucket(endpoint, "chain");
    const tributary = tributaryOnS3("tributary (embedded engine)", spark);
    // delta-spark appends and later reads in one JVM each: two JVM starts in all.
    await expectChain(`s3://${bucket}/events`, [
      tributary,
      deltaSparkOnS3(endpoint),
      deltaRsOnS3(endpoint),
      tributary,
    ]);
  });
});
