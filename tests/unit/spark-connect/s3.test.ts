import { describe, expect, it } from "vitest";
import { localFileUri } from "../../../src/engine/spark-connect/local-paths.js";
import { s3aPath, s3aSessionSettings } from "../../../src/engine/spark-connect/s3.js";

describe("S3 locations sent to Spark", () => {
  it.each([
    ["s3://lake/raw/*.csv", "s3a://lake/raw/*.csv"],
    ["S3://lake/t", "s3a://lake/t"],
    ["s3a://lake/t", "s3a://lake/t"],
    ["s3n://lake/t", "s3n://lake/t"],
    ["lake/s3://x", "lake/s3://x"],
    ["file:/data/t", "file:/data/t"],
  ])("%s -> %s", (given, sent) => {
    expect(s3aPath(given)).toBe(sent);
  });

  it("an S3 location is never taken for a local path", () => {
    expect(localFileUri(s3aPath("s3://lake/t"), "/home/me")).toBe("s3a://lake/t");
  });
});

describe("a session's S3A settings over Spark Connect", () => {
  it("sends spark.hadoop.fs.s3a.* as the fs.s3a.* keys S3A reads, and nothing else", () => {
    const conf = new Map([
      ["spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000"],
      ["spark.hadoop.fs.s3a.bucket.lake.path.style.access", "true"],
      ["spark.hadoop.fs.defaultFS", "hdfs://nn:8020"],
      ["spark.sql.ansi.enabled", "false"],
    ]);
    expect(s3aSessionSettings(conf)).toEqual({
      "fs.s3a.endpoint": "http://127.0.0.1:9000",
      "fs.s3a.bucket.lake.path.style.access": "true",
    });
  });
});
