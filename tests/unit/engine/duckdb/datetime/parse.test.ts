/**
 * to_timestamp / to_date / unix_timestamp with a pattern: the generated SQL runs on DuckDB
 * and must give Spark's value (ANSI mode off: text Spark cannot parse is NULL). Timestamps
 * are read back as text in the session zone, UTC unless a test says otherwise.
 */
import { describe, expect, it } from "vitest";
import {
  formatSql,
  parseDateSql,
  parseTimestampSql,
  unixTimestampSql,
} from "../../../../../src/engine/duckdb/datetime/sql.js";
import { lit, useDuckDB } from "./duckdb.js";

const db = useDuckDB();
const ts = (text: string, pattern: string): Promise<string | null> =>
  db.text(parseTimestampSql(lit(text), pattern));
const date = (text: string, pattern: string): Promise<string | null> =>
  db.text(parseDateSql(lit(text), pattern));

describe("parseDateSql with a pattern", () => {
  it.each([
    ["5/3/2024", "d/M/yyyy", "2024-03-05"],
    ["05/03/2024", "d/M/yyyy", "2024-03-05"],
    ["05/03/2024", "dd/MM/yyyy", "2024-03-05"],
    ["20240305", "yyyyMMdd", "2024-03-05"],
    ["05/03/24", "dd/MM/yy", "2024-03-05"],
    ["05/03/70", "dd/MM/yy", "2070-03-05"],
    ["31/12/99", "dd/MM/yy", "2099-12-31"],
    ["29/02/96", "dd/MM/yy", "2096-02-29"],
    ["05 mar 2024", "dd MMM yyyy", "2024-03-05"],
    ["05 MARCH 2024", "dd MMMM yyyy", "2024-03-05"],
    ["65/2024", "D/yyyy", "2024-03-05"],
    ["2024-03-05 at 07:08", "yyyy-MM-dd 'at' HH:mm", "2024-03-05"],
    ["'24", "''yy", "2024-01-01"],
    ["2024%03", "yyyy%MM", "2024-03-01"],
    ["2024.03", "yyyy.MM", "2024-03-01"],
  ])("%s with %s", async (text, pattern, expected) => {
    expect(await date(text, pattern)).toBe(expected);
  });

  it.each([
    ["5/03/2024", "dd/MM/yyyy"],
    ["2024035", "yyyyMMdd"],
    ["2024-02-30", "yyyy-MM-dd"],
    ["2023-02-29", "yyyy-MM-dd"],
    ["2024-13-01", "yyyy-MM-dd"],
    [" 2024-03-05", "yyyy-MM-dd"],
    ["2024-03-05x", "yyyy-MM-dd"],
    ["05 March 2024", "dd MMM yyyy"],
    ["2024x03", "yyyy.MM"],
    ["garbage", "yyyy-MM-dd"],
  ])("%s with %s is NULL", async (text, pattern) => {
    expect(await date(text, pattern)).toBeNull();
  });

  it("keeps NULL as NULL", async () => {
    expect(await db.text(parseDateSql("CAST(NULL AS VARCHAR)", "yyyy-MM-dd"))).toBeNull();
  });
});

