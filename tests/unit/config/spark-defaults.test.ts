import { describe, expect, it } from "vitest";
import {
  parseSparkDefaults,
  parseSparkDefaultsEntries,
  trimExceptCRLF,
} from "../../../src/config/index.js";
import { configError } from "./helpers.js";

describe("trimExceptCRLF", () => {
  it.each([
    ["  4g  ", "4g"],
    ["\t4g\f", "4g"],
    ["\u0001x\u001f", "x"],
    ["a\n", "a\n"],
    ["\r\na", "\r\na"],
    ["   ", ""],
    ["", ""],
    ["a b", "a b"],
  ])("%j -> %j", (input, expected) => {
    expect(trimExceptCRLF(input)).toBe(expected);
  });
});

describe("parseSparkDefaults", () => {
  const sample = [
    "# Default system properties included when running spark-submit.",
    "spark.master                     spark://master:7077",
    "spark.eventLog.enabled           true",
    "spark.serializer                 org.apache.spark.serializer.KryoSerializer",
    "spark.driver.memory              5g   ",
    'spark.executor.extraJavaOptions  -XX:+PrintGCDetails -Dkey=value -Dnumbers="one two three"',
    "spark.sql.warehouse.dir=/data/warehouse",
    "spark.app.name: nightly ingest",
  ].join("\n");

  it("reads the layout of Spark's spark-defaults.conf.template", () => {
    expect(Object.fromEntries(parseSparkDefaults(sample, "spark-defaults.conf"))).toEqual({
      "spark.master": "spark://master:7077",
      "spark.eventLog.enabled": "true",
      "spark.serializer": "org.apache.spark.serializer.KryoSerializer",
      "spark.driver.memory": "5g",
      "spark.executor.extraJavaOptions":
        '-XX:+PrintGCDetails -Dkey=value -Dnumbers="one two three"',
      "spark.sql.warehouse.dir": "/data/warehouse",
      "spark.app.name": "nightly ingest",
    });
  });

  it("trims escaped blanks at the ends of values but keeps escaped line breaks", () => {
    const conf = parseSparkDefaults("a=\\ \\ x\\t\nb=x\\n\nc=\\u0020", "f");
    expect(conf.get("a")).toBe("x");
    expect(conf.get("b")).toBe("x\n");
    expect(conf.get("c")).toBe("");
  });

  it("keeps keys exactly as written, including case and non-spark keys", () => {
    const conf = parseSparkDefaults("Spark.Master local\nmy.key 1", "f");
    expect([...conf.keys()]).toEqual(["Spark.Master", "my.key"]);
  });

  it("lets the last of repeated keys win", () => {
    expect(parseSparkDefaults("spark.x 1\nspark.x 2", "f").get("spark.x")).toBe("2");
  });

  it("drops a leading byte-order mark", () => {
    expect([...parseSparkDefaults("\uFEFFspark.master local", "f").keys()]).toEqual([
      "spark.master",
    ]);
  });

  it("reports lines with the entries", () => {
    expect(parseSparkDefaultsEntries("\n\nspark.a   1  ", "f")).toEqual([
      { key: "spark.a", value: "1", line: 3 },
    ]);
  });

  it("names the source and line of a malformed escape", () => {
    const e = configError(() => parseSparkDefaults("spark.a 1\nspark.b \\uZZZZ", "/opt/conf"));
    expect(e.code).toBe("CONFIG_MALFORMED_ESCAPE");
    expect(e.message).toContain("/opt/conf:2:");
  });
});
