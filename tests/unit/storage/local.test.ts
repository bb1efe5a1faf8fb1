/** LocalStorage keeps the Storage contract for plain paths and file:// URLs. */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { LocalStorage, S3Storage, StorageError, storageFor } from "../../../src/index.js";

describe("LocalStorage", () => {
  it("lists sorted, after a start, recursively; reads ranges; deletes idempotently", async () => {
    const dir = await mkdtemp(join(tmpdir(), "storage-"));
    const s = new LocalStorage();
    for (const n of ["b.json", "a.json", "c.json"]) await s.put(join(dir, "log", n), n);
    await s.put(join(dir, "p=1", "x.parquet"), "0123456789");
    expect((await s.list(join(dir, "log"))).map((e) => e.name)).toEqual([
      "a.json",
      "b.json",
      "c.json",
    ]);
    const after = await s.list(join(dir, "log"), { startAfter: join(dir, "log", "a.json") });
    expect(after.map((e) => e.location)).toEqual([
      join(dir, "log", "b.json"),
      join(dir, "log", "c.json"),
    ]);
    expect((await s.list(dir)).length).toBe(0);
    expect((await s.list(dir, { recursive: true })).length).toBe(4);
    expect((await s.read(join(dir, "p=1", "x.parquet"), { offset: 8, length: 5 })).toString()).toBe(
      "89",
    );
    await expect(s.read(join(dir, "none"))).rejects.toBeInstanceOf(StorageError);
    await s.delete([join(dir, "log", "a.json"), join(dir, "log", "missing")]);
    expect((await s.list(join(dir, "log"))).length).toBe(2);
  });

  it("answers file:// URLs in kind and reports put-if-absent races as results", async () => {
    const dir = pathToFileURL(await mkdtemp(join(tmpdir(), "storage url-"))).href;
    const s = new LocalStorage();
    expect(await s.putIfAbsent(`${dir}/t/0.json`, "one")).toEqual({ status: "written" });
    expect(await s.putIfAbsent(`${dir}/t/0.json`, "two")).toEqual({ status: "exists" });
    const [entry] = await s.list(`${dir}/t`);
    expect(entry?.location).toBe(`${dir}/t/0.json`);
    expect((await s.read(`${dir}/t/0.json`)).toString()).toBe("one");
  });
});

describe("storageFor", () => {
  it("picks the store by scheme", () => {
    expect(storageFor("lake/t")).toBeInstanceOf(LocalStorage);
    expect(storageFor("file:///tmp/t")).toBeInstanceOf(LocalStorage);
    expect(storageFor("s3://b/t")).toBeInstanceOf(S3Storage);
    expect(storageFor("s3a://b/t")).toBeInstanceOf(S3Storage);
    expect(() => storageFor("gs://b/t")).toThrow(
      expect.objectContaining({ code: "STORAGE_UNSUPPORTED_SCHEME" }),
    );
  });
});
