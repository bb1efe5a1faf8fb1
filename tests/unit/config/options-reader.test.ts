/**
 * The one options reader and the one boolean rule. Spark 4.0.1 (PySpark): CSV `header`
 * takes "TRUE" and "True", refuses "yes" and " true" ("header flag can be true or false");
 * `spark.conf.set("spark.sql.ansi.enabled", " true ")` is accepted, "yes" refused.
 */
import { describe, expect, it } from "vitest";
import { confBoolean, OptionsReader, sparkBoolean } from "../../../src/config/index.js";
import { parseDeltaWriteOptions } from "../../../src/delta/operations/options.js";
import { IllegalArgumentError, type TributaryError } from "../../../src/errors.js";

describe("sparkBoolean", () => {
  it("takes true and false in any case and nothing else", () => {
    expect(["true", "TRUE", "True", "false", "FaLsE"].map(sparkBoolean)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(["yes", "1", "", " true", "t"].map(sparkBoolean)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("OptionsReader", () => {
  it("compares option names case-insensitively", () => {
    const o = new OptionsReader({ Header: "TRUE", SEP: "|" });
    expect(o.bool("header", false)).toBe(true);
    expect(o.get("sep")).toBe("|");
    expect(o.has("HEADER")).toBe(true);
    expect(o.bool("inferSchema", false)).toBe(false);
  });

  it.each(["yes", " true", "1"])("refuses %j as a boolean, naming the option", (text) => {
    const o = new OptionsReader({ header: text });
    expect(() => o.bool("header", false)).toThrow(IllegalArgumentError);
    expect(() => o.bool("header", false)).toThrow(
      `Option header must be true or false, got '${text}'.`,
    );
  });
});

describe("boolean settings and Delta options use the same rule", () => {
  it("reads configuration booleans trimmed, and refuses other values", () => {
    expect(confBoolean({ k: " TRUE " }, "k", false)).toBe(true);
    expect(confBoolean({}, "k", true)).toBe(true);
    try {
      confBoolean({ "spark.sql.ansi.enabled": "yes" }, "spark.sql.ansi.enabled", false);
      expect.unreachable();
    } catch (e) {
      expect((e as TributaryError).code).toBe("CONFIG_INVALID_VALUE");
    }
  });

  it("parses Delta's mergeSchema in any case and refuses anything else", () => {
    expect(parseDeltaWriteOptions({ MergeSchema: "TRUE" }).mergeSchema).toBe(true);
    expect(parseDeltaWriteOptions({ overwriteSchema: "False" }).overwriteSchema).toBe(false);
    expect(() => parseDeltaWriteOptions({ mergeSchema: "yes" })).toThrow(
      "Option mergeSchema must be true or false, got 'yes'.",
    );
  });
});
