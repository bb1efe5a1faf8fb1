/**
 * to_timestamp(s) / to_date(s) without a pattern: Spark's casts of text (ANSI off), run
 * on DuckDB. Timestamps are read back as text in the session zone (UTC here).
 */
import { describe, expect, it } from "vitest";
import { parseDateSql, parseTimestampSql } from "../../../../../src/engine/duckdb/datetime/sql.js";
import { lit, useDuckDB } from "./duckdb.js";

const db = useDuckDB();

describe("parseTimestampSql without a pattern", () => {
  it.each([
    ["2024-03-05T07:08:09Z", "2024-03-05 07:08:09+00"],
    ["2024-03-05 07:08:09", "2024-03-05 07:08:09+00"],
    ["2024-03-05", "2024-03-05 00:00:00+00"],
    ["2024-03", "2024-03-01 00:00:00+00"],
    ["2024", "2024-01-01 00:00:00+00"],
    ["2024-03-05 07:08", "2024-03-05 07:08:00+00"],
    ["  2024-3-5 7:8:9.1234567  ", "2024-03-05 07:08:09.123456+00"],
    ["2024-03-05T07:08:09.5+01:30", "2024-03-05 05:38:09.5+00"],
    ["2024-03-05 07:08:09 +01:00", "2024-03-05 06:08:09+00"],
    ["2024-03-05 07:08:09-0800", "2024-03-05 15:08:09+00"],
    ["2024-03-05 07:08:09+1", "2024-03-05 06:08:09+00"],
    ["2024-03-05 07:08:09 UTC", "2024-03-05 07:08:09+00"],
    ["2024-03-05 07:08:09 GMT+1:30", "2024-03-05 05:38:09+00"],
    ["2024-03-05 07:08:09 America/New_York", "2024-03-05 12:08:09+00"],
    ["+2024-03-05 07:08:09", "2024-03-05 07:08:09+00"],
  ])("%s", async (text, expected) => {
    expect(await db.text(parseTimestampSql(lit(text), undefined))).toBe(expected);
  });

  it.each([
    "abc",
    "2024-03-05T",
    "2024-13-01",
    "2024-02-30 00:00:00",
    "2024-02-30 00:00:00 Europe/Paris",
    "2024-02-30 00:00:00+01:00",
    "2024-03-05 07:08Z",
    "2024-03-05 25:00:00",
    "2024-03-05 24:00:00",
    "2024-03-05 07:08:09+19:00",
    "2024-03-05 07:08:09.5 +23:00",
    "2024-03-05 07:08:09 Foo/Bar",
    "24-03-05",
    "",
  ])("%j is NULL", async (text) => {
    expect(await db.text(parseTimestampSql(lit(text), undefined))).toBeNull();
  });

  it("reads text without a zone in the session zone", async () => {
    await db.zone("America/Los_Angeles");
    try {
      expect(await db.text(parseTimestampSql(lit("2024-03-05 07:08:09"), undefined))).toBe(
        "2024-03-05 07:08:09-08",
      );
      expect(await db.text(parseTimestampSql(lit("2024-03-05 07:08:09Z"), undefined))).toBe(
        "2024-03-04 23:08:09-08",
      );
    } finally {
      await db.zone("UTC");
    }
  });
});

describe("parseDateSql without a pattern", () => {
  it.each([
    ["2024-03-05", "2024-03-05"],
    [" 2024-3-5 ", "2024-03-05"],
    ["2024-03", "2024-03-01"],
    ["2024", "2024-01-01"],
    ["2024-03-05 07:08:09", "2024-03-05"],
    ["2024-03-05T23:59:59+14:00", "2024-03-05"],
    ["2024-03-05 anything", "2024-03-05"],
  ])("%s", async (text, expected) => {
    expect(await db.text(parseDateSql(lit(text), undefined))).toBe(expected);
  });

  it.each(["2024/03/05", "2024-02-30", "2024-03-05x", "05-03-2024", "x"])(
    "%j is NULL",
    async (text) => {
      expect(await db.text(parseDateSql(lit(text), undefined))).toBeNull();
    },
  );
});
