import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBEngine } from "../../../src/engine/duckdb/engine.js";
import { InputError } from "../../../src/errors.js";
import { collect, fixture, plain, readNode, startEngine, tempDir } from "./helpers.js";

let engine: DuckDBEngine;
const tmp = tempDir();
beforeAll(async () => {
  engine = await startEngine("UTC");
});
afterAll(async () => {
  await engine.stop();
  tmp.cleanup();
});

const SCHEMA = "id INT, amount INT, day DATE";
const BAD_LINES = [3, 4, 5, 6, 8];
const opts = (mode: string, extra: Record<string, string> = {}) => ({
  header: "true",
  escape: '"',
  mode,
  ...extra,
});

describe("malformed CSV records", () => {
  it("DROPMALFORMED drops and counts them: rows read = rows returned + rows rejected", async () => {
    const { rows, metrics } = await collect(
      engine,
      readNode("csv", fixture("malformed.csv"), opts("DROPMALFORMED"), SCHEMA),
    );
    expect(rows).toEqual([
      { id: 1, amount: 10, day: "2020-01-01" },
      { id: 6, amount: 60, day: "2020-01-06" },
    ]);
    expect(metrics).toMatchObject({
      format: "csv",
      rowsRead: 7,
      rowsRejected: 5,
      badRecordsFile: undefined,
    });
    expect(metrics.rowsRead).toBe(rows.length + metrics.rowsRejected);
    expect(metrics.sample.map((r) => r.line)).toEqual(BAD_LINES);
    expect(metrics.sample[0]).toEqual({
      file: fixture("malformed.csv"),
      line: 3,
      record: "2,abc,2020-01-02",
      reason: expect.stringContaining('Could not convert string "abc"'),
    });
  });

  it("PERMISSIVE keeps them with nulls where fields did not parse: rows returned = rows read", async () => {
    const { rows, metrics } = await collect(
      engine,
      readNode("csv", fixture("malformed.csv"), opts("PERMISSIVE"), SCHEMA),
    );
    expect(rows).toHaveLength(7);
    expect(metrics).toMatchObject({ rowsRead: 7, rowsRejected: 5 });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(2)).toEqual({ id: 2, amount: null, day: "2020-01-02" });
    expect(byId.get(3)).toEqual({ id: 3, amount: 30, day: null });
    expect(byId.get(4)).toEqual({ id: 4, amount: 40, day: "2020-01-04" });
    expect(byId.get(5)).toEqual({ id: 5, amount: 50, day: null });
  });

  it("PERMISSIVE fills the corrupt-record column with the raw record when the schema has it", async () => {
    const node = readNode(
      "csv",
      fixture("malformed.csv"),
      opts("PERMISSIVE"),
      `${SCHEMA}, _corrupt_record STRING`,
    );
    const { rows, metrics } = await collect(engine, node);
    expect(rows).toHaveLength(metrics.rowsRead);
    const corrupt = rows.filter((r) => r._corrupt_record !== null).map((r) => r._corrupt_record);
    expect(corrupt).toEqual([
      "2,abc,2020-01-02",
      "3,30",
      "4,40,2020-01-04,extra",
      "5,50,not-a-date",
      // PySpark 4.0.1: the line itself (the open quote ends with the line).
      '"7,70,2020-01-07',
    ]);
    expect(rows.find((r) => r.id === 1)?._corrupt_record).toBeNull();
  });

  it("honours columnNameOfCorruptRecord", async () => {
    const node = readNode(
      "csv",
      fixture("malformed.csv"),
      opts("PERMISSIVE", { columnNameOfCorruptRecord: "bad" }),
      `${SCHEMA}, bad STRING`,
    );
    const { rows } = await collect(engine, node);
    expect(rows.filter((r) => r.bad !== null)).toHaveLength(5);
  });

  it("FAILFAST stops with the file, line, record and a hint", async () => {
    const node = readNode("csv", fixture("malformed.csv"), opts("FAILFAST"), SCHEMA);
    const error = await engine.collect(node).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const e = error as InputError;
    expect(e.code).toBe("MALFORMED_RECORD");
    expect(e.file).toBe(fixture("malformed.csv"));
    expect(e.line).toBe(3);
    expect(e.message).toContain(`${fixture("malformed.csv")}:3`);
    expect(e.message).toContain("2,abc,2020-01-02");
    expect(e.hint).toMatch(/PERMISSIVE/);
    expect(e.hint).toMatch(/badRecordsPath/);
  });

  it("writes rejected records to badRecordsPath as JSON lines in Spark's layout", async () => {
    const out = join(tmp.dir, "bad");
    const { metrics } = await collect(
      engine,
      readNode(
        "csv",
        fixture("malformed.csv"),
        opts("DROPMALFORMED", { badRecordsPath: out }),
        SCHEMA,
      ),
    );
    const stamp = readdirSync(out);
    expect(stamp).toHaveLength(1);
    expect(stamp[0]).toMatch(/^\d{8}T\d{6}$/);
    const dir = join(out, stamp[0] ?? "", "bad_records");
    const files = readdirSync(dir);
    expect(files[0]).toMatch(/^part-00000-[0-9a-f-]+\.json$/);
    expect(metrics.badRecordsFile).toBe(join(dir, files[0] ?? ""));
    const lines = readFileSync(join(dir, files[0] ?? ""), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({
      path: fixture("malformed.csv"),
      line: 3,
      record: "2,abc,2020-01-02",
      reason: expect.any(String),
    });
  });

  it("accounts again on every action, and after the input is fixed", async () => {
    const f = tmp.file("changing.csv", "a\n1\nx\n");
    const node = readNode("csv", f, { header: "true", mode: "PERMISSIVE" }, "a INT");
    expect((await collect(engine, node)).metrics).toMatchObject({ rowsRead: 2, rowsRejected: 1 });
    expect((await collect(engine, node)).metrics).toMatchObject({ rowsRead: 2, rowsRejected: 1 });
    tmp.file("changing.csv", "a\n1\n2\n3\n");
    const { rows, metrics } = await collect(engine, node);
    expect(rows).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
    expect(metrics).toMatchObject({ rowsRead: 3, rowsRejected: 0 });
  });

  it("keeps the accounting through a write (the action runs again before anything is committed)", async () => {
    const out = join(tmp.dir, "written");
    const node = readNode("csv", fixture("malformed.csv"), opts("PERMISSIVE"), SCHEMA);
    const result = await engine.write(node, {
      format: "parquet",
      path: out,
      mode: "overwrite",
      partitionBy: [],
      options: {},
    });
    expect(result.rowsWritten).toBe(7);
    expect(result.readMetrics[0]).toMatchObject({ rowsRead: 7, rowsRejected: 5 });
  });
});

