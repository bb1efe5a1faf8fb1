/** The pure parts: strftime translation, durations, type names, result shaping, bounds. */
import { describe, expect, it } from "vitest";
import { IntegerType, LongType, parseDataType } from "../../../src/index.js";
import { isBetween } from "../../../src/quality/between.js";
import { strftimeRegex } from "../../../src/quality/compile/strftime.js";
import { typeMatches } from "../../../src/quality/compile/type-names.js";
import { parseDurationKwarg } from "../../../src/quality/duration.js";
import { partialCounts } from "../../../src/quality/map-result.js";
import { parseResultFormat, sampleLimit } from "../../../src/quality/result-format.js";

describe("strftime formats as CPython's strptime reads them", () => {
  const matches = (format: string, value: string) =>
    new RegExp(
      // JavaScript lacks (?i) and (?-i:...): apply the flag to the whole regex instead.
      strftimeRegex(format).regex.replace("(?i)", "").replace("(?-i:Z)", "Z").replace("\\z", "$"),
      "i",
    ).test(value);

  it("accepts one- or two-digit fields and C-locale names, case-insensitively", () => {
    expect(matches("%Y-%m-%d", "2024-1-5")).toBe(true);
    expect(matches("%Y-%m-%d", "2024-13-01")).toBe(false);
    expect(matches("%d %b %Y", "5 MAR 2024")).toBe(true);
    expect(matches("%A, %B %d", "Tuesday, September 3")).toBe(true);
    expect(matches("%H:%M:%S.%f", "23:59:60.123456")).toBe(true);
    expect(matches("%H:%M", "24:00")).toBe(false);
    expect(matches("%Y-%m-%dT%H:%M:%S%z", "2024-01-01T00:00:00+01:00")).toBe(true);
    expect(matches("%Y-%m-%d %H:%M", "2024-01-01   10:30")).toBe(true); // whitespace is \s+
    expect(matches("%Y-%m-%d", "2024-01-01x")).toBe(false); // "unconverted data remains"
    expect(matches("%x", "12/31/24")).toBe(true);
  });

  it("escapes literal text and records the date groups", () => {
    const r = strftimeRegex("(%Y.%m)%%");
    expect(r.regex).toBe("(?i)^\\((\\d\\d\\d\\d)\\.(1[0-2]|0[1-9]|[1-9])\\)%\\z");
    expect(r.groups).toEqual({ Y: 1, m: 2 });
  });

  it("refuses bad directives", () => {
    expect(() => strftimeRegex("%Q")).toThrow("'Q' is a bad directive");
    expect(() => strftimeRegex("%Y%")).toThrow("stray %");
  });
});

describe("durations", () => {
  it("reads timedelta dicts, compact text and ISO 8601", () => {
    expect(parseDurationKwarg({ minutes: 30 })).toBe(1_800_000);
    expect(parseDurationKwarg({ days: 1, hours: 12 })).toBe(129_600_000);
    expect(parseDurationKwarg("30m")).toBe(1_800_000);
    expect(parseDurationKwarg("1h30m")).toBe(5_400_000);
    expect(parseDurationKwarg("500ms")).toBe(500);
    expect(parseDurationKwarg("PT30M")).toBe(1_800_000);
    expect(parseDurationKwarg("P1DT12H")).toBe(129_600_000);
  });

  it("says why a value is not a duration", () => {
    expect(parseDurationKwarg({ fortnights: 1 })).toEqual({
      reason: expect.stringContaining('unknown unit "fortnights"'),
    });
    expect(parseDurationKwarg({ minutes: -1 })).toEqual({
      reason: expect.stringContaining(">= 0"),
    });
    expect(parseDurationKwarg("3 parsecs")).toEqual({
      reason: expect.stringContaining("is not a duration"),
    });
    expect(parseDurationKwarg("P")).toEqual({ reason: expect.stringContaining("ISO 8601") });
    expect(parseDurationKwarg(30)).toEqual({ reason: expect.stringContaining("must be") });
  });
});

describe("type names", () => {
  it("matches as isinstance over Spark's type classes", () => {
    expect(typeMatches(IntegerType, "IntegralType")).toBe(true);
    expect(typeMatches(IntegerType, "FractionalType")).toBe(false);
    expect(typeMatches(parseDataType("decimal(10,2)"), "DecimalType")).toBe(true);
    expect(typeMatches(parseDataType("decimal(10,2)"), "decimal(10,2)")).toBe(true);
    expect(typeMatches(parseDataType("decimal(10,2)"), "decimal(12,2)")).toBe(false);
    expect(typeMatches(LongType, "int64")).toBe(true);
    expect(typeMatches(parseDataType("array<int>"), "ArrayType")).toBe(true);
  });
});

describe("result shaping", () => {
  it("orders value counts by count, then value; leaves them out when Python could not", () => {
    expect(partialCounts(["b", "a", "b", "c"], 20)).toEqual([
      { value: "b", count: 2 },
      { value: "a", count: 1 },
      { value: "c", count: 1 },
    ]);
    expect(partialCounts(["b", "a", "b", "c"], 2)).toEqual([
      { value: "b", count: 2 },
      { value: "a", count: 1 },
    ]);
    expect(partialCounts([1, "a"], 20)).toBeUndefined();
    expect(partialCounts([null, 1], 20)).toHaveLength(2); // pandas' NaN orders against numbers
  });

  it("parses result formats and caps COMPLETE at GE's 200 values", () => {
    expect(parseResultFormat()).toEqual({ level: "SUMMARY", partialUnexpectedCount: 20 });
    expect(sampleLimit(parseResultFormat("COMPLETE"))).toBe(200);
    expect(sampleLimit(parseResultFormat("BOOLEAN_ONLY"))).toBe(0);
    expect(() => parseResultFormat("FULL" as never)).toThrow("Invalid result_format");
  });

  it("compares statistics with bounds as GE does", () => {
    expect(isBetween(null, "number", { min_value: 0 })).toBe(false);
    expect(isBetween(Number.NaN, "number", {})).toBe(false);
    expect(isBetween(5, "number", {})).toBe(true);
    expect(isBetween("b", "string", { min_value: "a", max_value: "b" })).toBe(true);
    expect(
      isBetween(new Date("2024-01-01T00:00:00Z"), "instant", { max_value: "2024-01-01" }),
    ).toBe(true);
    expect(() => isBetween(5, "number", { min_value: "a" })).toThrow("cannot be compared");
  });
});
