import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBEngine } from "../../../src/engine/duckdb/engine.js";
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

describe("CSV schema", () => {
  it("reads every column as a string without inferSchema, named from the header", async () => {
    const node = readNode("csv", fixture("people.csv"), { header: "true" });
    expect(await schemaOf(engine, node)).toBe(
      "struct<id:string,name:string,score:string,active:string,born:string,seen:string,note:string>",
    );
  });

  it("names columns _c0, _c1... without a header, and reads the header line as data", async () => {
    const node = readNode("csv", fixture("semicolon.csv"), { sep: ";" });
    expect(await schemaOf(engine, node)).toBe("struct<_c0:string,_c1:string,_c2:string>");
    const { rows, metrics } = await collect(engine, node);
    expect(rows[0]).toEqual({ _c0: "city", _c1: "pop", _c2: "area km2" });
    expect(metrics.rowsRead).toBe(3);
  });

  it("infers types as Spark does: int, double, boolean, date, timestamp, string", async () => {
    const node = readNode("csv", fixture("people.csv"), {
      header: "true",
      inferSchema: "true",
      escape: '"',
    });
    expect(await schemaOf(engine, node)).toBe(
      "struct<id:int,name:string,score:double,active:boolean,born:date,seen:timestamp,note:string>",
    );
    const { rows } = await collect(engine, node);
    expect(plain(rows)).toEqual([
      {
        id: 1,
        name: "Ada",
        score: 9.5,
        active: true,
        born: "1815-12-10",
        seen: "2020-01-02T10:30:00.000Z",
        note: "first",
      },
      {
        id: 2,
        name: "Bob",
        score: null,
        active: false,
        born: "1990-05-01",
        seen: "2021-06-01T08:00:00.000Z",
        note: null,
      },
      {
        id: 3,
        name: "Lee, Jr.",
        score: 7.25,
        active: true,
        born: null,
        seen: "2022-03-04T00:00:00.000Z",
        note: 'said "hi"',
      },
    ]);
  });

  it("infers bigint past int32, decimal past int64, and strings for mixed values", async () => {
    const f = tmp.file(
      "wide.csv",
      "a,b,c,d,e\n1,3000000000,123456789012345678901,1,2020-01-01\n2,4,5,x,2020-01-02 10:00:00\n",
    );
    const node = readNode("csv", f, { header: "true", inferSchema: "true" });
    expect(await schemaOf(engine, node)).toBe(
      "struct<a:int,b:bigint,c:decimal(21,0),d:string,e:timestamp>",
    );
  });

  it("infers from records of up to 2 MB (the sample scan's small read buffer keeps them)", async () => {
    // Spark 4.0.1: struct<a:int,b:string>, 3 rows, the second b 1,500,000 characters long.
    const f = tmp.file("long.csv", `a,b\n1,2\n2,${"y".repeat(1_500_000)}\n3,4\n`);
    const node = readNode("csv", f, { header: "true", inferSchema: "true" });
    expect(await schemaOf(engine, node)).toBe("struct<a:int,b:string>");
    const { rows } = await collect(engine, node);
    expect(rows.map((r) => [r.a, String(r.b).length])).toEqual([
      [1, 1],
      [2, 1_500_000],
      [3, 1],
    ]);
  });

  it("does not infer dates outside the date format, and uses dateFormat when given", async () => {
    const f = tmp.file("dates.csv", "d\n02/01/2020\n15/03/2021\n");
    expect(
      await schemaOf(engine, readNode("csv", f, { header: "true", inferSchema: "true" })),
    ).toBe("struct<d:string>");
    const node = readNode("csv", f, {
      header: "true",
      inferSchema: "true",
      dateFormat: "dd/MM/yyyy",
    });
    expect(await schemaOf(engine, node)).toBe("struct<d:date>");
    expect((await collect(engine, node)).rows).toEqual([{ d: "2020-01-02" }, { d: "2021-03-15" }]);
  });

  it("keeps Spark's safe names for duplicate and empty headers", async () => {
    const node = readNode("csv", fixture("dup-header.csv"), { header: "true" });
    expect(await schemaOf(engine, node)).toBe(
      "struct<a0:string,A1:string,_c2:string,b3:string,b4:string,c:string>",
    );
    expect((await collect(engine, node)).rows).toEqual([
      { a0: "1", A1: "2", _c2: "3", b3: "4", b4: "5", c: "6" },
    ]);
  });

  it("applies a user schema by position, skipping the header", async () => {
    const node = readNode(
      "csv",
      fixture("people.csv"),
      { header: "true", escape: '"' },
      "n INT, who STRING, s DOUBLE, ok BOOLEAN, b DATE, t TIMESTAMP, x STRING",
    );
    const { rows } = await collect(engine, node);
    expect(plain(rows)[0]).toEqual({
      n: 1,
      who: "Ada",
      s: 9.5,
      ok: true,
      b: "1815-12-10",
      t: "2020-01-02T10:30:00.000Z",
      x: "first",
    });
  });

  it("checks the header against the schema with enforceSchema=false", async () => {
    const node = readNode(
      "csv",
      fixture("people.csv"),
      { header: "true", enforceSchema: "false" },
      "id INT, name STRING",
    );
    await expect(engine.schema(node)).rejects.toThrow(/header does not conform to the schema/);
  });
});

