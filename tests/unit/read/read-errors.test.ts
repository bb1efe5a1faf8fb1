import { describe, expect, it } from "vitest";
import { csvErrorAt, jsonErrorAt } from "../../../src/engine/duckdb/read/read-errors.js";

const CSV_ERROR = `Invalid Input Error: CSV Error on Line: 3
Original Line: 2,abc
Error when converting column "b". Could not convert string "abc" to 'INTEGER'

  file = /data/x.csv
  delimiter = , (Set By User)`;

describe("reading DuckDB reader errors", () => {
  it("finds the file, line, record and reason of a CSV error in one of our files", () => {
    expect(csvErrorAt(CSV_ERROR, ["/data/x.csv"])).toEqual({
      file: "/data/x.csv",
      line: 3,
      record: "2,abc",
      reason: `Error when converting column "b". Could not convert string "abc" to 'INTEGER'`,
    });
  });

  it("leaves errors about other files, or other failures, alone", () => {
    expect(csvErrorAt(CSV_ERROR, ["/data/y.csv"])).toBeUndefined();
    expect(csvErrorAt("Out of Memory Error: failed to allocate", ["/data/x.csv"])).toBeUndefined();
  });

  it("finds the file of a JSON reader error", () => {
    const msg =
      'Invalid Input Error: Malformed JSON in file "/data/e.jsonl", at byte 2 in line 4: unexpected character.';
    expect(jsonErrorAt(msg, ["/data/e.jsonl"])).toMatchObject({
      file: "/data/e.jsonl",
      line: 4,
      reason: "unexpected character.",
    });
    const transform =
      'Invalid Input Error: JSON transform error in file "/data/e.jsonl", in line 2: Failed to cast value';
    expect(jsonErrorAt(transform, ["/data/e.jsonl"])).toMatchObject({
      file: "/data/e.jsonl",
      line: 2,
    });
    expect(jsonErrorAt(transform, ["/data/other.jsonl"])).toBeUndefined();
  });
});
