/**
 * JSON reading as Spark 4.0.1 reads it. Every expected schema and row below was produced by
 * PySpark 4.0.1 (local mode, session time zone UTC) on the same file text and options.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBEngine } from "../../../src/engine/duckdb/engine.js";
import { AnalysisError } from "../../../src/errors.js";
import { collect, plain, readNode, schemaOf, startEngine, tempDir } from "./helpers.js";

let engine: DuckDBEngine;
const tmp = tempDir();
beforeAll(async () => {
  engine = await startEngine("UTC");
});
afterAll(async () => {
  await engine.stop();
  tmp.cleanup();
});

interface Case {
  readonly name: string;
  readonly text: string;
  readonly options?: Record<string, string>;
  readonly schema?: string;
  readonly expectSchema: string;
  readonly rows: Record<string, unknown>[];
}

const ML = { multiLine: "true" };
const cases: Case[] = [
  // multiLine: only the first value of a file counts.
  {
    name: "concat",
    text: '{"a":1}{"a":2}',
    options: ML,
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 1 }],
  },
  {
    name: "concat-lines",
    text: '{"a":1}\n{"a":2}\n{"a":3}\n',
    options: ML,
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 1 }],
  },
  {
    name: "array-then-object",
    text: '[{"a":1},{"a":2}]{"a":3}',
    options: ML,
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 1 }, { a: 2 }],
  },
  {
    name: "object-then-garbage",
    text: '{"a":1} xx',
    options: ML,
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 1 }],
  },
  // Integers past long are decimals; past 38 digits doubles.
  {
    name: "big-int",
    text: '{"a":12345678901234567890}\n{"a":1}\n',
    expectSchema: "struct<a:decimal(20,0)>",
    rows: [{ a: "12345678901234567890" }, { a: "1" }],
  },
  {
    name: "big-negative",
    text: '{"a":-9223372036854775809}\n',
    expectSchema: "struct<a:decimal(19,0)>",
    rows: [{ a: "-9223372036854775809" }],
  },
  {
    name: "big-39-digits",
    text: '{"a":123456789012345678901234567890123456789}\n',
    expectSchema: "struct<a:double>",
    rows: [{ a: 1.2345678901234568e38 }],
  },
  {
    name: "big-and-double",
    text: '{"a":12345678901234567890}\n{"a":1.5}\n',
    expectSchema: "struct<a:double>",
    rows: [{ a: 12345678901234567000 }, { a: 1.5 }],
  },
  {
    name: "prefersDecimal",
    text: '{"a":12345678901234567890}\n{"a":1.5}\n',
    options: { prefersDecimal: "true" },
    expectSchema: "struct<a:decimal(21,1)>",
    rows: [{ a: "12345678901234567890.0" }, { a: "1.5" }],
  },
  {
    name: "prefersDecimal-strings",
    text: '{"a":"1E10","b":"1.50"}\n',
    options: { prefersDecimal: "true" },
    expectSchema: "struct<a:string,b:decimal(3,2)>",
    rows: [{ a: "1E10", b: "1.50" }],
  },
  // primitivesAsString keeps the text as written.
  {
    name: "primitivesAsString",
    text: '{"a":1.7976931348623157E308,"b":1.0,"c":true,"d":null,"e":[1,2.50],"f":{"g":1e2}}\n',
    options: { primitivesAsString: "true" },
    expectSchema: "struct<a:string,b:string,c:string,d:string,e:array<string>,f:struct<g:string>>",
    rows: [
      {
        a: "1.7976931348623157E308",
        b: "1.0",
        c: "true",
        d: null,
        e: ["1", "2.50"],
        f: { g: "1e2" },
      },
    ],
  },
  // Merging across rows: nested fields, arrays, conflicts widen to string (text as written).
  {
    name: "nested-merge",
    text: '{"s":{"a":1}}\n{"s":{"b":"x"}}\n{"s":{"a":2.5}}\n',
    expectSchema: "struct<s:struct<a:double,b:string>>",
    rows: [{ s: { a: 1, b: null } }, { s: { a: null, b: "x" } }, { s: { a: 2.5, b: null } }],
  },
  {
    name: "array-merge",
    text: '{"a":[1,2]}\n{"a":[1.5]}\n{"a":[]}\n',
    expectSchema: "struct<a:array<double>>",
    rows: [{ a: [1, 2] }, { a: [1.5] }, { a: [] }],
  },
  {
    name: "array-mixed",
    text: '{"a":[1,"x",true]}\n',
    expectSchema: "struct<a:array<string>>",
    rows: [{ a: ["1", "x", "true"] }],
  },
  {
    name: "struct-vs-int",
    text: '{"a":{"b":1}}\n{"a":5}\n',
    expectSchema: "struct<a:string>",
    rows: [{ a: '{"b":1}' }, { a: "5" }],
  },
  {
    name: "array-vs-int",
    text: '{"a":[1]}\n{"a":5}\n',
    expectSchema: "struct<a:string>",
    rows: [{ a: "[1]" }, { a: "5" }],
  },
  {
    name: "bool-vs-int",
    text: '{"a":true}\n{"a":5}\n',
    expectSchema: "struct<a:string>",
    rows: [{ a: "true" }, { a: "5" }],
  },
  {
    name: "long-and-double",
    text: '{"a":1}\n{"a":1.5}\n',
    expectSchema: "struct<a:double>",
    rows: [{ a: 1 }, { a: 1.5 }],
  },
  {
    name: "empty-string-is-null",
    text: '{"a":""}\n{"a":1}\n',
    expectSchema: "struct<a:bigint>",
    rows: [{ a: null }, { a: 1 }],
  },
  // Empty objects and arrays, nulls.
  {
    name: "empty-object",
    text: '{"a":{}}\n{"b":1}\n',
    expectSchema: "struct<b:bigint>",
    rows: [{ b: null }, { b: 1 }],
  },
  {
    name: "empty-array",
    text: '{"a":[]}\n{"b":1}\n',
    expectSchema: "struct<a:array<string>,b:bigint>",
    rows: [
      { a: [], b: null },
      { a: null, b: 1 },
    ],
  },
  {
    name: "nulls",
    text: '{"a":null,"b":1}\n{"a":null,"b":null}\n',
    expectSchema: "struct<a:string,b:bigint>",
    rows: [
      { a: null, b: 1 },
      { a: null, b: null },
    ],
  },
  {
    name: "dropFieldIfAllNull",
    text: '{"a":null,"b":1,"c":[],"d":{},"e":[null],"f":{"g":null}}\n',
    options: { dropFieldIfAllNull: "true" },
    expectSchema: "struct<b:bigint>",
    rows: [{ b: 1 }],
  },
  {
    name: "array-of-nulls",
    text: '{"a":[null,null]}\n',
    expectSchema: "struct<a:array<string>>",
    rows: [{ a: [null, null] }],
  },
  {
    name: "empty-field-name",
    text: '{"":1,"a":2}\n',
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 2 }],
  },
  {
    name: "deep",
    text: '{"a":{"b":{"c":[{"d":1},{"e":"x"}]}}}\n',
    expectSchema: "struct<a:struct<b:struct<c:array<struct<d:bigint,e:string>>>>>",
    rows: [
      {
        a: {
          b: {
            c: [
              { d: 1, e: null },
              { d: null, e: "x" },
            ],
          },
        },
      },
    ],
  },
  // Parser leniencies.
  {
    name: "comments",
    text: '{"a":1} // c\n/* x */ {"a":2}\n',
    options: { allowComments: "true" },
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 1 }, { a: 2 }],
  },
  {
    name: "text-after-a-record",
    text: '{"a":1} x\n{"a":2}{"a":3}\n',
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 1 }, { a: 2 }],
  },
  {
    name: "unquoted-names",
    text: "{a:1, b_c:2}\n",
    options: { allowUnquotedFieldNames: "true" },
    expectSchema: "struct<a:bigint,b_c:bigint>",
    rows: [{ a: 1, b_c: 2 }],
  },
  {
    name: "unquoted-names-off",
    text: '{a:1}\n{"a":2}\n',
    expectSchema: "struct<_corrupt_record:string,a:bigint>",
    rows: [
      { _corrupt_record: "{a:1}", a: null },
      { _corrupt_record: null, a: 2 },
    ],
  },
  {
    name: "single-quotes",
    text: "{'a':'x'}\n{\"a\":\"y\"}\n",
    expectSchema: "struct<a:string>",
    rows: [{ a: "x" }, { a: "y" }],
  },
  {
    name: "single-quotes-off",
    text: "{'a':'x'}\n{\"a\":\"y\"}\n",
    options: { allowSingleQuotes: "false" },
    expectSchema: "struct<_corrupt_record:string,a:string>",
    rows: [
      { _corrupt_record: "{'a':'x'}", a: null },
      { _corrupt_record: null, a: "y" },
    ],
  },
  {
    name: "leading-zeros",
    text: '{"a":007}\n{"a":1}\n',
    options: { allowNumericLeadingZeros: "true" },
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 7 }, { a: 1 }],
  },
  {
    name: "leading-zeros-off",
    text: '{"a":007}\n{"a":1}\n',
    expectSchema: "struct<_corrupt_record:string,a:bigint>",
    rows: [
      { _corrupt_record: '{"a":007}', a: null },
      { _corrupt_record: null, a: 1 },
    ],
  },
  {
    name: "nan-off",
    text: '{"a":NaN}\n{"a":1}\n',
    options: { allowNonNumericNumbers: "false" },
    expectSchema: "struct<_corrupt_record:string,a:bigint>",
    rows: [
      { _corrupt_record: '{"a":NaN}', a: null },
      { _corrupt_record: null, a: 1 },
    ],
  },
  {
    name: "backslash-any",
    text: '{"a":"\\q"}\n',
    options: { allowBackslashEscapingAnyCharacter: "true" },
    expectSchema: "struct<a:string>",
    rows: [{ a: "q" }],
  },
  {
    name: "backslash-any-off",
    text: '{"a":"\\q"}\n{"a":"ok"}\n',
    expectSchema: "struct<_corrupt_record:string,a:string>",
    rows: [
      { _corrupt_record: '{"a":"\\q"}', a: null },
      { _corrupt_record: null, a: "ok" },
    ],
  },
  {
    name: "control-chars",
    text: '{"a":"x\ty"}\n',
    options: { allowUnquotedControlChars: "true" },
    expectSchema: "struct<a:string>",
    rows: [{ a: "x\ty" }],
  },
  {
    name: "control-chars-off",
    text: '{"a":"x\ty"}\n{"a":"ok"}\n',
    expectSchema: "struct<_corrupt_record:string,a:string>",
    rows: [
      { _corrupt_record: '{"a":"x\ty"}', a: null },
      { _corrupt_record: null, a: "ok" },
    ],
  },
  {
    name: "escapes",
    text: '{"a":"\\u00e9\\n\\t\\"x"}\n',
    expectSchema: "struct<a:string>",
    rows: [{ a: 'é\n\t"x' }],
  },
  // Malformed records: the raw line is kept, as written.
  {
    name: "malformed",
    text: '{"a":1}\n{"a":\n not json\n[1,2]\n"str"\n5\n{"a":"x"}\n',
    expectSchema: "struct<_corrupt_record:string,a:string>",
    rows: [
      { _corrupt_record: null, a: "1" },
      { _corrupt_record: '{"a":', a: null },
      { _corrupt_record: " not json", a: null },
      { _corrupt_record: "[1,2]", a: null },
      { _corrupt_record: '"str"', a: null },
      { _corrupt_record: "5", a: null },
      { _corrupt_record: null, a: "x" },
    ],
  },
  {
    name: "malformed-schema",
    text: '{"a":1}\n{"a":\n not json\n[1,2]\n"str"\n5\n{"a":"x"}\n',
    schema: "a INT, _corrupt_record STRING",
    expectSchema: "struct<a:int,_corrupt_record:string>",
    rows: [
      { a: 1, _corrupt_record: null },
      { a: null, _corrupt_record: '{"a":' },
      { a: null, _corrupt_record: " not json" },
      { a: null, _corrupt_record: "[1,2]" },
      { a: null, _corrupt_record: '"str"' },
      { a: null, _corrupt_record: "5" },
      { a: null, _corrupt_record: '{"a":"x"}' },
    ],
  },
  {
    name: "dropmalformed",
    text: '{"a":1}\n{"a":\n not json\n[1,2]\n{"a":"x"}\n',
    options: { mode: "DROPMALFORMED" },
    schema: "a INT",
    expectSchema: "struct<a:int>",
    rows: [{ a: 1 }],
  },
  // Root arrays, separators, blank lines, BOM.
  {
    name: "root-array-lines",
    text: '[{"a":1},{"a":2}]\n{"a":3}\n',
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 1 }, { a: 2 }, { a: 3 }],
  },
  {
    name: "root-empty-array",
    text: '[]\n{"a":3}\n',
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 3 }],
  },
  {
    name: "lineSep",
    text: '{"a":1}|{"a":2}|',
    options: { lineSep: "|" },
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 1 }, { a: 2 }],
  },
  {
    name: "crlf",
    text: '{"a":1}\r\n{"a":2}\r\n',
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 1 }, { a: 2 }],
  },
  {
    name: "blank-lines",
    text: '\n{"a":1}\n\n  \n{"a":2}\n',
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 1 }, { a: 2 }],
  },
  {
    name: "bom",
    text: '\ufeff{"a":1}\n{"a":2}\n',
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 1 }, { a: 2 }],
  },
  {
    name: "multiLine-pretty",
    text: '[\n {"a": 1},\n {"a": 2}\n]\n',
    options: ML,
    expectSchema: "struct<a:bigint>",
    rows: [{ a: 1 }, { a: 2 }],
  },
  // Timestamps are inferred only with inferTimestamp (a date-only text too).
  {
    name: "inferTimestamp",
    text: '{"t":"2020-01-01T10:00:00","d":"2020-01-01","u":"2020-01-01T10:00:00.123+02:00"}\n',
    options: { inferTimestamp: "true" },
    expectSchema: "struct<d:timestamp,t:timestamp,u:timestamp>",
    rows: [
      {
        d: "2020-01-01T00:00:00.000Z",
        t: "2020-01-01T10:00:00.000Z",
        u: "2020-01-01T08:00:00.123Z",
      },
    ],
  },
  {
    name: "inferTimestamp-format",
    text: '{"t":"01/02/2020 10:00"}\n',
    options: { inferTimestamp: "true", timestampFormat: "MM/dd/yyyy HH:mm" },
    expectSchema: "struct<t:timestamp>",
    rows: [{ t: "2020-01-02T10:00:00.000Z" }],
  },
  // A user schema.
  {
    name: "decimal-schema",
    text: '{"a":1.005,"b":12345678901234567890}\n',
    schema: "a DECIMAL(10,2), b DECIMAL(20,0)",
    expectSchema: "struct<a:decimal(10,2),b:decimal(20,0)>",
    rows: [{ a: "1.01", b: "12345678901234567890" }],
  },
  {
    name: "int-overflow",
    text: '{"a":3000000000}\n{"a":1}\n',
    schema: "a INT",
    expectSchema: "struct<a:int>",
    rows: [{ a: null }, { a: 1 }],
  },
  // Nested records with different keys, read exactly (primitivesAsString) or by a user schema.
  {
    name: "array-of-records-primitivesAsString",
    text: '{"a":[{"b":1},{"c":"x"}],"z":0}\n',
    options: { primitivesAsString: "true" },
    expectSchema: "struct<a:array<struct<b:string,c:string>>,z:string>",
    rows: [
      {
        a: [
          { b: "1", c: null },
          { b: null, c: "x" },
        ],
        z: "0",
      },
    ],
  },
  {
    name: "nested-struct-schema",
    text: '{"s":{"a":1,"b":"x"}}\n{"s":{"a":"y"}}\n',
    schema: "s STRUCT<a: INT>, _corrupt_record STRING",
    expectSchema: "struct<s:struct<a:int>,_corrupt_record:string>",
    // Spark keeps {a: null} in the second row; the DuckDB engine nulls the struct (docs/reading.md).
    rows: [
      { s: { a: 1 }, _corrupt_record: null },
      { s: null, _corrupt_record: '{"s":{"a":"y"}}' },
    ],
  },
  // A nested value of the wrong type makes the record malformed.
  {
    name: "array-element-mismatch",
    text: '{"a":[1,2]}\n{"a":[1,"x"]}\n{"a":{"b":1}}\n',
    schema: "a ARRAY<INT>, _corrupt_record STRING",
    expectSchema: "struct<a:array<int>,_corrupt_record:string>",
    rows: [
      { a: [1, 2], _corrupt_record: null },
      { a: null, _corrupt_record: '{"a":[1,"x"]}' },
      { a: null, _corrupt_record: '{"a":{"b":1}}' },
    ],
  },
];

