/**
 * Exact decimal `+ - *` over columns, and their sums: computed in DuckDB's 64-bit decimals
 * while values fit 18 digits, in 128 bits past that (TPC-H q1's charge and discounted price).
 * The rows mix both: 9999999999999.99 * 0.5 * 1.5 needs 19 digits at scale 6. Every expected
 * value is what PySpark 4.0.1 (classic, local) answered, with ANSI mode off and on (the same).
 */
import { describe, expect, it } from "vitest";
import { Decimal } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

const ROWS = `(SELECT CAST(x AS DECIMAL(15,2)) x, CAST(d AS DECIMAL(15,2)) d, CAST(t AS DECIMAL(15,2)) t
  FROM VALUES (9999999999999.99, 0.5, 0.5), (1.5, 0.1, 0.02), (NULL, 0.1, 0.1), (2.25, NULL, 0.3),
  (99999.99, 0.04, 0.08) AS v(x, d, t))`;

const text = (v: unknown): unknown => (v instanceof Decimal ? v.toString() : v);

async function answer(sql: string): Promise<{ schema: string; rows: unknown[][] }> {
  const df = spark().sql(sql);
  const schema = (await df.schema).simpleString();
  const rows = (await df.collect()).map((r) => Object.values(r).map(text));
  return { schema, rows };
}

describe.each(["false", "true"])("exact decimal arithmetic, ANSI %s", (ansi) => {
  it("gives products and differences past 18 digits exactly", async () => {
    await spark().conf.set("spark.sql.ansi.enabled", ansi);
    expect(
      await answer(`SELECT x * (1 - d) * (1 + t) AS c, x * (1 - d) AS dp FROM ${ROWS}`),
    ).toEqual({
      schema: "struct<c:decimal(38,6),dp:decimal(32,4)>",
      rows: [
        ["7499999999999.992500", "4999999999999.9950"],
        ["1.377000", "1.3500"],
        [null, null],
        [null, null],
        ["103679.989632", "95999.9904"],
      ],
    });
  });

  it("sums them exactly, the 64-bit and the wider rows alike", async () => {
    await spark().conf.set("spark.sql.ansi.enabled", ansi);
    const sums = `sum(x * (1 - d) * (1 + t)) AS c, sum(x * (1 - d)) AS dp, sum(x + d) AS s2, sum(x - t * d) AS s3, count(*) AS n`;
    expect(await answer(`SELECT ${sums} FROM ${ROWS}`)).toEqual({
      schema: "struct<c:decimal(38,6),dp:decimal(38,4),s2:decimal(26,2),s3:decimal(38,4),n:bigint>",
      rows: [
        [
          "7500000103681.359132",
          "5000000096001.3354",
          "10000000100002.12",
          "10000000100001.2248",
          5n,
        ],
      ],
    });
    const c = "sum(x * (1 - d) * (1 + t)) AS c";
    expect((await answer(`SELECT ${c} FROM ${ROWS} WHERE x < 100`)).rows).toEqual([["1.377000"]]);
    expect((await answer(`SELECT ${c} FROM ${ROWS} WHERE x > 1e20`)).rows).toEqual([[null]]);
  });

  it("keeps 64-bit operands whose exact result needs more digits exact", async () => {
    await spark().conf.set("spark.sql.ansi.enabled", ansi);
    const q = `SELECT a * b AS p, c + b AS s, -c - e AS m FROM (SELECT
      CAST(9999999999999.99 AS DECIMAL(15,2)) a, CAST(99999999999999.99 AS DECIMAL(16,2)) b,
      CAST(99999999999999.9999 AS DECIMAL(18,4)) c, CAST(99999999999999.99 AS DECIMAL(18,2)) e)`;
    expect(await answer(q)).toEqual({
      schema: "struct<p:decimal(32,4),s:decimal(19,4),m:decimal(21,4)>",
      rows: [["999999999999998900000000000.0001", "199999999999999.9899", "-199999999999999.9899"]],
    });
  });
});

describe("the 64-bit form", () => {
  it("sums a product chain over 64-bit values, with the 128-bit form only as the fallback", async () => {
    await spark().conf.set("spark.sql.ansi.enabled", "false");
    const df = spark().sql(`SELECT sum(x * (1 - d) * (1 + t)) AS c FROM ${ROWS}`);
    const plan = await df.explainString("simple");
    // DuckDB's native product of the 64-bit columns, tried first and summed apart.
    expect(plan).toMatch(/sum\(TRY\(\(\(.*"x" \* \(CAST\(1 AS DECIMAL\(1,0\)\) - .*"d"\)\) \*/);
    expect(plan).toContain("DECIMAL(38,2)");
  });
});
