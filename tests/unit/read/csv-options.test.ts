import { describe, expect, it } from "vitest";
import { OptionsReader } from "../../../src/config/options-reader.js";
import { readFirstRecord, safeHeader } from "../../../src/engine/duckdb/read/csv-header.js";
import { parseCsvOptions, parseSeparator } from "../../../src/engine/duckdb/read/csv-options.js";
import { malformedOptions } from "../../../src/engine/duckdb/read/modes.js";
import { IllegalArgumentError } from "../../../src/errors.js";
import { parseDDLSchema } from "../../../src/types/ddl.js";
import { fixture } from "./helpers.js";

const parse = (o: Record<string, string>) => parseCsvOptions(new OptionsReader(o));

describe("CSV options", () => {
  it("has Spark's reading defaults", () => {
    const o = parse({});
    expect(o.dialect).toEqual({
      sep: ",",
      quote: '"',
      escape: "\\",
      comment: "",
      encoding: "utf-8",
      lineSep: undefined,
      multiLine: false,
    });
    expect(o.header).toBe(false);
    expect(o.inferSchema).toBe(false);
    expect(o.nullValue).toBe("");
    expect(o.ignoreLeadingWhiteSpace).toBe(false);
    expect(o.ignoreTrailingWhiteSpace).toBe(false);
    expect(o.enforceSchema).toBe(true);
    expect(o.preferDate).toBe(true);
  });

  it("compares option names case-insensitively", () => {
    const o = parse({ HEADER: "true", InferSchema: "TRUE", Sep: "|" });
    expect(o.header).toBe(true);
    expect(o.inferSchema).toBe(true);
    expect(o.dialect.sep).toBe("|");
  });

  it("takes delimiter as an alias of sep, with Spark's escapes and several characters", () => {
    expect(parse({ delimiter: ";" }).dialect.sep).toBe(";");
    expect(parseSeparator("\\t")).toBe("\t");
    expect(parseSeparator("||")).toBe("||");
    expect(parseSeparator("\\\\")).toBe("\\");
    expect(() => parseSeparator("")).toThrow(/sep must not be empty/);
    expect(() => parseSeparator("\\")).toThrow(/single backslash/);
    expect(() => parseSeparator("\\x")).toThrow(/unsupported special character/);
  });

  it("turns quoting off with an empty quote, and rejects several characters", () => {
    expect(parse({ quote: "" }).dialect.quote).toBe("");
    expect(() => parse({ quote: "''" })).toThrow(/quote must be a single character, got ''''/);
    expect(() => parse({ escape: "ab" })).toThrow(IllegalArgumentError);
  });

  it("names the option and value of a bad boolean, number or enum", () => {
    expect(() => parse({ header: "yes" })).toThrow(
      "Option header must be true or false, got 'yes'.",
    );
    expect(() => parse({ samplingRatio: "2" })).toThrow(
      /samplingRatio must be in \(0, 1\], got '2'/,
    );
    expect(() => parse({ maxColumns: "x" })).toThrow(/maxColumns must be an integer, got 'x'/);
    expect(() => parse({ unescapedQuoteHandling: "GUESS" })).toThrow(
      /unescapedQuoteHandling must be one of/,
    );
    expect(() => malformedOptions(new OptionsReader({ mode: "LENIENT" }), undefined)).toThrow(
      /mode must be one of PERMISSIVE, DROPMALFORMED, FAILFAST, got 'LENIENT'/,
    );
  });

  it("accepts UTF-8, UTF-16 and Latin-1 and names any other encoding", () => {
    expect(parse({ encoding: "UTF-8" }).dialect.encoding).toBe("utf-8");
    expect(parse({ charset: "ISO-8859-1" }).dialect.encoding).toBe("latin-1");
    expect(parse({ encoding: "utf-16" }).dialect.encoding).toBe("utf-16");
    expect(() => parse({ encoding: "cp1252" })).toThrow(
      "Option encoding: 'cp1252' is not supported by the DuckDB engine.",
    );
  });

  it("accepts the line separators DuckDB can split on", () => {
    expect(parse({ lineSep: "\r\n" }).dialect.lineSep).toBe("\r\n");
    expect(() => parse({ lineSep: ";" })).toThrow(/lineSep must be/);
  });

  it("refuses values it cannot honour instead of ignoring them", () => {
    expect(() => parse({ nanValue: "nope" })).toThrow(/nanValue='nope' is not supported/);
    expect(() => parse({ locale: "fr-FR" })).toThrow(/locale='fr-FR'/);
    expect(parse({ locale: "en-US", nanValue: "NaN", positiveInf: "Inf" })).toBeDefined();
  });

  it("ignores options Spark does not know", () => {
    expect(() => parse({ someUnknownOption: "whatever" })).not.toThrow();
  });

  it("checks the corrupt-record column is a string", () => {
    const ok = malformedOptions(
      new OptionsReader({}),
      parseDDLSchema("a INT, _corrupt_record STRING"),
    );
    expect(ok.corruptColumn).toBe("_corrupt_record");
    expect(() =>
      malformedOptions(new OptionsReader({}), parseDDLSchema("a INT, _corrupt_record INT")),
    ).toThrow(/must have the nullable STRING type/);
  });
});

describe("CSV header", () => {
  it("keeps names, numbers duplicates (case-insensitively) and fills empty names like Spark", () => {
    expect(safeHeader(["a", "A", "", "b", "b", "c"], true, "")).toEqual([
      "a0",
      "A1",
      "_c2",
      "b3",
      "b4",
      "c",
    ]);
    expect(safeHeader(["x", "NA"], true, "NA")).toEqual(["x", "_c1"]);
    expect(safeHeader(["x", "y"], false, "")).toEqual(["_c0", "_c1"]);
  });

  it("reads the first record after blank and comment lines, with BOM, quotes and CRLF", () => {
    const d = parse({ comment: "#" }).dialect;
    expect(readFirstRecord(fixture("comments.csv"), d)).toEqual(["id", "v"]);
    expect(readFirstRecord(fixture("bom-crlf.csv"), parse({}).dialect)).toEqual(["a", "b"]);
    expect(readFirstRecord(fixture("semicolon.csv"), parse({ sep: ";" }).dialect)).toEqual([
      "city",
      "pop",
      "area km2",
    ]);
  });
});
