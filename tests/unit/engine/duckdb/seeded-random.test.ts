/**
 * rand(seed) and randn(seed) give Spark's own numbers (XORShiftRandom over java.util.Random),
 * as PySpark 4.0.1 prints them for spark.range(5) (one partition).
 */
import { describe, expect, it } from "vitest";
import { hashSeed, XorShiftRandom } from "../../../../src/engine/duckdb/xorshift-random.js";
import { functions as F } from "../../../../src/index.js";
import { useSpark } from "../../../helpers/session.js";

const spark = useSpark();

describe("Spark's XORShiftRandom", () => {
  it("draws Spark's doubles and gaussians for a seed", () => {
    const u = new XorShiftRandom(42n);
    expect([u.nextDouble(), u.nextDouble(), u.nextDouble()]).toEqual([
      0.619189370225301, 0.5096018842446481, 0.8325259388871524,
    ]);
    const g = new XorShiftRandom(42n);
    expect([g.nextGaussian(), g.nextGaussian(), g.nextGaussian()]).toEqual([
      2.384479054241165, 0.1920934041293524, 0.7337336533286575,
    ]);
  });

  it("hashes the full 64 bits of the seed", () => {
    expect(hashSeed(9223372036854775807n)).not.toBe(hashSeed(-1n));
    expect(new XorShiftRandom(9223372036854775807n).nextDouble()).toBe(0.17715881442674208);
  });
});

describe("rand(seed) / randn(seed) on the DuckDB engine", () => {
  it("gives Spark's sequence row by row, one generator per expression", async () => {
    const rows = await spark()
      .range(5)
      .selectExpr("rand(42) AS r", "randn(42) AS g", "rand(7) AS r7")
      .collect();
    expect(rows.map((r) => [r.r, r.g, r.r7])).toEqual([
      [0.619189370225301, 2.384479054241165, 0.28188121484885875],
      [0.5096018842446481, 0.1920934041293524, 0.45998819035056326],
      [0.8325259388871524, 0.7337336533286575, 0.7690971666031955],
      [0.26322809041172357, -0.5224480195716871, 0.6631414615273216],
      [0.6702867696264135, 2.060084179317831, 0.520550428327607],
    ]);
  });

  it("takes the seed from the Column API, and a null seed as 0", async () => {
    const rows = await spark()
      .range(2)
      .select(F.randn(0).alias("g"), F.expr("rand(NULL)").alias("n"))
      .collect();
    expect(rows.map((r) => [r.g, r.n])).toEqual([
      [1.6034991609278433, 0.7604953758285915],
      [0.14416006165776865, 0.5234194256885571],
    ]);
  });

  it("filters on a seeded draw or a row id as Spark does", async () => {
    const d = spark().range(10);
    const kept = await d.filter("rand(42) < 0.5").collect();
    expect(kept.map((r) => r.id)).toEqual([3n, 7n]);
    expect(await d.filter("monotonically_increasing_id() < 3").count()).toBe(3);
    const later = await d.filter("id > 2").filter("rand(42) < 0.5").collect();
    expect(later.map((r) => r.id)).toEqual([6n]);
  });

  it("sums 100,000 draws as Spark does", async () => {
    const [row] = await spark()
      .range(100000)
      .select(F.rand(1).alias("r"))
      .agg(F.sum("r").alias("s"))
      .collect();
    expect(row?.s).toBeCloseTo(50145.77523252855, 6);
  });
});