/** name -> [content, schema, good records, bad records] */
const CORPUS: Record<string, [string | Buffer, string, number, number]> = {
  "wrong field count": ["a,b\n1,2\n3\n4,5,6\n7,8\n", "a INT, b INT", 2, 2],
  "bad number": ["a,b\n1,2\nx,3\n4,5.5\n", "a INT, b INT", 1, 2],
  "bad date": ["d\n2020-01-01\n2020-13-01\nyesterday\n", "d DATE", 1, 2],
  "bad timestamp": ["t\n2020-01-01 10:00:00\nnoon\n", "t TIMESTAMP", 1, 1],
  // Spark reads line by line: the open quote ends with its line (checked with PySpark 4.0.1).
  "unterminated quote": ['a,b\n1,x\n2,"open\n', "a INT, b STRING", 2, 0],
  // Spark decodes invalid bytes as U+FFFD and keeps the record (checked with PySpark 4.0.1).
  "invalid UTF-8": [
    Buffer.from([...Buffer.from("a,b\n1,ok\n2,"), 0xff, 0xfe, ...Buffer.from("\n3,fine\n")]),
    "a INT, b STRING",
    3,
    0,
  ],
  "BOM and CRLF": [Buffer.from("\ufeffa,b\r\n1,2\r\nx,3\r\n"), "a INT, b INT", 1, 1],
  // Without multiLine a quoted value ends with its line: `lines"` is a record of its own.
  "quoted newlines": ['a,b\n1,"two\nlines"\n"x",3\n', "a INT, b STRING", 1, 2],
  "comment lines": ["# c\na,b\n1,2\n# c\nz,3\n", "a INT, b INT", 1, 1],
};

