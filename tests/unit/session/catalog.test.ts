/**
 * spark.catalog and the names spark.sql reaches: temporary views, global temporary views
 * (`global_temp.name`), spark.table, and DuckDB's own SQL only when asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkSession } from "../../../src/index.js";

let spark: SparkSession;

beforeAll(async () => {
  spark = await SparkSession.builder().master("local[1]").getOrCreate();
});

afterAll(async () => {
  spark.catalog.dropGlobalTempView("g");
  await spark.stop();
});

describe("spark.catalog", () => {
  it("lists, finds and drops temporary views as PySpark does", () => {
    spark.createDataFrame([[1, "a"]], "id INT, name STRING").createOrReplaceTempView("t");
    spark.createDataFrame([[2]], "id INT").createOrReplaceGlobalTempView("g");
    expect(spark.catalog.listTables()).toEqual([
      {
        name: "t",
        catalog: null,
        namespace: [],
        description: null,
        tableType: "TEMPORARY",
        isTemporary: true,
      },
    ]);
    expect(spark.catalog.listTables("global_temp").map((t) => [t.name, t.namespace])).toEqual([
      ["g", ["global_temp"]],
      ["t", []],
    ]);
    expect(spark.catalog.tableExists("t")).toBe(true);
    expect(spark.catalog.tableExists("global_temp.g")).toBe(true);
    expect(spark.catalog.tableExists("nope")).toBe(false);
    expect(spark.catalog.dropTempView("t")).toBe(true);
    expect(spark.catalog.dropTempView("t")).toBe(false);
  });

  it("refuses to create a view that exists", () => {
    const df = spark.createDataFrame([[1]], "id INT");
    df.createTempView("once");
    expect(() => df.createTempView("once")).toThrow(/already exists/);
    spark.catalog.dropTempView("once");
  });

  it("reads global temporary views through global_temp, in SQL and spark.table", async () => {
    spark.createDataFrame([[2]], "id INT").createOrReplaceGlobalTempView("g");
    expect(await spark.sql("SELECT id + 1 AS x FROM global_temp.g").collect()).toEqual([{ x: 3 }]);
    expect(await spark.table("global_temp.g").collect()).toEqual([{ id: 2 }]);
    expect(() => spark.table("g")).toThrow(/TABLE_OR_VIEW_NOT_FOUND|cannot be found/);
  });

  it("sees views registered after the DataFrame was defined only through new queries", async () => {
    spark.createDataFrame([[1]], "v INT").createOrReplaceTempView("late");
    const first = spark.sql("SELECT v FROM late");
    spark.createDataFrame([[2]], "v INT").createOrReplaceTempView("late");
    // A query binds the view it read, as Spark's analyzed plan does.
    expect(await first.collect()).toEqual([{ v: 1 }]);
    expect(await spark.sql("SELECT v FROM late").collect()).toEqual([{ v: 2 }]);
  });
});

describe("spark.sql dialects", () => {
  it("parses Spark SQL by default and refuses DuckDB's own syntax", () => {
    spark.createDataFrame([[1, "a"]], "id INT, name STRING").createOrReplaceTempView("d");
    expect(() => spark.sql("SELECT * EXCLUDE (id) FROM d")).toThrow(/Syntax error/);
  });

  it("runs DuckDB's SQL when asked for, with the temporary views", async () => {
    const rows = await spark.sql("SELECT * EXCLUDE (id) FROM d", { dialect: "duckdb" }).collect();
    expect(rows).toEqual([{ name: "a" }]);
  });
});