describe("parseTimestampSql with a pattern", () => {
  it.each([
    ["2024-03-05 07:08:09.123", "yyyy-MM-dd HH:mm:ss.SSS", "2024-03-05 07:08:09.123+00"],
    ["2024-03-05 07:08:09.12", "yyyy-MM-dd HH:mm:ss.SSS", "2024-03-05 07:08:09.12+00"],
    [
      "2024-03-05 07:08:09.123456789",
      "yyyy-MM-dd HH:mm:ss.SSSSSSSSS",
      "2024-03-05 07:08:09.123456+00",
    ],
    [
      "2024-03-05T07:08:09.9999999+01:00",
      "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSXXX",
      "2024-03-05 06:08:09.999999+00",
    ],
    ["2024-03-05T07:08:09Z", "yyyy-MM-dd'T'HH:mm:ssXXX", "2024-03-05 07:08:09+00"],
    ["2024-03-05t07:08:09z", "yyyy-MM-dd'T'HH:mm:ssX", "2024-03-05 07:08:09+00"],
    ["2024-03-05T07:08:09+01:00", "yyyy-MM-dd'T'HH:mm:ssXXX", "2024-03-05 06:08:09+00"],
    ["2024-03-05T07:08:09-0800", "yyyy-MM-dd'T'HH:mm:ssZ", "2024-03-05 15:08:09+00"],
    ["2024-03-05 07:08 +0530", "yyyy-MM-dd HH:mm xx", "2024-03-05 01:38:00+00"],
    ["2024-03-05 07:08 GMT+8", "yyyy-MM-dd HH:mm O", "2024-03-04 23:08:00+00"],
    ["2024-03-05 07:08 GMT", "yyyy-MM-dd HH:mm O", "2024-03-05 07:08:00+00"],
    ["2024-03-05 07:08 GMT-05:30", "yyyy-MM-dd HH:mm ZZZZ", "2024-03-05 12:38:00+00"],
    ["2024-03-05 07:08 America/New_York", "yyyy-MM-dd HH:mm VV", "2024-03-05 12:08:00+00"],
    ["2024-03-05 07:08 +013015", "yyyy-MM-dd HH:mm XXXX", "2024-03-05 05:37:45+00"],
    ["02024-03-05 07:08 -03", "yyyyy-MM-dd HH:mm x", "2024-03-05 10:08:00+00"],
    ["2024-03-05 07:08 PST", "yyyy-MM-dd HH:mm z", "2024-03-05 15:08:00+00"],
    ["07:08 PM", "hh:mm a", "1970-01-01 19:08:00+00"],
    ["12:30 am", "hh:mm a", "1970-01-01 00:30:00+00"],
    ["12:30", "hh:mm", "1970-01-01 00:30:00+00"],
    ["24:00", "kk:mm", "1970-01-01 00:00:00+00"],
    ["00:15 PM", "KK:mm a", "1970-01-01 12:15:00+00"],
    ["13:00 PM", "HH:mm a", "1970-01-01 13:00:00+00"],
    ["2024-03-05 07:08:09", "yyyy-MM-dd HH:mm:ss[.SSS]", "2024-03-05 07:08:09+00"],
    ["2024-03-05 07:08:09.5", "yyyy-MM-dd HH:mm:ss[.SSS]", "2024-03-05 07:08:09.5+00"],
    ["2024-03-05", "yyyy-MM-dd[ HH:mm[:ss]]", "2024-03-05 00:00:00+00"],
    ["2024-03-05 07:08", "yyyy-MM-dd[ HH:mm[:ss]]", "2024-03-05 07:08:00+00"],
  ])("%s with %s", async (text, pattern, expected) => {
    expect(await ts(text, pattern)).toBe(expected);
  });

  it.each([
    ["2024-03-05 07:08:09.1234", "yyyy-MM-dd HH:mm:ss.SSS"],
    ["2024-03-05 7:08:09", "yyyy-MM-dd HH:mm:ss"],
    ["2024-03-05 24:00:00", "yyyy-MM-dd HH:mm:ss"],
    ["2024-03-05 07:08:60", "yyyy-MM-dd HH:mm:ss"],
    ["13:00", "hh:mm"],
    ["00:00", "kk:mm"],
    ["2024-03-05 07:08 Mars/Olympus", "yyyy-MM-dd HH:mm VV"],
    ["2024-03-05T07:08:09+01:00", "yyyy-MM-dd'T'HH:mm:ssX"],
    ["2024-03-05 07:08:09.", "yyyy-MM-dd HH:mm:ss[.SSS]"],
    ["2024-02-30 07:08 Europe/Paris", "yyyy-MM-dd HH:mm VV"],
    ["2023-02-29 07:08 UTC", "yyyy-MM-dd HH:mm z"],
  ])("%s with %s is NULL", async (text, pattern) => {
    expect(await ts(text, pattern)).toBeNull();
  });

  it("reads text without a zone in the session zone", async () => {
    await db.zone("America/Los_Angeles");
    try {
      expect(await ts("2024-03-05 07:08:09", "yyyy-MM-dd HH:mm:ss")).toBe("2024-03-05 07:08:09-08");
      expect(await ts("2024-03-05T02:00:00Z", "yyyy-MM-dd'T'HH:mm:ssX")).toBe(
        "2024-03-04 18:00:00-08",
      );
      // to_date of an instant is its date in the session zone.
      expect(await date("2024-03-05T02:00:00Z", "yyyy-MM-dd'T'HH:mm:ssX")).toBe("2024-03-04");
      // A wall-clock time in the spring-forward gap moves forward, as java.time does.
      expect(await ts("2024-03-10 02:30", "yyyy-MM-dd HH:mm")).toBe("2024-03-10 03:30:00-07");
    } finally {
      await db.zone("UTC");
    }
  });
});

describe("over a column", () => {
  it("parses each row, NULL for the bad ones", async () => {
    const values = ["2024-03-05 07:08", "2024-03-05", "bad", null, "2024-02-30 00:00"];
    expect(await db.column(parseTimestampSql("s", "yyyy-MM-dd[ HH:mm]"), values)).toEqual([
      "2024-03-05 07:08:00+00",
      "2024-03-05 00:00:00+00",
      null,
      null,
      null,
    ]);
    expect(await db.column(parseTimestampSql('"t"."s"', undefined), values)).toEqual([
      "2024-03-05 07:08:00+00",
      "2024-03-05 00:00:00+00",
      null,
      null,
      null,
    ]);
    expect(await db.column(parseDateSql("s", "dd/MM/yy"), ["05/03/24", "5/3/24", null])).toEqual([
      "2024-03-05",
      null,
      null,
    ]);
  });

  it("round-trips through formatSql and parseTimestampSql", async () => {
    const pattern = "EEEE, d MMMM yy h:mm:ss.SS a XXX";
    const text = formatSql(parseTimestampSql("s", undefined), pattern);
    expect(await db.column(text, ["2024-03-05T19:08:09.123Z"])).toEqual([
      "Tuesday, 5 March 24 7:08:09.12 PM Z",
    ]);
    const back = parseTimestampSql(
      formatSql("CAST(s AS TIMESTAMPTZ)", "dd/MM/yy hh:mm:ss.SS a XXX"),
      "dd/MM/yy hh:mm:ss.SS a XXX",
    );
    expect(await db.column(back, ["2024-03-05 19:08:09.123+00"])).toEqual([
      "2024-03-05 19:08:09.12+00",
    ]);
  });
});

describe("unixTimestampSql", () => {
  it("gives whole epoch seconds of the parsed text", async () => {
    expect(await db.text(unixTimestampSql(lit("1970-01-01 00:01:40")))).toBe("100");
    expect(
      await db.text(unixTimestampSql(lit("1969-12-31 23:59:59.5"), "yyyy-MM-dd HH:mm:ss.S")),
    ).toBe("-1");
    expect(await db.text(unixTimestampSql(lit("nope")))).toBeNull();
    await db.zone("America/Los_Angeles");
    try {
      expect(await db.text(unixTimestampSql(lit("1970-01-01 00:01:40")))).toBe("28900");
    } finally {
      await db.zone("UTC");
    }
  });
});
