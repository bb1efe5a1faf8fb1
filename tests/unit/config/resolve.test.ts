// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are Spark ${...} references, not templates.
import { describe, expect, it } from "vitest";
import {
  BUILTIN_DEFAULTS,
  type ConfigSource,
  describeSource,
  formatConfig,
  PRECEDENCE,
  resolveConfig,
  type SparkDefaults,
} from "../../../src/config/index.js";
import { configError } from "./helpers.js";

const defaults: SparkDefaults = {
  path: "/etc/spark/conf/spark-defaults.conf",
  values: new Map([
    ["spark.driver.memory", "4g"],
    ["spark.master", "yarn"],
    ["spark.app.name", "from-file"],
    ["spark.sql.shuffle.partitions", "200"],
    ["spark.executor.cores", "2"],
  ]),
  lines: new Map([
    ["spark.driver.memory", 3],
    ["spark.master", 4],
    ["spark.app.name", 5],
    ["spark.sql.shuffle.partitions", 6],
    ["spark.executor.cores", 7],
  ]),
};

describe("resolveConfig: precedence", () => {
  const resolved = resolveConfig({
    defaults,
    env: { MASTER: "local[2]", SPARK_APP_NAME: "from-env" },
    cli: [
      ["spark.app.name", "from-cli"],
      ["spark.sql.shuffle.partitions", "8"],
    ],
    code: [["spark.app.name", "from-code"]],
  });

  it("code beats --conf beats environment beats the file beats built-ins", () => {
    expect(Object.fromEntries(resolved.values)).toEqual({
      "spark.master": "local[2]",
      "spark.driver.memory": "4g",
      "spark.app.name": "from-code",
      "spark.sql.shuffle.partitions": "8",
      "spark.executor.cores": "2",
    });
  });

  it("records where each value came from", () => {
    expect(Object.fromEntries(resolved.sources)).toEqual({
      "spark.master": { kind: "env", variable: "MASTER" },
      "spark.driver.memory": {
        kind: "file",
        path: "/etc/spark/conf/spark-defaults.conf",
        line: 3,
      },
      "spark.app.name": { kind: "code" },
      "spark.sql.shuffle.partitions": { kind: "cli" },
      "spark.executor.cores": {
        kind: "file",
        path: "/etc/spark/conf/spark-defaults.conf",
        line: 7,
      },
    });
  });

  it("documents the order it applies", () => {
    expect(PRECEDENCE).toEqual(["builtin", "file", "env", "cli", "code"]);
  });

  it("falls back to the built-in defaults", () => {
    const empty = resolveConfig({});
    expect(Object.fromEntries(empty.values)).toEqual({ "spark.master": "local[*]" });
    expect(empty.sources.get("spark.master")).toEqual({ kind: "builtin" });
    expect(BUILTIN_DEFAULTS.get("spark.master")).toBe("local[*]");
  });

  it("accepts replacement built-ins", () => {
    const r = resolveConfig({ builtins: new Map([["spark.app.name", "tributary"]]) });
    expect(Object.fromEntries(r.values)).toEqual({ "spark.app.name": "tributary" });
  });

  it("accepts a bare map as defaults (without lines)", () => {
    const r = resolveConfig({ defaults: new Map([["spark.x", "1"]]) });
    expect(r.sources.get("spark.x")).toEqual({
      kind: "file",
      path: "spark-defaults.conf",
      line: undefined,
    });
  });
});

describe("resolveConfig: non-Spark keys", () => {
  it("ignores keys not starting with spark. from the file and --conf, and reports them", () => {
    const r = resolveConfig({
      defaults: new Map([["my.key", "1"]]),
      cli: [["other", "2"]],
      code: [["custom.key", "3"]],
    });
    expect(r.values.has("my.key")).toBe(false);
    expect(r.values.has("other")).toBe(false);
    expect(r.values.get("custom.key")).toBe("3");
    expect(r.ignored).toEqual([
      {
        key: "my.key",
        source: { kind: "file", path: "spark-defaults.conf", line: undefined },
        reason: "Ignoring non-Spark config property",
      },
      { key: "other", source: { kind: "cli" }, reason: "Ignoring non-Spark config property" },
    ]);
  });
});

