/**
 * Values the Spark engine used to mangle: a negative zero in createDataFrame data, and dates
 * outside the JS Date range (Spark's dates are 32-bit day counts). Checked on PySpark 4.0.1:
 * `CAST(date_from_unix_date(-2147483648) AS STRING)` is "-5877641-06-23" and
 * `date_from_unix_date(2147483647)` "+5881580-07-11".
 */
import { describe, expect, it } from "vitest";
import { formatEpochDay } from "../../../src/engine/spark-connect/arrow-scalars.js";
import { localRelationSql } from "../../../src/engine/spark-connect/compiler/local-relation.js";
import { localRelation } from "../../../src/session/create-dataframe.js";

describe("Spark engine edge values", () => {
  it("sends -0.0 with its sign", () => {
    const sql = localRelationSql(localRelation([[-0, 0]], "a DOUBLE, b DOUBLE"));
    expect(sql).toContain("CAST('-0.0' AS DOUBLE)");
    expect(sql).toContain("CAST('0' AS DOUBLE)");
  });

  it("formats every 32-bit day count without a Date", () => {
    expect(formatEpochDay(-2147483648)).toBe("-5877641-06-23");
    expect(formatEpochDay(2147483647)).toBe("+5881580-07-11");
    expect(formatEpochDay(-719162)).toBe("0001-01-01");
    expect(formatEpochDay(2932896)).toBe("9999-12-31");
    expect(formatEpochDay(19782)).toBe("2024-02-29");
  });

  it("sends timestamp text without an offset as text, for the session time zone", () => {
    const sql = localRelationSql(
      localRelation([["2024-01-01 00:00:00.123456"], [1704067200123456n]], "ts TIMESTAMP"),
    );
    expect(sql).toContain("TIMESTAMP'2024-01-01 00:00:00.123456'");
    expect(sql).toContain("TIMESTAMP'2024-01-01 00:00:00.123456+00:00'");
  });
});
