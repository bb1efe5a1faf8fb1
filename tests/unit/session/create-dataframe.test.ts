/**
 * createDataFrame keeps the nullability of the schema it is given, as PySpark 4.0.1 does:
 * `createDataFrame([(1, "a")], StructType([StructField("id", IntegerType(), False), ...]))`
 * and `createDataFrame(..., "id INT NOT NULL, s STRING")` both print `id: integer
 * (nullable = false)`, `s: string (nullable = true)`; a None in `id` is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  functions as F,
  IntegerType,
  SparkSession,
  StringType,
  StructField,
  StructType,
} from "../../../src/index.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder().master("local[1]").create();
});
afterAll(async () => spark.stop());

const TREE = "root\n |-- id: integer (nullable = false)\n |-- s: string (nullable = true)\n";

describe("createDataFrame with a schema", () => {
  it("keeps NOT NULL from a StructType and from DDL", async () => {
    const struct = new StructType([
      new StructField("id", IntegerType, false),
      new StructField("s", StringType, true),
    ]);
    expect(await spark.createDataFrame([[1, "a"]], struct).schemaString()).toBe(TREE);
    expect(
      await spark.createDataFrame([[1, "a"]], "id INT NOT NULL, s STRING").schemaString(),
    ).toBe(TREE);
  });

  it("carries it through operators that pass a column on unchanged", async () => {
    const df = spark.createDataFrame([[1, "a"]], "id INT NOT NULL, s STRING");
    const derived = df
      .filter("id > 0")
      .orderBy("s")
      .withColumn("s", F.upper(F.col("s")))
      .select(F.col("id").alias("key"), "s");
    const fields = (await derived.schema).fields.map((f) => [f.name, f.nullable]);
    // PySpark: [('key', False), ('s', True)] (upper of a nullable column stays nullable).
    expect(fields).toEqual([
      ["key", false],
      ["s", true],
    ]);
  });

  it("refuses a null in a NOT NULL column, naming it", () => {
    expect(() => spark.createDataFrame([[null, "a"]], "id INT NOT NULL, s STRING")).toThrow(
      "[FIELD_NOT_NULLABLE_WITH_NAME] field id: This field is not nullable, but got None (row 0).",
    );
  });
});
