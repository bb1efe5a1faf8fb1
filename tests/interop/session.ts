/**
 * The embedded-engine session an interop test file compares the peers against: the peers must
 * be installed (the project's global setup does it), the session starts before the file's
 * tests, and afterwards the peers are stopped with none of their processes left behind.
 */
import { afterAll, beforeAll, expect } from "vitest";
import { SparkSession } from "../../src/index.js";
import { leftoverPeerProcesses } from "./leftovers.js";
import { normalizeRows, peersAvailable, type StructType, stopPeers } from "./peers.js";

/** Long enough for a JVM start and a batch of delta-spark commands on a loaded machine. */
export const SPARK_TIMEOUT = 600_000;

/** Registers the file's session (`conf` on top of `local[2]`); call the result inside tests. */
export function useInteropSpark(conf: Readonly<Record<string, string>> = {}): () => SparkSession {
  const available = peersAvailable();
  // The interop project's global setup installs the peers; without them the suite fails.
  if (!available.ok) throw new Error(available.reason);
  let spark: SparkSession | undefined;
  beforeAll(async () => {
    await SparkSession.getActiveSession()?.stop();
    spark = await SparkSession.builder().master("local[2]").config(conf).getOrCreate();
  });
  afterAll(async () => {
    await spark?.stop();
    await stopPeers();
    expect(leftoverPeerProcesses()).toEqual([]);
  });
  return () => {
    if (spark === undefined) throw new Error("the interop session is not started yet");
    return spark;
  };
}

/** The rows tributary reads at `version` (the latest when undefined), as the peers report them. */
export async function ourRows(spark: SparkSession, path: string, version?: number) {
  const reader = spark.read.format("delta");
  const df = (version === undefined ? reader : reader.option("versionAsOf", version)).load(path);
  return normalizeRows(await df.collect(), (await df.schema).toJSON() as unknown as StructType);
}
