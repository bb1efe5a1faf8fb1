/**
 * Analysis describes only the relations that compute new columns: a filter, join, sort or
 * alias takes its inputs' types, and its SQL is bound once, by whatever is described above
 * it. Errors must still name the step that fails, as a bottom-up analysis does.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DuckDBSession } from "../../../../src/engine/duckdb/connection.js";
import { functions as F, SparkSession } from "../../../../src/index.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder().master("local[1]").getOrCreate();
});
afterAll(async () => {
  await spark.stop();
});

describe("DuckDB analysis", () => {
  it("binds a chain of pass-through steps once, at the root", async () => {
    const df = spark
      .range(10)
      .withColumn("d", F.expr("CAST(id AS DECIMAL(10,2)) / 3"))
      .alias("a")
      .filter("id > 2")
      .join(spark.range(5).toDF("k").alias("b"), F.col("a.id").eqNullSafe(F.col("b.k")))
      .orderBy("id")
      .limit(3);
    const spy = vi.spyOn(DuckDBSession.prototype, "describe");
    try {
      const schema = await df.schema;
      expect(schema.simpleString()).toBe("struct<id:bigint,d:decimal(14,6),k:bigint>");
      // The two ranges, the withColumn, then the root: the alias, filter, toDF, join, sort
      // and limit are not described one by one (they were: 10 DESCRIBEs).
      expect(spy.mock.calls.length).toBeLessThanOrEqual(4);
    } finally {
      spy.mockRestore();
    }
    // PySpark: [Row(id=3, d=Decimal('1.000000'), k=3), Row(id=4, d=Decimal('1.333333'), k=4)]
    const rows = (await df.collect()).map((r) => ({ ...r, d: String(r.d) }));
    expect(rows).toEqual([
      { id: 3n, d: "1.000000", k: 3n },
      { id: 4n, d: "1.333333", k: 4n },
    ]);
  });

  it("names the failing step when it sits below steps that were not described", async () => {
    const df = spark.range(3).withColumn("s", F.lit("x"));
    // PySpark: [DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] for the comparison in the filter.
    const bad = df.filter("s > array(1)");
    for (const plan of [bad, bad.orderBy("id").select("id"), bad.alias("x").limit(1)]) {
      await expect(plan.schema).rejects.toMatchObject({
        code: "DATATYPE_MISMATCH",
        message: expect.stringContaining("Cannot analyze the filter step"),
      });
      await expect(plan.collect()).rejects.toMatchObject({ code: "DATATYPE_MISMATCH" });
    }
  });
});
