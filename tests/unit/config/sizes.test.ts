import { describe, expect, it } from "vitest";
import { defaultByteUnit, parseByteSize } from "../../../src/config/index.js";
import { configError } from "./helpers.js";

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

describe("parseByteSize", () => {
  it.each([
    ["10b", 10],
    ["100k", 100 * KiB],
    ["1kb", KiB],
    ["512m", 512 * MiB],
    ["1mb", MiB],
    ["4g", 4 * GiB],
    ["4GB", 4 * GiB],
    ["1t", 1024 * GiB],
    ["1tb", 1024 * GiB],
    ["1p", 1024 * 1024 * GiB],
    ["2pb", 2 * 1024 * 1024 * GiB],
    ["  8M ", 8 * MiB],
    ["0", 0],
    ["1024", 1024],
  ])("%j -> %d bytes (default unit bytes)", (text, bytes) => {
    expect(parseByteSize("spark.sql.files.maxPartitionBytes", text)).toBe(bytes);
  });

  it("reads bare numbers in MiB for memory settings, as Spark does", () => {
    expect(parseByteSize("spark.driver.memory", "1024")).toBe(1024 * MiB);
    expect(parseByteSize("spark.executor.memory", "512")).toBe(512 * MiB);
    expect(parseByteSize("spark.driver.memory", "4g")).toBe(4 * GiB);
    expect(parseByteSize("spark.driver.memory", "100b")).toBe(100);
  });

  it("reads bare numbers in KiB where Spark does", () => {
    expect(parseByteSize("spark.shuffle.file.buffer", "32")).toBe(32 * KiB);
  });

  it("takes an explicit default unit", () => {
    expect(parseByteSize("my.size", "3", "g")).toBe(3 * GiB);
  });

  it("knows the default unit of common keys", () => {
    expect(defaultByteUnit("spark.driver.memory")).toBe("m");
    expect(defaultByteUnit("spark.kryoserializer.buffer")).toBe("k");
    expect(defaultByteUnit("spark.driver.maxResultSize")).toBe("b");
    expect(defaultByteUnit("constructor")).toBe("b");
  });

  it("keeps exact bytes below 8 PiB", () => {
    expect(parseByteSize("k", "7p")).toBe(7 * 2 ** 50);
  });
});

describe("parseByteSize errors", () => {
  const accepted =
    "Expected a whole number with an optional unit: bytes (b), kibibytes (k, kb), mebibytes (m, mb), " +
    "gibibytes (g, gb), tebibytes (t, tb) or pebibytes (p, pb), e.g. 50b, 100k, 250m, 4g.";

  it.each([
    ["4gig", 'invalid suffix "gig"'],
    ["4x", 'invalid suffix "x"'],
    ["1.5g", "fractional values are not supported"],
    ["0.5", "fractional values are not supported"],
    ["-1g", "not a size"],
    ["4 g", "not a size"],
    ["", "not a size"],
    ["g", "not a size"],
    ["8p", "too large (8 PiB or more)"],
    ["8192p", "too large (8 PiB or more)"],
  ])("%j: %s", (text, reason) => {
    const e = configError(() => parseByteSize("spark.driver.memory", text));
    expect(e.code).toBe("CONFIG_INVALID_VALUE");
    expect(e.message).toBe(
      `Invalid value "${text}" for spark.driver.memory: ${reason}. ${accepted}`,
    );
    expect(e.context).toMatchObject({ key: "spark.driver.memory", value: text });
    expect(e.hint).toContain("spark.driver.memory");
  });
});
