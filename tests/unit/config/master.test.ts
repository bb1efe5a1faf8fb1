import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { masterOf, parseMaster, resolveConfig } from "../../../src/config/index.js";
import { configError } from "./helpers.js";

describe("parseMaster: local", () => {
  it.each([
    ["local", 1, 1, false],
    ["local[1]", 1, 1, false],
    ["local[8]", 8, 1, false],
    ["local[4,3]", 4, 3, false],
    ["local[4, 3]", 4, 3, false],
    ["local[*,2]", 6, 2, true],
    ["local[*]", 6, 1, true],
  ])("%j -> %d threads, %d failures", (value, threads, maxFailures, allCores) => {
    expect(parseMaster(value, { cores: 6 })).toEqual({
      kind: "local",
      threads,
      maxFailures,
      allCores,
    });
  });

  it("uses os.availableParallelism() for * by default", () => {
    expect(parseMaster("local[*]")).toMatchObject({ threads: availableParallelism() });
  });

  it("returns frozen results", () => {
    expect(Object.isFrozen(parseMaster("local"))).toBe(true);
  });
});

describe("parseMaster: remote and cluster", () => {
  it.each([
    ["sc://localhost:15002", { kind: "remote", url: "sc://localhost:15002" }],
    [
      "sc://h:15002/;token=abc;use_ssl=true",
      { kind: "remote", url: "sc://h:15002/;token=abc;use_ssl=true" },
    ],
    ["spark://master:7077", { kind: "cluster", manager: "standalone", url: "spark://master:7077" }],
    [
      "spark://m1:7077,m2:7077",
      { kind: "cluster", manager: "standalone", url: "spark://m1:7077,m2:7077" },
    ],
    ["yarn", { kind: "cluster", manager: "yarn", url: "yarn" }],
    [
      "k8s://https://k8s.example:6443",
      { kind: "cluster", manager: "kubernetes", url: "k8s://https://k8s.example:6443" },
    ],
  ])("%j", (value, expected) => {
    expect(parseMaster(value)).toEqual(expected);
  });
});

describe("parseMaster errors", () => {
  const accepted =
    "Expected local, local[N], local[*], local[N,F] (N threads, F allowed task failures), " +
    "sc://host:port (Spark Connect), spark://host:port, yarn or k8s://host:port.";

  it.each([
    ["local[0]", "asked to run locally with 0 threads"],
    ["local[]", "malformed local master"],
    ["local[-1]", "malformed local master"],
    ["local[2", "malformed local master"],
    ["local[a]", "malformed local master"],
    ["local[1,2,3]", "malformed local master"],
    ["local[99999999999]", "thread count 99999999999 is too large"],
    ["local[2,99999999999]", "failure count 99999999999 is too large"],
    ["LOCAL", "unknown master URL"],
    ["mesos://h:5050", "unknown master URL"],
    ["yarn-client", "unknown master URL"],
    ["sc://", "unknown master URL"],
    ["spark://", "unknown master URL"],
    ["", "unknown master URL"],
  ])("%j: %s", (value, reason) => {
    const e = configError(() => parseMaster(value));
    expect(e.code).toBe("CONFIG_INVALID_VALUE");
    expect(e.message).toBe(`Invalid value "${value}" for spark.master: ${reason}. ${accepted}`);
  });

  it("names the key it was given", () => {
    expect(configError(() => parseMaster("x", { key: "spark.remote" })).message).toContain(
      "for spark.remote:",
    );
  });
});

describe("masterOf", () => {
  it("is the built-in local[*] when nothing is set", () => {
    expect(masterOf(resolveConfig({}), { cores: 3 })).toEqual({
      kind: "local",
      threads: 3,
      maxFailures: 1,
      allCores: true,
    });
  });

  it("is local[*] even without built-ins", () => {
    const r = resolveConfig({ builtins: new Map() });
    expect(masterOf(r, { cores: 2 })).toMatchObject({ kind: "local", threads: 2 });
  });

  it("uses spark.master when set", () => {
    expect(masterOf(resolveConfig({ env: { MASTER: "yarn" } }))).toEqual({
      kind: "cluster",
      manager: "yarn",
      url: "yarn",
    });
  });

  it("uses spark.remote over the built-in master", () => {
    const r = resolveConfig({ env: { SPARK_REMOTE: "sc://h:15002" } });
    expect(masterOf(r)).toEqual({ kind: "remote", url: "sc://h:15002" });
  });

  it("refuses spark.remote with an explicit spark.master, saying where each came from", () => {
    const r = resolveConfig({
      env: { SPARK_REMOTE: "sc://h:15002/;token=abc" },
      code: [["spark.master", "local[2]"]],
    });
    const e = configError(() => masterOf(r));
    expect(e.code).toBe("CONFIG_MASTER_AND_REMOTE");
    expect(e.message).toBe(
      "Spark Connect and a Spark master cannot be configured together: " +
        "spark.master=local[2] (set in code), " +
        "spark.remote=sc://h:15002/;token=*********(redacted) (from environment variable SPARK_REMOTE).",
    );
    expect(e.message).not.toContain("abc");
  });

  it("reports an invalid spark.remote under its own key", () => {
    const r = resolveConfig({ code: [["spark.remote", "http://x"]] });
    expect(configError(() => masterOf(r)).message).toContain("for spark.remote:");
  });
});
