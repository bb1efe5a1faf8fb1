import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBEngine } from "../../../src/engine/duckdb/engine.js";
import type { Row } from "../../../src/engine/engine.js";
import { collect, plain, readNode, schemaOf, startEngine, tempDir } from "./helpers.js";

/**
 * The blank-line search waits for a failed scan past inference's sample (csv-check.ts).
 * Each file has 25,000 data lines, its odd line past the 20,480 records of the sample, so
 * these reads take that path. Expected values: PySpark 4.0.1 on the same files.
 */
const data = (sep = ","): string[] =>
  Array.from({ length: 25000 }, (_, k) => `${k + 1}${sep}x${(k + 1) % 7}`);
const at = (lines: string[], index: number, ...added: string[]): string[] => [
  ...lines.slice(0, index),
  ...added,
  ...lines.slice(index),
];
const csv = (lines: string[], header = "a,b", nl = "\n"): string =>
  `${[header, ...lines].join(nl)}${nl}`;
const ends = (rows: readonly Row[]) => {
  const p = plain(rows);
  return [p.length, p[0], p.at(-1)];
};
const SPARK_ROWS = [25000, { a: 1, b: "x1" }, { a: 25000, b: "x3" }];

describe("CSV reads whose blank-line search waits for a failed scan", () => {
  const tmp = tempDir();
  let engine: DuckDBEngine;
  const ws = (): string => tmp.file("ws.csv", csv(at(data(), 24000, " \t")));
  beforeAll(async () => {
    engine = await startEngine("UTC");
  });
  afterAll(async () => {
    await engine.stop();
    tmp.cleanup();
  });

  it("skips a whitespace-only line in every mode, counting nothing as malformed", async () => {
    for (const mode of ["PERMISSIVE", "FAILFAST", "DROPMALFORMED"]) {
      const node = readNode("csv", ws(), { header: "true", inferSchema: "true", mode });
      expect(await schemaOf(engine, node)).toBe("struct<a:int,b:string>");
      const read = await collect(engine, node);
      const { rowsRead, rowsRejected } = read.metrics;
      expect([mode, ...ends(read.rows), rowsRead, rowsRejected]).toEqual([
        mode,
        ...SPARK_ROWS,
        25000,
        0,
      ]);
    }
  });

  it("skips it with a schema, and streamed", async () => {
    const node = readNode("csv", ws(), { header: "true", mode: "FAILFAST" }, "a INT, b STRING");
    expect(ends((await collect(engine, node)).rows)).toEqual(SPARK_ROWS);
    const streamed: Row[] = [];
    for await (const chunk of engine.stream(readNode("csv", ws(), { header: "true" })))
      streamed.push(...chunk);
    expect(streamed.length).toBe(25000);
  });

  it("still finds a malformed record after the whitespace-only line", async () => {
    const file = tmp.file("ws-bad.csv", csv(at(at(data(), 24500, "oops,z"), 24000, " \t")));
    // Spark: 25,001 rows, (null, z) after (24500, x0); FAILFAST fails on line 24,503.
    const read = await collect(
      engine,
      readNode("csv", file, { header: "true" }, "a INT, b STRING"),
    );
    const rows = plain(read.rows);
    expect([rows.length, rows[24500], rows.filter((r) => r.a === null).length]).toEqual([
      25001,
      { a: null, b: "z" },
      1,
    ]);
    const failfast = readNode("csv", file, { header: "true", mode: "FAILFAST" }, "a INT, b STRING");
    await expect(engine.collect(failfast)).rejects.toMatchObject({
      code: "MALFORMED_RECORD",
      context: { record: "oops,z" },
    });
  });

  it("reads empty lines, mixed line breaks, one column and tab separators as Spark does", async () => {
    const opts = { header: "true", inferSchema: "true" };
    const empty = tmp.file("empty.csv", csv(at(at(data(), 24100, "", ""), 24000, "")));
    expect(ends((await collect(engine, readNode("csv", empty, opts))).rows)).toEqual(SPARK_ROWS);
    const rows = data();
    const mixed = tmp.file(
      "mixed.csv",
      `a,b\n${rows.slice(0, 24000).join("\n")}\n\r\n${rows.slice(24000).join("\n")}\n`,
    );
    expect(ends((await collect(engine, readNode("csv", mixed, opts))).rows)).toEqual(SPARK_ROWS);
    const numbers = Array.from({ length: 25000 }, (_, k) => String(k + 1));
    const one = tmp.file("one.csv", csv(at(numbers, 24000, ""), "a"));
    const single = await collect(engine, readNode("csv", one, opts));
    expect([single.rows.length, plain(single.rows).at(-1)]).toEqual([25000, { a: 25000 }]);
    const tab = tmp.file("tab.csv", csv(at(data("\t"), 24000, "\t"), "a\tb"));
    const tabbed = readNode("csv", tab, { ...opts, sep: "\t" });
    expect(ends((await collect(engine, tabbed)).rows)).toEqual(SPARK_ROWS);
  });

  it("searches the sample and each file's first lines before inference", async () => {
    const opts = { header: "true", inferSchema: "true" };
    const sample = tmp.file("ws-sample.csv", csv(at(data(), 100, " ")));
    const node = readNode("csv", sample, opts);
    expect(await schemaOf(engine, node)).toBe("struct<a:int,b:string>");
    expect(ends((await collect(engine, node)).rows)).toEqual(SPARK_ROWS);
    const first = tmp.file("blank-first.csv", `\n${csv(data().slice(0, 10))}`);
    const read = await collect(engine, readNode("csv", first, opts));
    expect(ends(read.rows)).toEqual([10, { a: 1, b: "x1" }, { a: 10, b: "x3" }]);
  });
});
