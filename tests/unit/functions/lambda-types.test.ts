/**
 * Lambda parameters carry Spark's types (the array's element, an int index, the
 * accumulator's type), so arithmetic inside a lambda wraps like Java without ANSI and fails
 * with ARITHMETIC_OVERFLOW with it. Expected values are PySpark 4.0.1's.
 */
import { describe, expect, it } from "vitest";
import { functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

async function column(expr: string, ansi: boolean): Promise<unknown[]> {
  await spark().conf.set("spark.sql.ansi.enabled", ansi);
  const df = spark().createDataFrame(
    [[[1, 2147483647]], [[3, null]], [null], [[]]],
    "arr ARRAY<INT>",
  );
  return (await df.select(F.expr(expr).alias("c")).collect()).map((r) => r.c);
}

async function errorClass(expr: string): Promise<string | undefined> {
  try {
    await column(expr, true);
  } catch (e) {
    return (e as { errorClass?: string }).errorClass;
  }
  return undefined;
}

describe("lambda parameters are typed", () => {
  it("wraps int arithmetic on elements without ANSI", async () => {
    expect(await column("transform(arr, x -> x + 1)", false)).toEqual([
      [2, -2147483648],
      [4, null],
      null,
      [],
    ]);
    expect(await column("exists(arr, x -> x + 1 < 0)", false)).toEqual([true, null, null, false]);
    expect(await column("aggregate(arr, 0, (acc, x) -> acc + x)", false)).toEqual([
      -2147483648,
      null,
      null,
      0,
    ]);
    expect(await column("transform(arr, x -> transform(array(x), y -> y + x))", false)).toEqual([
      [[2], [-2]],
      [[6], [null]],
      null,
      [],
    ]);
  });

  it("keeps a long accumulator long, and the index an int", async () => {
    expect(await column("aggregate(arr, 0L, (acc, x) -> acc + x, acc -> acc * 2)", false)).toEqual([
      4294967296n,
      null,
      null,
      0n,
    ]);
    expect(await column("transform(arr, (x, i) -> x * i)", false)).toEqual([
      [0, 2147483647],
      [0, null],
      null,
      [],
    ]);
  });

  it("fails on overflow with ANSI", async () => {
    expect(await errorClass("transform(arr, x -> x + 1)")).toBe("ARITHMETIC_OVERFLOW");
    expect(await errorClass("aggregate(arr, 0, (acc, x) -> acc + x)")).toBe("ARITHMETIC_OVERFLOW");
    expect(await column("aggregate(arr, 0L, (acc, x) -> acc + x)", true)).toEqual([
      2147483648n,
      null,
      null,
      0n,
    ]);
  });
});
