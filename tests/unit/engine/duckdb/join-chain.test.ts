/**
 * A join over an inner, cross, semi or anti join extends that join's FROM instead of
 * nesting its SELECT, so DuckDB orders the joins of a chain by cost (it keeps the order of
 * nested SELECTs). Rows must stay Spark's: each expected value is what PySpark 4.0.1 gives.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DataFrame, functions as F, SparkSession } from "../../../../src/index.js";
import { generatedSql, maxJoinsInOneFrom } from "../../../helpers/join-shape.js";

let spark: SparkSession;
let A: DataFrame;
let B: DataFrame;
let C: DataFrame;
let D: DataFrame;
beforeAll(async () => {
  spark = await SparkSession.builder().master("local[1]").getOrCreate();
  A = spark
    .createDataFrame(
      [
        [1n, "a"],
        [2n, "b"],
        [3n, null],
      ],
      "id bigint, v string",
    )
    .alias("a");
  B = spark
    .createDataFrame(
      [
        [1n, "x"],
        [2n, "y"],
        [2n, "z"],
        [4n, "w"],
      ],
      "id bigint, v string",
    )
    .alias("b");
  const c = spark.createDataFrame(
    [
      [1n, 10],
      [2n, 20],
      [5n, 50],
    ],
    "id bigint, n int",
  );
  C = c.alias("c");
  D = c.filter("n > 15").alias("d");
});
afterAll(async () => {
  await spark.stop();
});

const picked = [F.col("a.id"), F.col("a.v"), F.col("b.v").alias("bv"), F.col("c.n")];

async function rowsOf(df: DataFrame): Promise<unknown[][]> {
  return (await df.collect()).map((r) => Object.values(r));
}

describe("DuckDB join chains", () => {
  it("puts inner joins and a semi/anti join on them in one FROM", async () => {
    const chain = A.join(B, F.col("a.id").equalTo(F.col("b.id")))
      .join(C, F.col("b.id").equalTo(F.col("c.id")))
      .join(D, F.col("a.id").equalTo(F.col("d.id")), "left_anti");
    expect(maxJoinsInOneFrom(generatedSql(await chain.explainString("simple")))).toBe(3);
    // PySpark: [(1, 'a', 'x', 10)]
    expect(await rowsOf(chain.select(...picked).orderBy("bv"))).toEqual([[1n, "a", "x", 10]]);
  });

  it("lets a left join extend the chain, and nests what comes above it", async () => {
    const df = A.join(B, F.col("a.id").equalTo(F.col("b.id")))
      .join(C, F.col("b.id").equalTo(F.col("c.id")), "left")
      .join(D, F.col("a.id").equalTo(F.col("d.id")), "left_semi");
    expect(maxJoinsInOneFrom(generatedSql(await df.explainString("simple")))).toBe(2);
    // PySpark: [(2, 'b', 'y', 20), (2, 'b', 'z', 20)]
    expect(await rowsOf(df.select(...picked).orderBy("bv"))).toEqual([
      [2n, "b", "y", 20],
      [2n, "b", "z", 20],
    ]);
  });

  it("extends a chain with a cross join and a non-equi left join", async () => {
    const df = A.join(B, F.col("a.id").equalTo(F.col("b.id")))
      .crossJoin(C.filter("n < 15"))
      .join(D, F.col("c.n").lt(F.col("d.n")), "left");
    expect(maxJoinsInOneFrom(generatedSql(await df.explainString("simple")))).toBe(3);
    const rows = await rowsOf(df.select(...picked, F.col("d.n").alias("dn")).orderBy("bv", "dn"));
    // PySpark: [(1, 'a', 'x', 10, 20), (1, 'a', 'x', 10, 50), (2, 'b', 'y', 10, 20),
    // (2, 'b', 'y', 10, 50), (2, 'b', 'z', 10, 20), (2, 'b', 'z', 10, 50)]
    expect(rows).toEqual([
      [1n, "a", "x", 10, 20],
      [1n, "a", "x", 10, 50],
      [2n, "b", "y", 10, 20],
      [2n, "b", "y", 10, 50],
      [2n, "b", "z", 10, 20],
      [2n, "b", "z", 10, 50],
    ]);
  });

  it("keeps a USING join (its key is computed) as a nested SELECT", async () => {
    const df = A.join(B, ["id"]).join(C, ["id"]);
    expect(maxJoinsInOneFrom(generatedSql(await df.explainString("simple")))).toBe(1);
    expect(await df.columns).toEqual(["id", "v", "v", "n"]);
    // PySpark: [(1, 'a', 'x', 10), (2, 'b', 'y', 20), (2, 'b', 'z', 20)]
    expect(
      await rowsOf(df.select("id", "a.v", F.col("b.v").alias("bv"), "n").orderBy("bv")),
    ).toEqual([
      [1n, "a", "x", 10],
      [2n, "b", "y", 20],
      [2n, "b", "z", 20],
    ]);
  });
});
