/**
 * Casts and arithmetic on both engines, in both ANSI modes. Our default (ANSI off) is set
 * on the Spark Connect server too, so a Spark 4 server (ANSI on by default) answers like
 * the embedded engine; with ANSI on, both fail with the same Spark error class.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SparkSession } from "../../src/index.js";
import { type Engines, orderedRows, startEngines, stopEngines } from "./engines.js";

let engines: Engines;
beforeAll(async () => {
  engines = await startEngines();
});
afterAll(async () => stopEngines(engines));

const EXPRESSIONS = [
  "CAST('1e2' AS INT)",
  "CAST('1.9' AS INT)",
  "CAST('abc' AS DATE)",
  "CAST(2147483648L AS INT)",
  "CAST(double('NaN') AS INT)",
  "CAST(1e7D AS STRING)",
  "CAST(-0.0D AS STRING)",
  "CAST(array(1, null) AS STRING)",
  "CAST(map('a', 1) AS STRING)",
  "CAST(named_struct('a', 1, 'b', CAST(null AS INT)) AS STRING)",
  "CAST(-1.005BD AS DECIMAL(3,2))",
  "CAST(1.005D AS DECIMAL(3,2))",
  "2147483647 + 1",
  "abs(-2147483647 - 1)",
  "shiftrightunsigned(-8, 1)",
  "pmod(7, -3)",
  "7 / 0",
  "7 div 2",
  "CAST(12.34 AS DECIMAL(4,2)) / CAST(1.5 AS DECIMAL(2,1))",
  "CAST(123456789012345678.5 AS DECIMAL(20,1)) * CAST(123456789012345678.5 AS DECIMAL(20,1))",
  "round(1.005D, 2)",
  "bround(CAST(12.345 AS DECIMAL(5,3)), 2)",
  "try_add(2147483647, 1)",
  "element_at(array(1, 2), 5)",
];

const select = (s: SparkSession) =>
  s.range(1).selectExpr(...EXPRESSIONS.map((e, i) => `${e} AS c${i}`));

describe("casts and arithmetic without ANSI mode (the default on both engines)", () => {
  it("give the same types and values", async () => {
    const [a, b] = [select(engines.duckdb), select(engines.spark)];
    expect((await a.schema).simpleString()).toBe((await b.schema).simpleString());
    expect(orderedRows(await a.collect())).toEqual(orderedRows(await b.collect()));
  });
});

describe("ANSI mode", () => {
  const FAILING = [
    ["CAST('1.5' AS INT)", "CAST_INVALID_INPUT"],
    ["CAST(2147483648L AS INT)", "CAST_OVERFLOW"],
    ["2147483647 + 1", "ARITHMETIC_OVERFLOW"],
    ["7 / 0", "DIVIDE_BY_ZERO"],
    ["CAST(9.5 AS DECIMAL(1,0))", "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION"],
    ["element_at(array(1, 2), 5)", "INVALID_ARRAY_INDEX_IN_ELEMENT_AT"],
    ["to_date('2024-02-30')", "CAST_INVALID_INPUT"],
  ] as const;

  it.each(FAILING)("%s fails with %s on both engines", async (expr, errorClass) => {
    for (const session of [engines.duckdb, engines.spark]) {
      await session.conf.set("spark.sql.ansi.enabled", true);
      try {
        await expect(session.range(1).selectExpr(expr).collect()).rejects.toMatchObject({
          errorClass,
        });
      } finally {
        await session.conf.set("spark.sql.ansi.enabled", false);
      }
    }
  });
});
