/**
 * S3Storage against a real S3 API (moto's server on loopback, started by global-setup.ts),
 * each test in its own bucket; faults come from a proxy between the client and the server.
 */
import { randomUUID } from "node:crypto";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { afterEach, describe, expect, inject, it } from "vitest";
import { redactSecrets, S3Storage, StorageError } from "../../src/index.js";
import { type FaultProxy, type Faults, startFaultProxy } from "./fault-proxy.js";

const endpoint = inject("s3Endpoint");
const SECRET = `moto-secret-${randomUUID()}`;

function settings(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "spark.hadoop.fs.s3a.endpoint": url,
    "spark.hadoop.fs.s3a.path.style.access": "true",
    "spark.hadoop.fs.s3a.endpoint.region": "us-east-1",
    "spark.hadoop.fs.s3a.access.key": "moto-access",
    "spark.hadoop.fs.s3a.secret.key": SECRET,
    "spark.hadoop.fs.s3a.retry.interval": "10ms",
    ...extra,
  };
}

async function newBucket(): Promise<string> {
  const bucket = `lake-${randomUUID().slice(0, 8)}`;
  const client = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "moto-access", secretAccessKey: SECRET },
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return bucket;
}

const proxies: FaultProxy[] = [];
async function proxy(faults: Faults): Promise<FaultProxy> {
  const p = await startFaultProxy(endpoint, faults);
  proxies.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});

