/**
 * avg of decimals is exact in Spark (`decimal(p + 4, s + 4)`, HALF_UP); on DuckDB it runs as
 * integer arithmetic on the unscaled sum (functions/decimal-avg.ts), the UDF only past it.
 * Expected values are PySpark 4.0.1's for the same SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkSession } from "../../../src/index.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder().master("local[1]").getOrCreate();
});
afterAll(async () => {
  await spark.stop();
});

const zeros = (g: string) => Array.from({ length: 31 }, () => `('${g}', 0.00BD)`).join(", ");
const VALUES = [
  "('a', 1.00BD), ('a', 2.00BD), ('a', 2.00BD)",
  "('b', -1.00BD), ('b', -2.00BD), ('b', -2.00BD)",
  "('c', 0.01BD), ('c', 0.02BD)",
  // 0.01 / 32 = 0.0003125: the 7th decimal is a 5, rounded up (away from zero).
  `('d', 0.01BD), ${zeros("d")}`,
  `('e', -0.01BD), ${zeros("e")}`,
  "('f', CAST(NULL AS DECIMAL(10,2)))",
].join(", ");

const text = (rows: readonly Record<string, unknown>[]) =>
  rows.map((r) => Object.values(r).map((v) => (v === null ? null : String(v))));

describe("avg of decimals", () => {
  it("rounds HALF_UP at scale s + 4, for plain, DISTINCT and scale-0 inputs", async () => {
    const df = spark.sql(
      `SELECT g, avg(CAST(x AS DECIMAL(10,2))) AS a, avg(DISTINCT CAST(x AS DECIMAL(10,2))) AS d, avg(CAST(x * 100 AS DECIMAL(5,0))) AS z FROM VALUES ${VALUES} AS t(g, x) GROUP BY g ORDER BY g`,
    );
    expect((await df.schema).simpleString()).toBe(
      "struct<g:string,a:decimal(14,6),d:decimal(14,6),z:decimal(9,4)>",
    );
    expect(text(await df.collect())).toEqual([
      ["a", "1.666667", "1.500000", "166.6667"],
      ["b", "-1.666667", "-1.500000", "-166.6667"],
      ["c", "0.015000", "0.015000", "1.5000"],
      ["d", "0.000313", "0.005000", "0.0313"],
      ["e", "-0.000313", "-0.005000", "-0.0313"],
      ["f", null, null, null],
    ]);
  });

  it("over a window", async () => {
    const df = spark.sql(
      `SELECT g, avg(CAST(x AS DECIMAL(10,2))) OVER (PARTITION BY g) AS a FROM VALUES ${VALUES} AS t(g, x) WHERE g IN ('a','d') ORDER BY g LIMIT 4`,
    );
    expect(text(await df.collect())).toEqual([
      ["a", "1.666667"],
      ["a", "1.666667"],
      ["a", "1.666667"],
      ["d", "0.000313"],
    ]);
  });
});
