import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBEngine } from "../../../src/engine/duckdb/engine.js";
import { IllegalArgumentError, InputError } from "../../../src/errors.js";
import { collect, fixture, plain, readNode, schemaOf, startEngine, tempDir } from "./helpers.js";

let engine: DuckDBEngine;
const tmp = tempDir();
beforeAll(async () => {
  engine = await startEngine("UTC");
});
afterAll(async () => {
  await engine.stop();
  tmp.cleanup();
});

describe("JSON sources", () => {
  it("infers Spark's schema from JSON Lines: bigint, double, structs, arrays, sorted fields", async () => {
    const node = readNode("json", fixture("events.jsonl"));
    expect(await schemaOf(engine, node)).toBe(
      "struct<extra:boolean,id:bigint,score:double,user:struct<name:string,tags:array<string>>>",
    );
    const { rows, metrics } = await collect(engine, node);
    expect(plain(rows)).toEqual([
      { extra: null, id: 1, score: 9.5, user: { name: "ada", tags: ["x", "y"] } },
      { extra: true, id: 2, score: null, user: { name: "bob", tags: [] } },
      { extra: null, id: 3, score: 7, user: { name: "cy", tags: null } },
    ]);
    expect(metrics).toMatchObject({ format: "json", rowsRead: 3, rowsRejected: 0 });
  });

  it("keeps strings as strings (no date or timestamp inference) and mixed values as strings", async () => {
    const f = tmp.file(
      "mixed.jsonl",
      '{"d": "2020-01-01", "t": "2020-01-01 10:00:00", "m": 1}\n{"m": "x"}\n',
    );
    expect(await schemaOf(engine, readNode("json", f))).toBe("struct<d:string,m:string,t:string>");
    // Spark 4.0.1 infers a date-only text as a timestamp too (its lenient default parser).
    expect(await schemaOf(engine, readNode("json", f, { inferTimestamp: "true" }))).toBe(
      "struct<d:timestamp,m:string,t:timestamp>",
    );
  });

  it("reads every primitive as a string with primitivesAsString", async () => {
    const node = readNode("json", fixture("events.jsonl"), { primitivesAsString: "true" });
    expect(await schemaOf(engine, node)).toBe(
      "struct<extra:string,id:string,score:string,user:struct<name:string,tags:array<string>>>",
    );
  });

  it("reads whole-file JSON with multiLine: an array of records or one record", async () => {
    const node = readNode("json", fixture("array.json"), { multiLine: "true" });
    expect(await schemaOf(engine, node)).toBe("struct<id:bigint,v:string,w:array<bigint>>");
    expect(plain((await collect(engine, node)).rows)).toEqual([
      { id: 1, v: "a", w: null },
      { id: 2, v: "b", w: [1, 2] },
    ]);
    const one = tmp.file("one.json", '{\n  "a": {"b": 1}\n}\n');
    expect(
      plain((await collect(engine, readNode("json", one, { multiLine: "true" }))).rows),
    ).toEqual([{ a: { b: 1 } }]);
  });

  it("applies a user schema with dates and timestamps", async () => {
    const f = tmp.file(
      "typed.jsonl",
      '{"d": "02/01/2020", "t": "2020-01-02T10:30:00+02:00", "x": 1}\n',
    );
    const node = readNode("json", f, { dateFormat: "dd/MM/yyyy" }, "d DATE, t TIMESTAMP");
    expect((await collect(engine, node)).rows).toEqual([
      { d: "2020-01-02", t: new Date("2020-01-02T08:30:00Z") },
    ]);
  });

  it("refuses an unknown encoding, naming it", async () => {
    await expect(
      engine.schema(readNode("json", fixture("events.jsonl"), { encoding: "UTF-99" })),
    ).rejects.toThrow(/encoding: 'UTF-99'/);
    await expect(
      engine.schema(readNode("json", fixture("events.jsonl"), { encoding: "UTF-99" })),
    ).rejects.toThrow(IllegalArgumentError);
  });
});

