/**
 * Literal values reach DuckDB without losing what Spark keeps: the sign of -0.0 and the
 * microseconds of a timestamp (the parity suite's core.col.d and core.col.ts cases compare
 * the same values with PySpark).
 */
import { describe, expect, it } from "vitest";
import { literalSql } from "../../../../src/engine/duckdb/compiler/literal.js";
import { functions as F } from "../../../../src/index.js";
import { DoubleType, IntegerType, TimestampType } from "../../../../src/types/data-types.js";
import { Timestamp } from "../../../../src/types/timestamp.js";
import { useSpark } from "../../../helpers/session.js";

describe("DuckDB literals", () => {
  const spark = useSpark();

  it("keeps the sign of -0.0", async () => {
    expect(literalSql(-0, DoubleType)).toBe("CAST('-0.0' AS DOUBLE)");
    const [row] = await spark()
      .createDataFrame([[-0]], "d DOUBLE")
      .selectExpr("d")
      .collect();
    expect(Object.is(row?.d, -0)).toBe(true);
  });

  it("keeps the smallest int an int (DuckDB reads -2147483648 as a BIGINT)", async () => {
    expect(literalSql(-2147483648, IntegerType)).toBe("CAST('-2147483648' AS INTEGER)");
    // PySpark 4.0.1: struct<one:int,c:string>; the string column makes DuckDB describe the
    // select, which said bigint.
    const id = F.col("id");
    const df = spark()
      .range(3)
      .select(
        F.when(id.eq(1), F.lit(-2147483648)).cast("int").alias("one"),
        F.concat(F.lit("K"), id.cast("string")).alias("c"),
      );
    expect((await df.schema).simpleString()).toBe("struct<one:int,c:string>");
    expect(await df.selectExpr("typeof(one)").limit(1).collect()).toEqual([
      { "typeof(one)": "int" },
    ]);
  });

  it("keeps microseconds and four-digit years of timestamps", async () => {
    const micros = new Timestamp(-62135596800000000n + 1n); // 0001-01-01T00:00:00.000001Z
    expect(literalSql(micros, TimestampType)).toContain("'0001-01-01 00:00:00.000001+00'");
    const [row] = await spark()
      .createDataFrame([[micros]], "ts TIMESTAMP")
      .collect();
    expect((row?.ts as Timestamp | undefined)?.toISOStringMicros()).toBe(
      "0001-01-01T00:00:00.000001Z",
    );
  });
});
