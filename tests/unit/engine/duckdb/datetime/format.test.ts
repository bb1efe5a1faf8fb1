/**
 * date_format / from_unixtime: the generated SQL runs on DuckDB and must print what Spark
 * prints (expected values are Spark 3.5's output for the same timestamp and session zone).
 */
import { describe, expect, it } from "vitest";
import { formatSql, fromUnixtimeSql } from "../../../../../src/engine/duckdb/datetime/sql.js";
import { lit, useDuckDB } from "./duckdb.js";

const db = useDuckDB();
const TS = "TIMESTAMPTZ '2024-03-05 07:08:09.123456+00'";
const at = (instant: string): string => `TIMESTAMPTZ ${lit(instant)}`;

describe("formatSql in UTC", () => {
  it.each([
    ["yyyy-MM-dd HH:mm:ss.SSS", "2024-03-05 07:08:09.123"],
    ["EEE, d MMM yyyy", "Tue, 5 Mar 2024"],
    ["EEEE, MMMM d, yyyy", "Tuesday, March 5, 2024"],
    ["LLLL LLL L LL", "March Mar 3 03"],
    ["yy/M/d", "24/3/5"],
    ["yyyyy y yyy", "02024 2024 2024"],
    ["D DD DDD", "65 65 065"],
    ["h:mm a", "7:08 AM"],
    ["H:m:s", "7:8:9"],
    ["S SS SSSS SSSSS", "1 12 1234 12345"],
    ["SSSSSS SSSSSSSSS", "123456 123456000"],
    ["yyyy-MM-dd'T'HH:mm:ss", "2024-03-05T07:08:09"],
    ["h 'o''clock' a", "7 o'clock AM"],
    ["yyyy''MM", "2024'03"],
    ["yyyy 100% dd", "2024 100% 05"],
    ["Q QQ QQQ QQQQ q", "1 01 Q1 1st quarter 1"],
    ["G GGGG", "AD Anno Domini"],
    ["yyyy-MM-dd[ HH:mm][ VV]", "2024-03-05 07:08 UTC"],
    ["X XX XXX XXXX XXXXX", "Z Z Z Z Z"],
    ["x xx xxx xxxx xxxxx", "+00 +0000 +00:00 +0000 +00:00"],
    ["Z ZZZZ ZZZZZ O OOOO", "+0000 GMT Z GMT GMT"],
    ["VV", "UTC"],
  ])("%s", async (pattern, expected) => {
    expect(await db.text(formatSql(TS, pattern))).toBe(expected);
  });

  it("prints midnight as h=12, K=0, k=24, H=0", async () => {
    const sql = formatSql(at("2024-01-05 00:08:00+00"), "hh KK kk HH a D DD DDD");
    expect(await db.text(sql)).toBe("12 00 24 00 AM 5 05 005");
  });

  it("prints the afternoon with h, K and a", async () => {
    expect(await db.text(formatSql(at("2024-09-30 19:08:00+00"), "h K k a MMM QQQQ"))).toBe(
      "7 7 19 PM Sep 3rd quarter",
    );
  });

  it("formats a DATE as midnight and keeps NULL as NULL", async () => {
    expect(await db.text(formatSql("DATE '2024-03-05'", "yyyy-MM-dd HH:mm"))).toBe(
      "2024-03-05 00:00",
    );
    expect(await db.text(formatSql("CAST(NULL AS TIMESTAMPTZ)", "yyyy XXX"))).toBeNull();
    expect(await db.text(formatSql("CAST(NULL AS TIMESTAMPTZ)", "QQQ"))).toBeNull();
  });

  it("prints an empty pattern as an empty string", async () => {
    expect(await db.text(formatSql(TS, ""))).toBe("");
    expect(await db.text(formatSql(TS, "'literal only'"))).toBe("literal only");
  });
});

describe("formatSql in other session time zones", () => {
  it("prints the wall clock and offsets of America/Los_Angeles (winter and summer)", async () => {
    await db.zone("America/Los_Angeles");
    try {
      const pattern = "yyyy-MM-dd HH:mm:ss X XX XXX x Z ZZZZ ZZZZZ O OOOO VV";
      expect(await db.text(formatSql(TS, pattern))).toBe(
        "2024-03-04 23:08:09 -08 -0800 -08:00 -08 -0800 GMT-08:00 -08:00 GMT-8 GMT-08:00 America/Los_Angeles",
      );
      expect(await db.text(formatSql(at("2024-07-05 12:00:00+00"), "yyyy-MM-dd HH:mm XXX"))).toBe(
        "2024-07-05 05:00 -07:00",
      );
      expect(await db.text(formatSql("DATE '2024-03-05'", "yyyy-MM-dd HH:mm XXX"))).toBe(
        "2024-03-05 00:00 -08:00",
      );
    } finally {
      await db.zone("UTC");
    }
  });

  it("prints half-hour offsets (Asia/Kolkata)", async () => {
    await db.zone("Asia/Kolkata");
    try {
      expect(await db.text(formatSql(TS, "HH:mm X XXX xx O OOOO"))).toBe(
        "12:38 +0530 +05:30 +0530 GMT+5:30 GMT+05:30",
      );
    } finally {
      await db.zone("UTC");
    }
  });
});

describe("fromUnixtimeSql", () => {
  it("formats epoch seconds in the session zone", async () => {
    expect(await db.text(fromUnixtimeSql("0"))).toBe("1970-01-01 00:00:00");
    await db.zone("America/Los_Angeles");
    try {
      expect(await db.text(fromUnixtimeSql("0"))).toBe("1969-12-31 16:00:00");
      expect(await db.text(fromUnixtimeSql("1709622489", "yyyy-MM-dd HH:mm:ss XXX"))).toBe(
        "2024-03-04 23:08:09 -08:00",
      );
    } finally {
      await db.zone("UTC");
    }
  });
});
