import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBEngine } from "../../../src/engine/duckdb/engine.js";
import type { Row } from "../../../src/engine/engine.js";
import { collect, plain, readNode, schemaOf, startEngine, tempDir } from "./helpers.js";

/**
 * The blank-line search waits for a failed scan past inference's sample (csv-check.ts).
 * Each file has 50,000 data lines, its odd line past the eagerly searched lines (twice the
 * sample's 20,480 records), so these reads take that path. Expected values: PySpark 4.0.1 on the same files.
 */
const data = (sep = ","): string[] =>
  Array.from({ length: 50000 }, (_, k) => `${k + 1}${sep}x${(k + 1) % 7}`);
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
const SPARK_ROWS = [50000, { a: 1, b: "x1" }, { a: 50000, b: "x6" }];

describe("CSV reads whose blank-line search waits for a failed scan", () => {
  const tmp = tempDir();
  let engine: DuckDBEngine;
  const ws = (): string => tmp.file("ws.csv", csv(at(data(), 45000, " \t")));
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
        50000,
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
    expect(streamed.length).toBe(50000);
  });

  it("still finds a malformed record after the whitespace-only line", async () => {
    const file = tmp.file("ws-bad.csv", csv(at(at(data(), 45500, "oops,z"), 45000, " \t")));
    // Spark: 50,001 rows, (null, z) the 45,501st; FAILFAST fails the action (ours names the record).
    const read = await collect(
      engine,
      readNode("csv", file, { header: "true" }, "a INT, b STRING"),
    );
    const rows = plain(read.rows);
    expect([rows.length, rows[45500], rows.filter((r) => r.a === null).length]).toEqual([
      50001,
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
    const empty = tmp.file("empty.csv", csv(at(at(data(), 45100, "", ""), 45000, "")));
    expect(ends((await collect(engine, readNode("csv", empty, opts))).rows)).toEqual(SPARK_ROWS);
    const rows = data();
    const mixed = tmp.file(
      "mixed.csv",
      `a,b\n${rows.slice(0, 45000).join("\n")}\n\r\n${rows.slice(45000).join("\n")}\n`,
    );
    expect(ends((await collect(engine, readNode("csv", mixed, opts))).rows)).toEqual(SPARK_ROWS);
    const numbers = Array.from({ length: 50000 }, (_, k) => String(k + 1));
    const one = tmp.file("one.csv", csv(at(numbers, 45000, ""), "a"));
    const single = await collect(engine, readNode("csv", one, opts));
    expect([single.rows.length, plain(single.rows).at(-1)]).toEqual([50000, { a: 50000 }]);
    const tab = tmp.file("tab.csv", csv(at(data("\t"), 45000, "\t"), "a\tb"));
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