describe("JSON reads as Spark 4.0.1", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const f = tmp.file(`${c.name}.json`, c.text);
      const node = readNode("json", f, c.options ?? {}, c.schema);
      expect(await schemaOf(engine, node)).toBe(c.expectSchema);
      const { rows, metrics } = await collect(engine, node);
      expect(plain(rows)).toEqual(c.rows);
      expect(metrics.rowsRead).toBe(
        rows.length + (c.options?.mode === "DROPMALFORMED" ? metrics.rowsRejected : 0),
      );
    });
  }

  it("reads NaN and Infinity (on by default) as doubles", async () => {
    const f = tmp.file(
      "nan.json",
      '{"a":NaN}\n{"a":Infinity}\n{"a":-Infinity}\n{"a":+Infinity}\n{"a":1}\n',
    );
    const node = readNode("json", f);
    expect(await schemaOf(engine, node)).toBe("struct<a:double>");
    expect((await engine.collect(node)).map((r) => r.a)).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      1,
    ]);
  });

  it("reads a map with a user schema", async () => {
    const f = tmp.file("map.json", '{"m":{"x":1,"y":2}}\n');
    const rows = await engine.collect(readNode("json", f, {}, "m MAP<STRING,INT>"));
    expect(rows).toEqual([
      {
        m: new Map([
          ["x", 1],
          ["y", 2],
        ]),
      },
    ]);
  });

  it("refuses keys that differ only in case, as Spark does", async () => {
    const f = tmp.file("case.json", '{"b":1,"a":2,"B":4}\n');
    const e = await engine.schema(readNode("json", f)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AnalysisError);
    expect(e).toMatchObject({ code: "COLUMN_ALREADY_EXISTS" });
  });

  it("refuses a negative decimal scale from prefersDecimal, as Spark does", async () => {
    const f = tmp.file("neg.json", '{"b":1E10}\n');
    await expect(
      engine.schema(readNode("json", f, { prefersDecimal: "true" })),
    ).rejects.toMatchObject({
      code: "NEGATIVE_SCALE_DISALLOWED",
    });
  });
});