describe("CSV dialect", () => {
  it("reads sep, quoted header names and the header of every file", async () => {
    const copy = tmp.file(
      "semicolon-copy.csv",
      'city;pop;"area km2"\n"Nice";342000;71.92\n"Metz";117000;41.94\n',
    );
    const node = readNode("csv", [fixture("semicolon.csv"), copy], {
      header: "true",
      sep: ";",
      inferSchema: "true",
    });
    expect(await schemaOf(engine, node)).toBe("struct<city:string,pop:int,area km2:double>");
    const { rows, metrics } = await collect(engine, node);
    expect(rows).toHaveLength(4);
    expect(metrics.rowsRead).toBe(4);
  });

  it("strips a byte-order mark and reads CRLF line endings", async () => {
    const { rows } = await collect(
      engine,
      readNode("csv", fixture("bom-crlf.csv"), { header: "true" }),
    );
    expect(rows).toEqual([
      { a: "1", b: "x" },
      { a: "2", b: "y" },
    ]);
  });

  it("reads quoted newlines (multiLine)", async () => {
    const { rows, metrics } = await collect(
      engine,
      readNode("csv", fixture("multiline.csv"), { header: "true", multiLine: "true", escape: '"' }),
    );
    expect(rows).toEqual([
      { id: "1", text: "line one\nline two" },
      { id: "2", text: "plain" },
      { id: "3", text: 'a "quoted"\nword' },
    ]);
    expect(metrics).toMatchObject({ rowsRead: 3, rowsRejected: 0 });
  });

  it("skips comment lines", async () => {
    const { rows } = await collect(
      engine,
      readNode("csv", fixture("comments.csv"), { header: "true", comment: "#" }),
    );
    expect(rows).toEqual([
      { id: "1", v: "a" },
      { id: "2", v: "b" },
    ]);
  });

  it("reads custom null values, NaN and infinities", async () => {
    const node = readNode(
      "csv",
      fixture("nulls.csv"),
      { header: "true", nullValue: "NA" },
      "k STRING, x DOUBLE, y DOUBLE",
    );
    const { rows } = await collect(engine, node);
    expect(rows).toEqual([
      { k: "a", x: null, y: 1.5 },
      { k: "b", x: Number.NaN, y: null },
      { k: "c", x: Number.POSITIVE_INFINITY, y: Number.NEGATIVE_INFINITY },
      { k: "d", x: null, y: 2 },
    ]);
  });

  it("uses Spark's default escape (backslash): a doubled quote then keeps its quotes, as in Spark", async () => {
    const { rows, metrics } = await collect(
      engine,
      readNode("csv", fixture("people.csv"), { header: "true" }),
    );
    expect(rows).toHaveLength(3);
    expect(metrics).toMatchObject({ rowsRead: 3, rowsRejected: 0 });
    // PySpark 4.0.1 gives: ["3", "Lee, Jr.", "7.25", "true", null, "2022-03-04 00:00:00", "\"said \"\"hi\"\"\""]
    expect(rows[2]).toMatchObject({ name: "Lee, Jr.", born: null, note: '"said ""hi"""' });
  });

  it("reads an empty unquoted field as null, as Spark does", async () => {
    const { rows } = await collect(
      engine,
      readNode("csv", fixture("people.csv"), { header: "true" }),
    );
    expect(rows[1]).toMatchObject({ score: null, note: null });
  });

  it("trims white space only when asked", async () => {
    const f = tmp.file("spaces.csv", "a,b\n  x  ,y\n");
    expect((await collect(engine, readNode("csv", f, { header: "true" }))).rows).toEqual([
      { a: "  x  ", b: "y" },
    ]);
    const trimmed = readNode("csv", f, {
      header: "true",
      ignoreLeadingWhiteSpace: "true",
      ignoreTrailingWhiteSpace: "true",
    });
    expect((await collect(engine, trimmed)).rows).toEqual([{ a: "x", b: "y" }]);
  });

  it("reads Latin-1 and UTF-16 files", async () => {
    const latin = tmp.file("latin1.csv", Buffer.from("name\ncaf\xe9\n", "latin1"));
    expect(
      (await collect(engine, readNode("csv", latin, { header: "true", encoding: "ISO-8859-1" })))
        .rows,
    ).toEqual([{ name: "café" }]);
    const utf16 = tmp.file(
      "utf16.csv",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("name\nzoë\n", "utf16le")]),
    );
    expect(
      (await collect(engine, readNode("csv", utf16, { header: "true", encoding: "UTF-16" }))).rows,
    ).toEqual([{ name: "zoë" }]);
  });

  it("reads directories, globs and pathGlobFilter", async () => {
    const dir = tempDir();
    dir.file("a.csv", "x\n1\n");
    dir.file("b.csv", "x\n2\n");
    dir.file("c.txt", "x\n3\n");
    dir.file("_SUCCESS", "");
    try {
      const all = await collect(
        engine,
        readNode("csv", dir.dir, { header: "true", pathGlobFilter: "*.csv" }),
      );
      expect(all.rows).toEqual([{ x: "1" }, { x: "2" }]);
      const glob = await collect(engine, readNode("csv", `${dir.dir}/b*.csv`, { header: "true" }));
      expect(glob.rows).toEqual([{ x: "2" }]);
    } finally {
      dir.cleanup();
    }
  });

  it("names a missing path", async () => {
    await expect(engine.schema(readNode("csv", "/no/such/dir/file.csv"))).rejects.toThrow(
      "Path does not exist: /no/such/dir/file.csv",
    );
  });
});

