/**
 * The pure part: tokenizing, the plain strftime / strptime translations, and the errors
 * for patterns Spark rejects or DuckDB cannot express.
 */
import { describe, expect, it } from "vitest";
import {
  strptimeFormats,
  strptimeMatchesSpark,
  tokenizePattern,
  toStrftime,
  toStrptime,
} from "../../../../../src/engine/duckdb/datetime/pattern.js";
import { formatSql, parseTimestampSql } from "../../../../../src/engine/duckdb/datetime/sql.js";
import { AnalysisError, UnsupportedOperationError } from "../../../../../src/errors.js";
import { useDuckDB } from "./duckdb.js";

const db = useDuckDB();

describe("tokenizePattern", () => {
  it("splits letters, quoted text, '' and optional sections", () => {
    expect(tokenizePattern("d MMM ''yy['T'HH]")).toEqual([
      { kind: "field", letter: "d", count: 1, position: 0 },
      { kind: "literal", text: " ", position: 1 },
      { kind: "field", letter: "M", count: 3, position: 2 },
      { kind: "literal", text: " '", position: 5 },
      { kind: "field", letter: "y", count: 2, position: 8 },
      {
        kind: "optional",
        position: 10,
        tokens: [
          { kind: "literal", text: "T", position: 11 },
          { kind: "field", letter: "H", count: 2, position: 14 },
        ],
      },
    ]);
  });

  it("reads 'o''clock' as one literal", () => {
    expect(tokenizePattern("'o''clock'")).toEqual([
      { kind: "literal", text: "o'clock", position: 0 },
    ]);
  });
});

describe("toStrftime / toStrptime", () => {
  it.each([
    ["EEE, d MMM yyyy HH:mm", "%a, %-d %b %Y %H:%M"],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSSSS", "%Y-%m-%dT%H:%M:%S.%f"],
    ["EEEE MMMM yy hh a SSS", "%A %B %y %I %p %g"],
    ["yyyy% [HH]", "%Y%% %H"],
  ])("formats %s as %s", (pattern, format) => {
    expect(toStrftime(pattern)).toBe(format);
  });

  it.each([
    ["d/M/yyyy HH:mm:ss.SSS", "%-d/%-m/%Y %H:%M:%S.%g"],
    ["yyyyMMddHHmmss", "%Y%m%d%H%M%S"],
    ["dd MMM yyyy hh:mm a XXX", "%d %b %Y %I:%M %p %z"],
    ["yyyy-MM-dd HH:mm:ss VV", "%Y-%m-%d %H:%M:%S %Z"],
  ])("parses %s as %s", (pattern, format) => {
    expect(toStrptime(pattern)).toBe(format);
  });

  it("lists one strptime format per optional variant, most complete first", () => {
    expect(strptimeFormats("yyyy-MM-dd[ HH:mm[:ss]]")).toEqual([
      "%Y-%m-%d %H:%M:%S",
      "%Y-%m-%d %H:%M",
      "%Y-%m-%d",
    ]);
  });

  it("says when DuckDB's strptime alone reads valid text as Spark does", () => {
    expect(strptimeMatchesSpark("yyyy-MM-dd HH:mm:ss.SSS")).toBe(true);
    expect(strptimeMatchesSpark("dd/MM/yy")).toBe(false);
    expect(strptimeMatchesSpark("yyyy-MM-dd'T'HH:mm:ssXXX")).toBe(false);
    expect(strptimeMatchesSpark("HH:mm")).toBe(false);
  });

  it("gives formats DuckDB's strptime reads", async () => {
    const sql = `strptime('5/3/2024 07:08:09.5', '${toStrptime("d/M/yyyy HH:mm:ss.SSS")}')`;
    expect(await db.text(sql)).toBe("2024-03-05 07:08:09.5");
  });
});

describe("errors", () => {
  const analysis = (run: () => unknown, fragment: string): void => {
    expect(run).toThrow(AnalysisError);
    expect(run).toThrow(fragment);
  };

  it("rejects what Spark rejects, naming the index and letter", () => {
    analysis(() => formatSql("ts", "YYYY-MM-dd"), "'YYYY' at index 0 is a week-based field");
    analysis(() => formatSql("ts", "yyyy-MM-ddd"), "'ddd' at index 8 has too many letters");
    analysis(() => formatSql("ts", "yyyy b"), "'b' at index 5 is an unknown pattern letter");
    analysis(() => formatSql("ts", "MMMMM"), "at most 4");
    analysis(() => formatSql("ts", "V"), "must be exactly 'VV'");
    analysis(() => formatSql("ts", "yyyy 'abc"), "index 5 the quoted text starting here");
    analysis(() => formatSql("ts", "yyyy]"), "index 4 ']' closes no optional section");
    analysis(() => formatSql("ts", "yyyy#"), "'#' is reserved");
    analysis(() => parseTimestampSql("s", "EEE, d MMM yyyy"), "for formatting only");
    analysis(() => toStrptime("QQ yyyy"), "'QQ' at index 0");
  });

  it("carries the code, pattern and position", () => {
    try {
      formatSql("ts", "yyyy-MM-ddd");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AnalysisError);
      const error = e as AnalysisError;
      expect(error.code).toBe("INVALID_DATETIME_PATTERN");
      expect(error.context).toMatchObject({ pattern: "yyyy-MM-ddd", position: 8, letter: "d" });
    }
  });

  it("refuses what DuckDB cannot express, listing the supported letters", () => {
    const unsupported = (run: () => unknown, fragment: string): void => {
      expect(run).toThrow(UnsupportedOperationError);
      expect(run).toThrow(fragment);
    };
    unsupported(() => formatSql("ts", "HH:mm z"), "'z' at index 6 is a time-zone name");
    unsupported(() => formatSql("ts", "F"), "Letters supported for formatting: G y M L");
    unsupported(() => toStrftime("HH:mm:ss.SS"), "'SS' at index 9 has no strftime specifier");
    unsupported(() => toStrftime("yyyy XXX"), "'XXX' at index 5");
    unsupported(() => toStrptime("KK:mm a"), "'KK' at index 0 has no strptime specifier");
    unsupported(() => toStrptime("yyyy[-MM]"), "'[' at index 4");
    unsupported(() => parseTimestampSql("s", "yyyy zzzz"), "Letters supported for parsing");
    unsupported(() => parseTimestampSql("s", "yyyy G"), "'G' at index 5 has no DuckDB equivalent");
  });
});
