import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBSession } from "../../../src/engine/duckdb/connection.js";
import type { DuckDBEngine } from "../../../src/engine/duckdb/engine.js";
import { collect, readNode, schemaOf, startEngine, tempDir } from "./helpers.js";

/** Text that would break out of a SQL literal or identifier if it were spliced in. */
const NASTY = `it's "q"; DROP TABLE canary; -- \\ ünï ✓`;

let engine: DuckDBEngine;
const tmp = tempDir();
beforeAll(async () => {
  engine = await startEngine("UTC");
  await engine.setConf("spark.sql.session.timeZone", "UTC");
});
afterAll(async () => {
  await engine.stop();
  tmp.cleanup();
});

/** The session's own connection (private to the engine; only this test peeks at it). */
function db(): DuckDBSession {
  return (engine as unknown as { db: DuckDBSession }).db;
}

/** The canary table is still there: no user text ran as SQL. */
async function canaryAlive(): Promise<void> {
  const result = await db().query("SELECT alive FROM canary");
  expect(result.rows).toEqual([["yes"]]);
}

describe("user text travels as data, never as SQL", () => {
  beforeAll(async () => {
    await db().execute("CREATE TABLE canary AS SELECT 'yes' AS alive");
  });

  it("paths with quotes, semicolons, comment markers, backslashes and unicode", async () => {
    const dir = join(tmp.dir, NASTY);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${NASTY}.csv`);
    tmp.file(join(NASTY, `${NASTY}.csv`), "a\n1\n");
    const { rows, metrics } = await collect(engine, readNode("csv", file, { header: "true" }));
    expect(rows).toEqual([{ a: "1" }]);
    expect(metrics.paths).toEqual([file]);
    await canaryAlive();
  });

  it("header names with quotes, semicolons, --, backslashes, newlines and unicode", async () => {
    const names = [`a'b`, `c"d`, "e;--f", "g\\h", "ünï ✓", "x\ny"];
    const header = names.map((n) => `"${n.replaceAll('"', '""')}"`).join(",");
    const f = tmp.file("names.csv", `${header}\n1,2,3,4,5,6\n`);
    // multiLine: Spark reads the quoted line break inside a header name only with it.
    const node = readNode("csv", f, {
      header: "true",
      escape: '"',
      inferSchema: "true",
      multiLine: "true",
    });
    const schema = await engine.schema(node);
    expect(schema.fields.map((x) => x.name)).toEqual(names);
    const { rows } = await collect(engine, node);
    expect(Object.keys(rows[0] ?? {})).toEqual(names);
    expect(Object.values(rows[0] ?? {})).toEqual([1, 2, 3, 4, 5, 6]);
    await canaryAlive();
  });

  it("option values: sep, quote, nullValue, dateFormat, columnNameOfCorruptRecord, badRecordsPath", async () => {
    const f = tmp.file("opts.csv", `d|;v|;w\n02/01/2020|;'x|;y'|;); DROP TABLE canary; --\n`);
    const out = join(tmp.dir, `bad ${NASTY}`);
    const node = readNode(
      "csv",
      f,
      {
        header: "true",
        sep: "|;",
        quote: "'",
        nullValue: "); DROP TABLE canary; --",
        dateFormat: "dd/MM/yyyy",
        mode: "DROPMALFORMED",
        badRecordsPath: out,
        columnNameOfCorruptRecord: NASTY,
      },
      "d DATE, v STRING, w STRING",
    );
    const { rows, metrics } = await collect(engine, node);
    expect(metrics.rowsRejected).toBe(0);
    expect(rows).toEqual([{ d: "2020-01-02", v: "x|;y", w: null }]);
    await canaryAlive();
  });

  it("says when DuckDB cannot take a value (a quote inside nullValue)", async () => {
    const f = tmp.file("q.csv", "a\n1\n");
    await expect(
      engine.schema(readNode("csv", f, { nullValue: `'); DROP TABLE canary; --`, quote: "'" })),
    ).rejects.toThrow(/Option nullValue .* must not contain the quote character/);
    await canaryAlive();
  });

  it("a corrupt-record column and bad-records directory with hostile names", async () => {
    const f = tmp.file("hostile-bad.csv", "a\n1\nx\n");
    const out = join(tmp.dir, `out ${NASTY}`);
    const node = readNode(
      "csv",
      f,
      { header: "true", columnNameOfCorruptRecord: NASTY, badRecordsPath: out },
      `a INT, \`${NASTY.replaceAll("`", "``")}\` STRING`,
    );
    const { rows, metrics } = await collect(engine, node);
    expect(rows).toEqual([
      { a: 1, [NASTY]: null },
      { a: null, [NASTY]: "x" },
    ]);
    expect(metrics.badRecordsFile?.startsWith(out)).toBe(true);
    expect(readdirSync(out)).toHaveLength(1);
    await canaryAlive();
  });

  it("JSON keys and values with quotes, slashes, tildes and unicode", async () => {
    const key = `k'"/~;-- ü`;
    const f = tmp.file("keys.jsonl", `${JSON.stringify({ [key]: NASTY, n: 1 })}\n`);
    const node = readNode("json", f);
    expect(await schemaOf(engine, node)).toBe(`struct<${key}:string,n:bigint>`);
    const { rows } = await collect(engine, node);
    expect(rows).toEqual([{ [key]: NASTY, n: 1n }]);
    const tolerant = readNode(
      "json",
      f,
      { mode: "DROPMALFORMED" },
      `\`${key.replaceAll("`", "``")}\` STRING, n INT`,
    );
    expect((await collect(engine, tolerant)).rows).toEqual([{ [key]: NASTY, n: 1 }]);
    await canaryAlive();
  });
});
