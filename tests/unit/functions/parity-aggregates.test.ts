/**
 * Aggregates where DuckDB's answer differs from Spark's: moment statistics over NaN, corr
 * over a constant side. Expected values are PySpark 4.0.1's answers (the parity oracle,
 * tests/parity/cases/aggregates.json over tests/parity/data/fns-agg.json).
 */
import { describe, expect, it } from "vitest";
import { functions as F, Window } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

const ROWS = [
  { g: "a", x: 1.0, y: 10 },
  { g: "a", x: 2.0, y: null },
  { g: "a", x: 4.0, y: 30 },
  { g: "a", x: 10.0, y: 40 },
  { g: "b", x: null, y: null },
  { g: "b", x: 3.0, y: 5 },
  { g: "b", x: -3.0, y: 5 },
  { g: "c", x: null, y: null },
  { g: "d", x: Number.NaN, y: 1 },
  { g: "d", x: 1.0, y: 2 },
];

/** One aggregate per group, by group name. */
async function byGroup(expr: string): Promise<Record<string, unknown>> {
  const df = spark().createDataFrame(ROWS, "g STRING, x DOUBLE, y INT");
  const rows = await df.groupBy("g").agg(F.expr(expr).alias("v")).collect();
  return Object.fromEntries(rows.map((r) => [String(r.g), r.v]));
}

describe("moment statistics", () => {
  it("are NaN for a group holding NaN instead of failing", async () => {
    expect(await byGroup("stddev(x)")).toEqual({
      a: 4.031128874149275,
      b: 4.242640687119285,
      c: null,
      d: Number.NaN,
    });
    expect(await byGroup("stddev_pop(x)")).toMatchObject({ a: 3.491060010942235, b: 3, c: null });
    expect(await byGroup("var_samp(x)")).toMatchObject({ b: 18, c: null, d: Number.NaN });
  });

  it("corr is null below two pairs and over a constant side", async () => {
    const corr = await byGroup("corr(x, y)");
    // Spark's running update gives 0.9285714285714286; DuckDB's formula is 1 ulp away.
    expect(corr.a).toBeCloseTo(0.9285714285714286, 14);
    expect(corr).toMatchObject({ b: null, c: null, d: Number.NaN });
  });
});

describe("any_value", () => {
  it("is the first row's value, null included (Spark's first)", async () => {
    const df = spark().createDataFrame([{ b: null }, { b: true }, { b: false }], "b BOOLEAN");
    const row = await df.agg(F.expr("any_value(b)").alias("v")).first();
    expect(row?.v).toBeNull();
  });
});

describe("count_if", () => {
  it("counts true rows, 0 (not null) where none is, over groups and windows", async () => {
    // PySpark 4.0.1: a 2, b 1, c 0, d 1 (NaN > 2 is true: NaN sorts above every number).
    expect(await byGroup("count_if(x > 2)")).toEqual({ a: 2n, b: 1n, c: 0n, d: 1n });
    expect(await byGroup("count_if(y > 100)")).toEqual({ a: 0n, b: 0n, c: 0n, d: 0n });
    const df = spark().createDataFrame(ROWS, "g STRING, x DOUBLE, y INT");
    const w = Window.partitionBy("g").orderBy("x");
    const rows = await df
      .select("g", "x", F.count_if(F.col("x").gt(2)).over(w).alias("v"))
      .orderBy("g", "x")
      .collect();
    expect(rows.map((r) => r.v)).toEqual([0n, 0n, 1n, 2n, 0n, 0n, 1n, 0n, 0n, 1n]);
    const empty = spark().createDataFrame([], "x INT");
    expect((await empty.agg(F.count_if(F.col("x").gt(1)).alias("v")).first())?.v).toBe(0n);
  });
});

describe("avg of integers", () => {
  it("sums the values as doubles, as Spark does", async () => {
    // 2^53 + 1 is not a double: Spark's double sum rounds it, DuckDB's exact sum would not.
    const df = spark().createDataFrame([{ l: 9007199254740993n }, { l: 1n }], "l BIGINT");
    const row = await df.agg(F.expr("avg(l)").alias("v")).first();
    expect(row?.v).toBe(4503599627370496);
  });
});
