import { describe, expect, it } from "vitest";
import { parseConfArg, parseConfArgs } from "../../../src/config/index.js";
import { configError } from "./helpers.js";

describe("parseConfArg", () => {
  it.each([
    ["spark.sql.shuffle.partitions=8", "spark.sql.shuffle.partitions", "8"],
    ["spark.x=a=b", "spark.x", "a=b"],
    ["spark.x=", "spark.x", ""],
    ["spark.x= padded ", "spark.x", " padded "],
    ["=v", "", "v"],
  ])("%j -> [%j, %j]", (pair, key, value) => {
    expect(parseConfArg(pair)).toEqual([key, value]);
  });

  it("rejects a pair without '='", () => {
    const e = configError(() => parseConfArg("spark.master local"));
    expect(e.code).toBe("CONFIG_CONF_WITHOUT_EQUALS");
    expect(e.message).toBe(`Spark config without '=': "spark.master local".`);
    expect(e.hint).toContain("--conf key=value");
  });

  it("does not echo what looks like a secret", () => {
    const e = configError(() => parseConfArg("spark.ssl.keyPassword hunter2"));
    expect(e.message).not.toContain("hunter2");
    expect(e.message).toContain("*********(redacted)");
  });
});

describe("parseConfArgs", () => {
  it("keeps the last value of a repeated key", () => {
    const conf = parseConfArgs(["spark.a=1", "spark.b=2", "spark.a=3"]);
    expect(Object.fromEntries(conf)).toEqual({ "spark.a": "3", "spark.b": "2" });
  });
});