describe("S3Storage on a real S3 API", () => {
  it("puts, reads whole and by range, stats, lists (after a start) and deletes", async () => {
    const bucket = await newBucket();
    const s3 = new S3Storage(settings(endpoint));
    const log = `s3a://${bucket}/t/_delta_log`;
    for (const v of [0, 1, 2]) await s3.put(`${log}/0000${v}.json`, `{"v":${v}}`);
    await s3.put(`s3a://${bucket}/t/part=1/a.parquet`, "0123456789");

    const direct = await s3.list(log);
    expect(direct.map((e) => e.name)).toEqual(["00000.json", "00001.json", "00002.json"]);
    expect(direct[0]).toMatchObject({ location: `${log}/00000.json`, size: 7 });
    const after = await s3.list(log, { startAfter: `${log}/00000.json` });
    expect(after.map((e) => e.name)).toEqual(["00001.json", "00002.json"]);
    const all = await s3.list(`s3a://${bucket}/t`, { recursive: true });
    expect(all.map((e) => e.location.slice(`s3a://${bucket}/t/`.length))).toEqual([
      "_delta_log/00000.json",
      "_delta_log/00001.json",
      "_delta_log/00002.json",
      "part=1/a.parquet",
    ]);
    expect(await s3.list(`s3a://${bucket}/t`)).toEqual([]);

    const data = `s3a://${bucket}/t/part=1/a.parquet`;
    expect((await s3.read(data)).toString()).toBe("0123456789");
    expect((await s3.read(data, { offset: 3, length: 4 })).toString()).toBe("3456");
    expect((await s3.read(data, { offset: 8, length: 10 })).toString()).toBe("89");
    expect(await s3.stat(data)).toMatchObject({ name: "a.parquet", size: 10 });
    expect(await s3.stat(`s3a://${bucket}/t/nothing`)).toBeUndefined();
    expect(await s3.readIfExists(`s3a://${bucket}/t/nothing`)).toBeUndefined();
    await expect(s3.read(`s3a://${bucket}/t/nothing`)).rejects.toMatchObject({
      code: "STORAGE_NOT_FOUND",
    });

    await s3.delete([...direct.map((e) => e.location), data, `s3a://${bucket}/t/missing`]);
    expect(await s3.list(`s3a://${bucket}/t`, { recursive: true })).toEqual([]);
  });

  it("lists from a start with StartAfter, never from the beginning", async () => {
    const bucket = await newBucket();
    const p = await proxy({});
    const s3 = new S3Storage(settings(p.url));
    await s3.put(`s3://${bucket}/log/1.json`, "a");
    await s3.list(`s3://${bucket}/log`, { startAfter: `s3://${bucket}/log/0.json` });
    const lists = p.seen.filter((r) => r.startsWith("GET") && r.includes("list-type=2"));
    expect(lists).toHaveLength(1);
    expect(lists[0]).toContain(`start-after=log%2F0.json`);
  });

  it("deletes more than 1000 keys in batches of at most 1000", async () => {
    const bucket = await newBucket();
    const s3 = new S3Storage(settings(endpoint));
    const keys = Array.from(
      { length: 1005 },
      (_, i) => `s3://${bucket}/d/${String(i).padStart(4, "0")}`,
    );
    for (let i = 0; i < keys.length; i += 100)
      await Promise.all(keys.slice(i, i + 100).map((k) => s3.put(k, "x")));
    const p = await proxy({});
    await new S3Storage(settings(p.url)).delete(keys);
    expect(p.seen.filter((r) => r.startsWith("POST") && r.includes("delete"))).toHaveLength(2);
    expect(await s3.list(`s3://${bucket}/d`)).toEqual([]);
  });

  it("lets exactly one of 8 concurrent writers create a key; the others get exists", async () => {
    const bucket = await newBucket();
    const key = `s3://${bucket}/t/_delta_log/00000000000000000001.json`;
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        new S3Storage(settings(endpoint)).putIfAbsent(key, `writer ${i}`),
      ),
    );
    const winners = results.flatMap((r, i) => (r.status === "written" ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === "exists")).toHaveLength(7);
    const body = (await new S3Storage(settings(endpoint)).read(key)).toString();
    expect(body).toBe(`writer ${winners[0]}`);
  });

  it("retries 503 SlowDown with backoff and succeeds within the limit", async () => {
    const bucket = await newBucket();
    const p = await proxy({ failFirst: 3 });
    const s3 = new S3Storage(settings(p.url, { "spark.hadoop.fs.s3a.retry.limit": "3" }));
    expect(await s3.putIfAbsent(`s3://${bucket}/k`, "v")).toEqual({ status: "written" });
    expect(p.seen).toHaveLength(4);
  });

  it("gives up after the retry limit and names the attempt count", async () => {
    const bucket = await newBucket();
    const p = await proxy({ failFirst: 100 });
    const s3 = new S3Storage(settings(p.url, { "spark.hadoop.fs.s3a.retry.limit": "2" }));
    const error = await s3.put(`s3://${bucket}/k`, "v").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: "STORAGE_REQUEST_FAILED", attempts: 3 });
    expect((error as StorageError).message).toContain("after 3 attempts: SlowDown (HTTP 503)");
    expect(p.seen).toHaveLength(3);
  });

  it("retries a response slower than the request timeout", async () => {
    const bucket = await newBucket();
    await new S3Storage(settings(endpoint)).put(`s3://${bucket}/k`, "slow");
    const p = await proxy({ delayFirst: 1, delayMs: 2_000 });
    const s3 = new S3Storage(
      settings(p.url, { "spark.hadoop.fs.s3a.connection.timeout": "300ms" }),
    );
    const started = Date.now();
    expect((await s3.read(`s3://${bucket}/k`)).toString()).toBe("slow");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(p.seen).toHaveLength(2);
  });

  it("answers unknown, not exists, when a retry finds the object its dropped attempt wrote", async () => {
    const bucket = await newBucket();
    const p = await proxy({ dropAfterForward: 1 });
    const s3 = new S3Storage(settings(p.url));
    const key = `s3://${bucket}/t/_delta_log/00000000000000000000.json`;
    const result = await s3.putIfAbsent(key, "mine");
    expect(result.status).toBe("unknown");
    if (result.status === "unknown") expect(result.cause.code).toBe("STORAGE_AMBIGUOUS_WRITE");
    expect((await s3.read(key)).toString()).toBe("mine");
    expect(p.seen).toHaveLength(3);
  });

  it("never shows the secret key in an error", async () => {
    const s3 = new S3Storage(settings(endpoint));
    const error = await s3.read("s3://no-such-bucket-here/k").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "STORAGE_NO_SUCH_BUCKET" });
    const shown = `${String(error)} ${JSON.stringify((error as StorageError).toJSON())}`;
    expect(shown).not.toContain(SECRET);
    expect(redactSecrets(`key ${SECRET}`)).toBe("key *********(redacted)");
  });
});
