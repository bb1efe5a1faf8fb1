/**
 * What one blind append to an S3 Delta table costs in requests, counted by a proxy between
 * the session (the storage layer and DuckDB's httpfs alike) and the server; and appends that
 * land exactly once through injected faults.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { SparkSession } from "../../src/index.js";
import { type FaultProxy, startFaultProxy } from "./fault-proxy.js";
import { endpoint, newBucket, s3Session } from "./helpers.js";

const sessions: SparkSession[] = [];
const proxies: FaultProxy[] = [];
afterAll(async () => {
  for (const s of sessions) await s.stop();
  for (const p of proxies) await p.close();
});

describe("requests of a blind append on S3", () => {
  it("writes the log entry with one PUT and never lists the whole log", async () => {
    const bucket = await newBucket();
    const table = `s3://${bucket}/events`;
    const direct = await s3Session();
    sessions.push(direct);
    // Eleven commits: a checkpoint at version 10, so a reader can start listing there.
    for (let v = 0; v <= 10; v++)
      await direct
        .createDataFrame([{ id: v }], "id INT")
        .write.format("delta")
        .mode("append")
        .save(table);

    const proxy = await startFaultProxy(endpoint, {});
    proxies.push(proxy);
    const counted = await s3Session({ "spark.hadoop.fs.s3a.endpoint": proxy.url });
    sessions.push(counted);
    const result = await counted
      .createDataFrame([{ id: 11 }], "id INT")
      .write.format("delta")
      .mode("append")
      .save(table);
    expect(result.version).toBe(11);
    // _last_checkpoint, one LIST from the checkpoint on, the checkpoint (HEAD + GET by
    // httpfs), the data file, the log entry: six requests in all.
    expect(proxy.seen).toHaveLength(6);

    const logPuts = proxy.seen
      .filter((r) => r.startsWith("PUT ") && r.includes("/_delta_log/"))
      .map((r) => r.replace(/\?.*$/, ""));
    expect(logPuts).toEqual([`PUT /${bucket}/events/_delta_log/00000000000000000011.json`]);
    const lists = proxy.seen.filter((r) => r.startsWith("GET ") && r.includes("list-type=2"));
    const logLists = lists.filter((r) => r.includes("_delta_log"));
    expect(logLists.length).toBeGreaterThan(0);
    for (const l of logLists) expect(l).toContain("start-after=");
  });

  it("lands an append exactly once through throttling (503 SlowDown) and slow answers", async () => {
    const bucket = await newBucket();
    const table = `s3://${bucket}/events`;
    // The proxy's faults hit the first requests (the first write's log reads): the storage
    // layer retries them with backoff, and the commit still lands once.
    const proxy = await startFaultProxy(endpoint, { failFirst: 3, delayFirst: 6, delayMs: 300 });
    proxies.push(proxy);
    const spark = await s3Session({ "spark.hadoop.fs.s3a.endpoint": proxy.url });
    sessions.push(spark);
    for (const id of [1, 2])
      await spark
        .createDataFrame([{ id }], "id INT")
        .write.format("delta")
        .mode("append")
        .save(table);
    expect(await spark.read.format("delta").load(table).orderBy("id").collect()).toEqual([
      { id: 1 },
      { id: 2 },
    ]);
    const commits = proxy.seen.filter((r) => /^PUT .*\/_delta_log\/\d{20}\.json/.test(r));
    expect(commits.map((r) => r.replace(/\?.*$/, ""))).toEqual([
      `PUT /${bucket}/events/_delta_log/00000000000000000000.json`,
      `PUT /${bucket}/events/_delta_log/00000000000000000001.json`,
    ]);
  });
});