describe("malformed input corpus", () => {
  for (const [name, [content, schema, good, bad]] of Object.entries(CORPUS)) {
    it(`${name}: every record is returned or counted`, async () => {
      const f = tmp.file(`${name.replaceAll(" ", "-")}.csv`, content);
      const options = {
        header: "true",
        escape: '"',
        ...(name === "comment lines" ? { comment: "#" } : {}),
      };
      const dropped = await collect(
        engine,
        readNode("csv", f, { ...options, mode: "DROPMALFORMED" }, schema),
      );
      expect(dropped.rows).toHaveLength(good);
      expect(dropped.metrics).toMatchObject({ rowsRead: good + bad, rowsRejected: bad });
      const kept = await collect(
        engine,
        readNode("csv", f, { ...options, mode: "PERMISSIVE" }, schema),
      );
      expect(kept.rows).toHaveLength(kept.metrics.rowsRead);
      expect(kept.metrics).toMatchObject({ rowsRead: good + bad, rowsRejected: bad });
      const failed = await engine
        .collect(readNode("csv", f, { ...options, mode: "FAILFAST" }, schema))
        .catch((e: unknown) => e);
      if (bad === 0) {
        expect(failed).toHaveLength(good);
        return;
      }
      expect(failed).toBeInstanceOf(InputError);
      expect((failed as InputError).file).toBe(f);
      expect(plain([]).length).toBe(0);
    });
  }
});

describe("malformed records in files read through the Spark tokenizer", () => {
  // Blank lines and quotes make the reader rewrite this file; errors and rejects must still
  // name the user's file, its line numbers and its raw records.
  const content = 'a,b\n\n1,"x"\n2,"y",3\nz,"w"\n';
  const schema = "a INT, b STRING";

  it("FAILFAST names the file, the line and the raw record", async () => {
    const f = tmp.file("rewritten-failfast.csv", content);
    const failed = await engine
      .collect(readNode("csv", f, { header: "true", mode: "FAILFAST" }, schema))
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(InputError);
    expect((failed as InputError).file).toBe(f);
    expect((failed as InputError).line).toBe(4);
    expect((failed as InputError).message).toContain("Expected Number of Columns: 2 Found: 3");
    expect((failed as InputError).message).toContain('Record: 2,"y",3');
  });

  it("DROPMALFORMED and PERMISSIVE count and list them by original line", async () => {
    const f = tmp.file("rewritten-modes.csv", content);
    const dropped = await collect(
      engine,
      readNode("csv", f, { header: "true", mode: "DROPMALFORMED" }, schema),
    );
    // PySpark 4.0.1: [[1, "x"]]
    expect(dropped.rows).toEqual([{ a: 1, b: "x" }]);
    expect(dropped.metrics).toMatchObject({ rowsRead: 3, rowsRejected: 2 });
    expect(dropped.metrics.sample.map((r) => [r.file, r.line, r.record])).toEqual([
      [f, 4, '2,"y",3'],
      [f, 5, 'z,"w"'],
    ]);
    const kept = await collect(
      engine,
      readNode(
        "csv",
        f,
        { header: "true", mode: "PERMISSIVE" },
        `${schema}, _corrupt_record STRING`,
      ),
    );
    // PySpark 4.0.1: [[1, "x", null], [2, "y", "2,\"y\",3"], [null, "w", "z,\"w\""]]
    expect(kept.rows).toEqual([
      { a: 1, b: "x", _corrupt_record: null },
      { a: 2, b: "y", _corrupt_record: '2,"y",3' },
      { a: null, b: "w", _corrupt_record: 'z,"w"' },
    ]);
  });
});
