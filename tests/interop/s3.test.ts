/**
 * Delta Lake interop over S3 (moto on loopback, started here): delta-rs writes a table to
 * `s3://`, delta-spark (classic, hadoop-aws on `s3a://`) reads it and appends, delta-rs reads
 * that and appends, and both read every commit. The Spark engine's side is in
 * tests/spark/s3-interop.test.ts (it needs the spark project's Connect server).
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { createBucket, type MotoServer, startMoto } from "../helpers/moto.js";
import { leftoverPeerProcesses } from "./leftovers.js";
import { peersAvailable, stopPeers } from "./peers.js";
import { deltaRsOnS3, deltaSparkOnS3, expectChain } from "./s3-peers.js";

const available = peersAvailable();
// The interop project's global setup installs the peers; without them this suite fails.
if (!available.ok) throw new Error(available.reason);

let moto: MotoServer | undefined;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  stopPeers();
  await moto?.stop();
  if (leftoverPeerProcesses().length > 0)
    throw new Error(`peer processes left: ${leftoverPeerProcesses().join("; ")}`);
});

function endpoint(): string {
  if (moto === undefined) throw new Error("moto did not start");
  return moto.url;
}

describe("Delta tables on S3 shared by delta-rs and delta-spark", () => {
  it("delta-rs creates, delta-spark reads and appends, delta-rs reads and appends, both read all", async () => {
    // One chain covers both directions with two JVM starts (delta-spark's cost).
    const bucket = await createBucket(endpoint(), "rs-spark");
    const rs = deltaRsOnS3(endpoint());
    await expectChain(`s3://${bucket}/events`, [rs, deltaSparkOnS3(endpoint()), rs]);
  });
});