describe("resolveConfig: substitution", () => {
  it("resolves references across layers, after merging", () => {
    const r = resolveConfig({
      defaults: new Map([["spark.local.dir", "${spark.base}/tmp"]]),
      cli: [["spark.base", "/data"]],
      env: { USER: "ana" },
      code: [["spark.app.name", "${env:USER}-ingest"]],
    });
    expect(r.values.get("spark.local.dir")).toBe("/data/tmp");
    expect(r.values.get("spark.app.name")).toBe("ana-ingest");
  });

  it("can be turned off", () => {
    const r = resolveConfig({
      code: [["spark.a", "${env:X}"]],
      env: { X: "1" },
      substitute: false,
    });
    expect(r.values.get("spark.a")).toBe("${env:X}");
  });

  it("throws on a cycle, naming the keys", () => {
    const e = configError(() =>
      resolveConfig({ code: [["spark.a", "${spark.b}"]], cli: [["spark.b", "${spark.a}"]] }),
    );
    expect(e.code).toBe("CONFIG_CIRCULAR_REFERENCE");
    // Keys are resolved in insertion order (cli before code), so the chain starts at spark.b.
    expect(e.message).toBe(
      "Circular reference in the value of spark.b: spark.b -> spark.a -> spark.b.",
    );
  });
});

describe("resolveConfig: immutability", () => {
  it("returns maps and lists that cannot be changed", () => {
    const r = resolveConfig({ code: [["spark.a", "1"]], cli: [["x", "1"]] });
    expect("set" in r.values).toBe(false);
    expect(Reflect.set(r.values, "size", 0)).toBe(false);
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.ignored)).toBe(true);
    expect(() => Map.prototype.set.call(r.values, "spark.a", "2")).toThrow(TypeError);
  });

  it("is not affected by later changes to its inputs", () => {
    const code = new Map([["spark.a", "1"]]);
    const r = resolveConfig({ code });
    code.set("spark.a", "2");
    expect(r.values.get("spark.a")).toBe("1");
  });
});

describe("describeSource and formatConfig", () => {
  it.each<[ConfigSource, string]>([
    [{ kind: "code" }, "set in code"],
    [{ kind: "cli" }, "from --conf"],
    [{ kind: "env", variable: "SPARK_REMOTE" }, "from environment variable SPARK_REMOTE"],
    [
      { kind: "file", path: "/etc/spark/conf/spark-defaults.conf", line: 3 },
      "from /etc/spark/conf/spark-defaults.conf, line 3",
    ],
    [
      { kind: "file", path: "/etc/spark/conf/spark-defaults.conf", line: undefined },
      "from /etc/spark/conf/spark-defaults.conf",
    ],
    [{ kind: "builtin" }, "built-in default"],
  ])("%j -> %s", (source, text) => {
    expect(describeSource(source)).toBe(text);
  });

  it("prints sorted key=value lines with their origin, secrets redacted", () => {
    const r = resolveConfig({
      defaults,
      env: { SPARK_REMOTE: "sc://h:15002/;token=abc" },
      cli: [["spark.hadoop.fs.s3a.secret.key", "s3cr3t"]],
      code: [["spark.app.name", "ingest"]],
    });
    expect(formatConfig(r)).toEqual([
      "spark.app.name=ingest (set in code)",
      "spark.driver.memory=4g (from /etc/spark/conf/spark-defaults.conf, line 3)",
      "spark.executor.cores=2 (from /etc/spark/conf/spark-defaults.conf, line 7)",
      "spark.hadoop.fs.s3a.secret.key=*********(redacted) (from --conf)",
      "spark.master=yarn (from /etc/spark/conf/spark-defaults.conf, line 4)",
      "spark.remote=*********(redacted) (from environment variable SPARK_REMOTE)",
      "spark.sql.shuffle.partitions=200 (from /etc/spark/conf/spark-defaults.conf, line 6)",
    ]);
  });
});
