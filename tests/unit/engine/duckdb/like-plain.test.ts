/**
 * LIKE with a literal pattern that has no escape character compiles without ESCAPE: DuckDB
 * turns such a LIKE into contains / prefix / suffix checks, but runs one with ESCAPE through
 * its general matcher (TPC-H q13's NOT LIKE was 3-4x slower). Rows are PySpark 4.0.1's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkSession } from "../../../../src/index.js";
import { generatedSql } from "../../../helpers/join-shape.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder().master("local[1]").getOrCreate();
  spark
    .createDataFrame([["a%b"], ["axb"], ["my special requests"], [null], ["A_c"]], "t string")
    .createOrReplaceTempView("w");
});
afterAll(async () => {
  await spark.stop();
});

describe("DuckDB LIKE", () => {
  it("uses ESCAPE only for a pattern that contains the escape character", async () => {
    const df = spark.sql(
      "SELECT t, t LIKE 'a\\\\%b' AS esc, t LIKE '%special%requests%' AS plain, t NOT LIKE 'a_b' AS notlike, t ILIKE 'a_c' AS il FROM w",
    );
    const sql = generatedSql(await df.explainString("simple"));
    expect(sql.match(/ESCAPE/g)).toHaveLength(1);
    expect(sql).toContain("LIKE '%special%requests%')");
    // PySpark: ('a%b', True, False, False, False), ('axb', False, False, False, False),
    // ('my special requests', False, True, True, False), (None, None, None, None, None),
    // ('A_c', False, False, True, True)
    expect((await df.collect()).map((r) => Object.values(r))).toEqual([
      ["a%b", true, false, false, false],
      ["axb", false, false, false, false],
      ["my special requests", false, true, true, false],
      [null, null, null, null, null],
      ["A_c", false, false, true, true],
    ]);
  });
});
