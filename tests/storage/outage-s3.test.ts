/**
 * The S3 server stops in the middle of a commit and starts again. moto keeps its state in
 * memory and has no state file, so a proxy plays the outage (tests/storage/fault-proxy.ts):
 * at the PUT of the log entry it cuts the connection (before the server got the entry, or
 * after the server stored it), refuses every connection for a while, then listens again on the
 * same port. The writer's storage layer retries through the outage; the commit lands exactly
 * once and versions stay contiguous.
 */
import { afterAll, describe, expect, it } from "vitest";
import { DeltaTable, SparkSession, StorageError } from "../../src/index.js";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.js";
import { endpoint, newBucket, s3Settings } from "./helpers.js";

const sessions: SparkSession[] = [];
const proxies: FaultProxy[] = [];
afterAll(async () => {
  for (const s of sessions) await s.stop();
  for (const p of proxies) await p.close();
});

/** An independent embedded session on `url`, with `extra` settings. */
async function sessionOn(url: string, extra: Record<string, string> = {}): Promise<SparkSession> {
  const spark = await SparkSession.builder()
    .master("local[1]")
    .config({ ...s3Settings(url), ...extra })
    .create();
  sessions.push(spark);
  return spark;
}

// Enough retries that the backoff (full jitter from 100 ms, doubling) outlasts the outage.
const PATIENT = {
  "spark.hadoop.fs.s3a.retry.limit": "20",
  "spark.hadoop.fs.s3a.retry.interval": "100ms",
};
/** How long the server stays down while a writer retries. */
const DOWN_MS = 1_500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A table with versions 0 and 1 (ids 1 and 2), written straight to the server. */
async function tableWithTwoVersions(): Promise<string> {
  const table = `s3://${await newBucket()}/events`;
  const direct = await sessionOn(endpoint);
  for (const id of [1, 2])
    await direct
      .createDataFrame([{ id }], "id INT")
      .write.format("delta")
      .mode("append")
      .save(table);
  return table;
}

const logEntryPut = (version: number) => (request: string) =>
  request.startsWith("PUT ") &&
  request.includes(`/_delta_log/${String(version).padStart(20, "0")}.json`);

async function idsAndVersions(spark: SparkSession, table: string) {
  const ids = (await spark.read.format("delta").load(table).orderBy("id").collect()).map(
    (r) => r.id,
  );
  const history = await (await DeltaTable.forPath(spark, table)).history();
  const versions = (await history.orderBy("version").collect()).map((r) => r.version);
  return { ids, versions };
}

describe("the S3 server stops in the middle of a commit and starts again", () => {
  it("before the log entry reached it: reads fail clearly while down, the server keeps the previous version, the retried commit lands once", async () => {
    const table = await tableWithTwoVersions();
    const server = endpoint;
    const proxy = await startFaultProxy(server, {
      outage: { at: logEntryPut(2), afterForward: false },
    });
    proxies.push(proxy);
    const writer = await sessionOn(proxy.url, PATIENT);
    const write = writer
      .createDataFrame([{ id: 3 }], "id INT")
      .write.format("delta")
      .mode("append")
      .save(table);

    await proxy.down;
    // A reader that does not wait (no retries) gets a storage error naming the refusal.
    const impatient = await sessionOn(proxy.url, { "spark.hadoop.fs.s3a.retry.limit": "0" });
    const error = await impatient.read
      .format("delta")
      .load(table)
      .collect()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe("STORAGE_REQUEST_FAILED");
    expect((error as StorageError).message).toMatch(/failed after 1 attempt: ECONNREFUSED/);
    // The server itself never got the entry: the table is still at its previous version.
    const direct = await sessionOn(server);
    expect(await idsAndVersions(direct, table)).toEqual({ ids: [1, 2], versions: [0n, 1n] });

    await proxy.restart();
    const result = await write;
    expect(result.version).toBe(2);
    expect(await idsAndVersions(direct, table)).toEqual({ ids: [1, 2, 3], versions: [0n, 1n, 2n] });
  });

  it("after the server stored the log entry (its answer lost): the writer recognises its own commit and does not apply it twice", async () => {
    const table = await tableWithTwoVersions();
    const server = endpoint;
    const proxy = await startFaultProxy(server, {
      outage: { at: logEntryPut(2), afterForward: true },
    });
    proxies.push(proxy);
    const writer = await sessionOn(proxy.url, PATIENT);
    const write = writer
      .createDataFrame([{ id: 3 }], "id INT")
      .write.format("delta")
      .mode("append")
      .save(table);
    await proxy.down;
    await sleep(DOWN_MS);
    await proxy.restart();
    const result = await write;
    expect(result.version).toBe(2);
    // The entry was sent again after the restart: the server refused it (412), and the writer
    // found its own txnId there instead of committing version 3.
    const commits = proxy.seen.filter((r) => /^PUT .*\/_delta_log\/\d{20}\.json/.test(r));
    expect(commits.map((r) => r.replace(/\?.*$/, "").replace(/^.*\/_delta_log\//, ""))).toEqual([
      "00000000000000000002.json",
      "00000000000000000002.json",
    ]);
    const direct = await sessionOn(server);
    expect(await idsAndVersions(direct, table)).toEqual({ ids: [1, 2, 3], versions: [0n, 1n, 2n] });
  });
});