describe("malformed JSON records", () => {
  const SCHEMA = "id BIGINT, v STRING";

  it("PERMISSIVE infers the corrupt-record column and keeps every record", async () => {
    const node = readNode("json", fixture("malformed.jsonl"));
    expect(await schemaOf(engine, node)).toBe("struct<_corrupt_record:string,id:string,v:string>");
    const { rows, metrics } = await collect(engine, node);
    expect(rows).toHaveLength(metrics.rowsRead);
    expect(metrics).toMatchObject({ rowsRead: 5, rowsRejected: 2 });
    expect(rows.filter((r) => r._corrupt_record !== null).map((r) => r._corrupt_record)).toEqual([
      '{"id": 2, "v": "b"',
      "not json at all",
    ]);
  });

  it("PERMISSIVE with a schema: a value of the wrong type is malformed too", async () => {
    const node = readNode(
      "json",
      fixture("malformed.jsonl"),
      {},
      `${SCHEMA}, _corrupt_record STRING`,
    );
    const { rows, metrics } = await collect(engine, node);
    expect(metrics).toMatchObject({ rowsRead: 5, rowsRejected: 3 });
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.v === "c")).toEqual({
      id: null,
      v: "c",
      _corrupt_record: '{"id": "three", "v": "c"}',
    });
    expect(metrics.sample.find((s) => s.line === 2)).toMatchObject({
      record: '{"id": 2, "v": "b"',
      reason: expect.stringMatching(/^malformed JSON/),
    });
  });

  it("DROPMALFORMED drops and counts: rows read = rows returned + rows rejected", async () => {
    const out = join(tmp.dir, "json-bad");
    const node = readNode(
      "json",
      fixture("malformed.jsonl"),
      { mode: "DROPMALFORMED", badRecordsPath: out },
      SCHEMA,
    );
    const { rows, metrics } = await collect(engine, node);
    expect(rows).toEqual([
      { id: 1n, v: "a" },
      { id: 5n, v: "e" },
    ]);
    expect(metrics.rowsRead).toBe(rows.length + metrics.rowsRejected);
    expect(metrics.rowsRejected).toBe(3);
    expect(readdirSync(out)).toHaveLength(1);
    expect(metrics.badRecordsFile).toMatch(/bad_records\/part-00000-/);
  });

  it("FAILFAST names the file, the line and the record", async () => {
    const node = readNode("json", fixture("malformed.jsonl"), { mode: "FAILFAST" }, SCHEMA);
    const e = await engine.collect(node).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e).toMatchObject({
      code: "MALFORMED_RECORD",
      file: fixture("malformed.jsonl"),
      line: 2,
    });
    expect((e as InputError).message).toContain('{"id": 2, "v": "b"');
  });

  it("FAILFAST finds the line of a value of the wrong type", async () => {
    const f = tmp.file("wrongtype.jsonl", '{"id": 1}\n\n{"id": 2}\n{"id": "x"}\n');
    const e = await engine
      .collect(readNode("json", f, { mode: "FAILFAST" }, "id BIGINT"))
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "MALFORMED_RECORD", file: f, line: 4 });
  });

  it("multiLine: an invalid file is one malformed record", async () => {
    const bad = tmp.file("bad.json", '[{"id": 1}, {"id": ');
    const good = tmp.file("good.json", '[{"id": 7}]');
    const node = readNode(
      "json",
      [bad, good],
      { multiLine: "true" },
      "id BIGINT, _corrupt_record STRING",
    );
    const { rows, metrics } = await collect(engine, node);
    expect(metrics).toMatchObject({ rowsRead: 2, rowsRejected: 1 });
    expect(rows).toContainEqual({ id: 7n, _corrupt_record: null });
    expect(rows).toContainEqual({ id: null, _corrupt_record: '[{"id": 1}, {"id": ' });
  });
});
