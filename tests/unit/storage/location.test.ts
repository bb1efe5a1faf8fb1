import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveAddPath, toAddPath } from "../../../src/delta/files/paths.js";
import { hadoopGlob } from "../../../src/engine/duckdb/read/object-paths.js";
import {
  isObjectStoreLocation,
  joinLocation,
  parentLocation,
  relativeLocation,
} from "../../../src/storage/location.js";

describe("locations as URLs", () => {
  it("joins, relativises and walks up object-store locations without touching the scheme", () => {
    expect(joinLocation("s3://lake/t/", "_delta_log", "00000000000000000000.json")).toBe(
      "s3://lake/t/_delta_log/00000000000000000000.json",
    );
    expect(joinLocation("s3a://lake/t", "day=1/part-0.parquet")).toBe(
      "s3a://lake/t/day=1/part-0.parquet",
    );
    expect(relativeLocation("s3://lake/t", "s3://lake/t/day=1/a.parquet")).toBe("day=1/a.parquet");
    expect(parentLocation("s3://lake/t/day=1/a.parquet")).toBe("s3://lake/t/day=1");
    expect(parentLocation("s3://lake")).toBe("s3://lake");
    expect(isObjectStoreLocation("s3a://lake/t")).toBe(true);
    expect(isObjectStoreLocation("lake/t")).toBe(false);
  });

  it("keeps node:path's rules for local paths", () => {
    expect(joinLocation("lake/t/", "_delta_log")).toBe(join("lake", "t", "_delta_log"));
    expect(relativeLocation("/data/t", "/data/t/a/b.parquet")).toBe("a/b.parquet");
    expect(parentLocation("/data/t/a")).toBe("/data/t");
  });

  it("turns add.path URIs into object locations and back", () => {
    const file = "s3://lake/t/city=a%2Fb/part-0.parquet";
    const addPath = toAddPath("s3://lake/t", file);
    expect(addPath).toBe("city=a%252Fb/part-0.parquet");
    expect(resolveAddPath("s3://lake/t", addPath)).toBe(file);
    // An absolute URI names the object itself.
    expect(resolveAddPath("s3://lake/t", "s3://other/x.parquet")).toBe("s3://other/x.parquet");
  });

  it("reads Hadoop globs segment by segment", () => {
    const glob = hadoopGlob("s3://b/raw/{2023,2024}/*.csv");
    expect(glob.test("s3://b/raw/2024/a.csv")).toBe(true);
    expect(glob.test("s3://b/raw/2022/a.csv")).toBe(false);
    expect(glob.test("s3://b/raw/2024/x/a.csv")).toBe(false);
    expect(hadoopGlob("part-[0-9].json").test("part-7.json")).toBe(true);
    expect(hadoopGlob("part-?.json").test("part-10.json")).toBe(false);
  });
});
