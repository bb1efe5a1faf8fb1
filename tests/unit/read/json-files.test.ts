/**
 * JSON files as Spark 4.0.1 reads them: charsets, gzip, several files, FAILFAST. Expected
 * values were produced by PySpark 4.0.1 on the same bytes and options.
 */
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBEngine } from "../../../src/engine/duckdb/engine.js";
import { IllegalArgumentError, InputError } from "../../../src/errors.js";
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

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, "utf16le");
  for (let i = 0; i < le.length; i += 2) {
    const a = le[i] ?? 0;
    le[i] = le[i + 1] ?? 0;
    le[i + 1] = a;
  }
  return le;
}

describe("JSON files", () => {
  it("reads UTF-16LE JSON Lines with a lineSep", async () => {
    const f = tmp.file("u16.json", Buffer.from('{"a":"é"}\n{"a":"b"}\n', "utf16le"));
    const rows = await engine.collect(readNode("json", f, { encoding: "UTF-16LE", lineSep: "\n" }));
    expect(rows).toEqual([{ a: "é" }, { a: "b" }]);
  });

  it("reads a UTF-16 document with a byte-order mark in multiLine mode", async () => {
    const f = tmp.file(
      "u16ml.json",
      Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('[{"a":"é"},{"a":"b"}]')]),
    );
    const rows = await engine.collect(
      readNode("json", f, { encoding: "UTF-16", multiLine: "true" }),
    );
    expect(rows).toEqual([{ a: "é" }, { a: "b" }]);
  });

  it("reads ISO-8859-1", async () => {
    const f = tmp.file("latin.json", Buffer.from('{"a":"é"}\n', "latin1"));
    const rows = await engine.collect(
      readNode("json", f, { encoding: "ISO-8859-1", lineSep: "\n" }),
    );
    expect(rows).toEqual([{ a: "é" }]);
  });

  it("asks for lineSep with another charset, and refuses UTF-16 without byte order, as Spark", async () => {
    const f = tmp.file("latin2.json", Buffer.from('{"a":"é"}\n', "latin1"));
    await expect(engine.schema(readNode("json", f, { encoding: "ISO-8859-1" }))).rejects.toThrow(
      /The lineSep option must be specified for the ISO-8859-1 encoding/,
    );
    await expect(
      engine.schema(readNode("json", f, { encoding: "UTF-16", lineSep: "\n" })),
    ).rejects.toThrow(IllegalArgumentError);
  });

  it("reads .json.gz", async () => {
    const f = tmp.file("g.json.gz", gzipSync('{"a":1}\n{"a":2}\n'));
    const node = readNode("json", f);
    expect(await schemaOf(engine, node)).toBe("struct<a:bigint>");
    expect(plain(await engine.collect(node))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("merges the schemas of several files", async () => {
    const a = tmp.file("m-a.json", '{"a":1}\n{"b":"x"}\n');
    const b = tmp.file("m-b.json", '{"a":3.5}\n');
    const node = readNode("json", [a, b]);
    expect(await schemaOf(engine, node)).toBe("struct<a:double,b:string>");
    const { rows, metrics } = await collect(engine, node);
    expect(plain(rows)).toEqual([
      { a: 1, b: null },
      { a: null, b: "x" },
      { a: 3.5, b: null },
    ]);
    expect(metrics).toMatchObject({ rowsRead: 3, rowsRejected: 0 });
  });

  it("FAILFAST fails inference on a malformed record, naming the file and line", async () => {
    const f = tmp.file("ff.json", '{"a":1}\n{"a":\n');
    const e = await engine
      .schema(readNode("json", f, { mode: "FAILFAST" }))
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e).toMatchObject({ code: "MALFORMED_RECORD", file: f, line: 2 });
  });

  it("FAILFAST accepts what Spark's parser accepts (single quotes) and fails on the rest", async () => {
    const ok = tmp.file("ff-ok.json", "{'a':1}\n{\"a\":2}\n");
    expect(
      plain(await engine.collect(readNode("json", ok, { mode: "FAILFAST" }, "a INT"))),
    ).toEqual([{ a: 1 }, { a: 2 }]);
    const bad = tmp.file("ff-bad.json", '{\'a\':1}\n{"a":"x"}\n');
    const e = await engine
      .collect(readNode("json", bad, { mode: "FAILFAST" }, "a INT"))
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "MALFORMED_RECORD", file: bad, line: 2 });
  });

  it("DROPMALFORMED infers from the good records only", async () => {
    const f = tmp.file("dm.json", '{"a":1}\nxx\n{"b":"q"}\n');
    const node = readNode("json", f, { mode: "DROPMALFORMED" });
    expect(await schemaOf(engine, node)).toBe("struct<a:bigint,b:string>");
    const { rows, metrics } = await collect(engine, node);
    expect(plain(rows)).toEqual([
      { a: 1, b: null },
      { a: null, b: "q" },
    ]);
    expect(metrics).toMatchObject({ rowsRead: 3, rowsRejected: 1 });
  });
});