describe("CSV timestamps", () => {
  it("reads timestamps without offset in the session time zone", async () => {
    const other = await startEngine("America/New_York");
    try {
      const f = tmp.file("ts.csv", "t\n2020-01-02 10:30:00\n");
      const { rows } = await collect(
        other,
        readNode("csv", f, { header: "true", inferSchema: "true" }),
      );
      expect(rows[0]?.t).toEqual(new Date("2020-01-02T15:30:00Z"));
    } finally {
      await other.stop();
    }
  });

  it("honours offsets and zones in values", async () => {
    const f = tmp.file(
      "tz.csv",
      "t\n2020-01-02T10:30:00+02:00\n2020-01-02T10:30:00Z\n2020-01-02 10:30:00\n",
    );
    const node = readNode("csv", f, { header: "true", inferSchema: "true" });
    expect(await schemaOf(engine, node)).toBe("struct<t:timestamp>");
    const { rows } = await collect(engine, node);
    expect(rows.map((r) => (r.t as Date).toISOString())).toEqual([
      "2020-01-02T08:30:00.000Z",
      "2020-01-02T10:30:00.000Z",
      "2020-01-02T10:30:00.000Z",
    ]);
  });

  it("parses a date pattern DuckDB's reader cannot take natively in SQL, with the same accounting", async () => {
    const f = tmp.file("yy.csv", "d\n02/01/20\nsoon\n");
    const kept = await collect(
      engine,
      readNode("csv", f, { header: "true", dateFormat: "dd/MM/yy" }, "d DATE"),
    );
    expect(kept.rows).toEqual([{ d: "2020-01-02" }, { d: null }]);
    expect(kept.metrics).toMatchObject({ rowsRead: 2, rowsRejected: 1 });
    expect(kept.metrics.sample[0]).toMatchObject({ file: f, record: "soon" });
    const dropped = await collect(
      engine,
      readNode(
        "csv",
        f,
        { header: "true", dateFormat: "dd/MM/yy", mode: "DROPMALFORMED" },
        "d DATE",
      ),
    );
    expect(dropped.rows).toEqual([{ d: "2020-01-02" }]);
    expect(dropped.metrics).toMatchObject({ rowsRead: 2, rowsRejected: 1 });
    const failed = engine.collect(
      readNode("csv", f, { header: "true", dateFormat: "dd/MM/yy", mode: "FAILFAST" }, "d DATE"),
    );
    await expect(failed).rejects.toMatchObject({ code: "MALFORMED_RECORD", file: f });
  });

  it("parses timestampFormat", async () => {
    const f = tmp.file("tsf.csv", "t\n02/01/2020 10:30\n");
    const node = readNode(
      "csv",
      f,
      { header: "true", timestampFormat: "dd/MM/yyyy HH:mm" },
      "t TIMESTAMP",
    );
    expect((await collect(engine, node)).rows[0]?.t).toEqual(new Date("2020-01-02T10:30:00Z"));
  });
});
