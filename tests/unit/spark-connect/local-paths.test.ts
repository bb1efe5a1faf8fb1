import { describe, expect, it } from "vitest";
import { parseConnectionString } from "../../../src/engine/spark-connect/connection-string.js";
import { localFileUri } from "../../../src/engine/spark-connect/local-paths.js";

describe("paths sent to a Spark server on this machine", () => {
  it.each([
    ["lake/t", "file:/home/me/lake/t"],
    ["./data/*.csv", "file:/home/me/data/*.csv"],
    ["../x", "file:/home/x"],
    ["/abs/t", "file:/abs/t"],
    ["file:/abs/t", "file:/abs/t"],
    ["s3a://bucket/t", "s3a://bucket/t"],
    ["hdfs:///user/me/t", "hdfs:///user/me/t"],
  ])("%s -> %s", (given, sent) => {
    expect(localFileUri(given, "/home/me")).toBe(sent);
  });

  it("only a loopback server shares the client's file system", () => {
    expect(parseConnectionString("sc://localhost:15002").isLoopback).toBe(true);
    expect(parseConnectionString("sc://127.0.0.1").isLoopback).toBe(true);
    expect(parseConnectionString("sc://[::1]:15002").isLoopback).toBe(true);
    expect(parseConnectionString("sc://spark.example.com").isLoopback).toBe(false);
  });
});
