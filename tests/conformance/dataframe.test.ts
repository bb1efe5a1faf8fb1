/**
 * One suite, both engines: every DataFrame operation gives the same rows on the embedded
 * DuckDB engine as on Apache Spark, and its compiled SQL and Spark Connect plan are pinned.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DataFrame, functions as F, type SparkSession, Window } from "../../src/index.js";
import {
  compiledForms,
  type Engines,
  orderedRows,
  sortedRows,
  startEngines,
  stopEngines,
} from "./engines.js";

let engines: Engines;
beforeAll(async () => {
  engines = await startEngines();
});
afterAll(async () => stopEngines(engines));

const people = (s: SparkSession) =>
  s.createDataFrame(
    [
      { id: 1, name: "ann", dept: "eng", salary: 100, hired: "2020-01-15" },
      { id: 2, name: "bob", dept: "eng", salary: 80, hired: "2021-06-01" },
      { id: 3, name: "cy", dept: "ops", salary: null, hired: "2019-11-30" },
      { id: 4, name: "dee", dept: null, salary: 50, hired: null },
    ],
    "id INT, name STRING, dept STRING, salary INT, hired DATE",
  );
const depts = (s: SparkSession) =>
  s.createDataFrame(
    [
      { dept: "eng", floor: 3 },
      { dept: "hr", floor: 1 },
    ],
    "dept STRING, floor INT",
  );

type Case = readonly [name: string, build: (s: SparkSession) => DataFrame, ordered?: boolean];

const CASES: readonly Case[] = [
  [
    "select and arithmetic",
    (s) =>
      people(s).select(
        "id",
        F.col("salary").plus(1).alias("s1"),
        F.col("salary").divide(3).alias("third"),
        F.col("id").mod(2),
      ),
  ],
  ["filter text", (s) => people(s).filter("salary > 60 AND dept = 'eng'")],
  ["filter column", (s) => people(s).filter(F.col("salary").isNull().or(F.col("name").like("a%")))],
  [
    "withColumn replace and add",
    (s) => people(s).withColumn("salary", F.col("salary").multiply(2)).withColumn("x", F.lit("k")),
  ],
  ["renamed and dropped", (s) => people(s).withColumnRenamed("name", "who").drop("hired", "nope")],
  [
    "groupBy agg",
    (s) =>
      people(s)
        .groupBy("dept")
        .agg(
          F.count("*").alias("n"),
          F.sum("salary").alias("total"),
          F.avg("salary").alias("avg"),
          F.max("hired").alias("last"),
        ),
  ],
  [
    "global agg",
    (s) =>
      people(s).agg(
        F.countDistinct("dept").alias("d"),
        F.min("salary").alias("mn"),
        F.array_sort(F.collect_list("name")).alias("names"),
      ),
  ],
  ["orderBy nulls", (s) => people(s).orderBy(F.col("salary").desc_nulls_first(), "id"), true],
  ["orderBy default", (s) => people(s).orderBy("dept", "id"), true],
  ["limit after sort", (s) => people(s).orderBy("id").limit(2), true],
  ["distinct", (s) => people(s).select("dept").distinct()],
  ["inner join using", (s) => people(s).join(depts(s), "dept")],
  ["left join using", (s) => people(s).join(depts(s), "dept", "left")],
  ["full join using", (s) => people(s).join(depts(s), "dept", "full")],
  ["semi join", (s) => people(s).join(depts(s), "dept", "left_semi")],
  ["anti join", (s) => people(s).join(depts(s), "dept", "left_anti")],
  [
    "join on condition with aliases",
    (s) =>
      people(s)
        .alias("p")
        .join(depts(s).alias("d"), F.col("p.dept").eq(F.col("d.dept")), "left")
        .select("p.name", "d.floor"),
  ],
  ["union", (s) => people(s).select("id").union(people(s).select("id"))],
  [
    "unionByName missing",
    (s) =>
      people(s).select("id", "name").unionByName(depts(s).withColumnRenamed("floor", "id"), true),
  ],
  ["intersect", (s) => people(s).select("dept").intersect(depts(s).select("dept"))],
  ["exceptAll", (s) => people(s).select("dept").exceptAll(depts(s).select("dept"))],
  ["na.fill", (s) => people(s).na.fill(0).na.fill("none")],
  ["na.drop", (s) => people(s).na.drop("any")],
  [
    "window rank and running sum",
    (s) =>
      people(s).select(
        "name",
        F.rank()
          .over(Window.partitionBy("dept").orderBy(F.col("salary").desc()))
          .alias("rk"),
        F.sum("salary")
          .over(
            Window.partitionBy("dept")
              .orderBy("id")
              .rowsBetween(Window.unboundedPreceding, Window.currentRow),
          )
          .alias("run"),
      ),
  ],
  [
    "lag lead",
    (s) =>
      people(s).select(
        "id",
        F.lag("salary", 1).over(Window.orderBy("id")).alias("prev"),
        F.lead("name", 1, "end").over(Window.orderBy("id")).alias("next"),
      ),
  ],
  [
    "selectExpr and toDF",
    (s) => people(s).selectExpr("upper(name) AS n", "salary * 2").toDF("a", "b"),
  ],
  [
    "when otherwise",
    (s) =>
      people(s).select(
        "id",
        F.when(F.col("salary").geq(80), "high")
          .when(F.col("salary").isNull(), "unknown")
          .otherwise("low")
          .alias("band"),
      ),
  ],
  [
    "explode",
    (s) =>
      s
        .createDataFrame(
          [
            { id: 1, xs: [1, 2] },
            { id: 2, xs: [] },
          ],
          "id INT, xs ARRAY<INT>",
        )
        .select("id", F.explode("xs").alias("x")),
  ],
  ["range", (s) => s.range(0, 10, 3)],
  ["rollup", (s) => people(s).rollup("dept").agg(F.count("*").alias("n"))],
  ["dropDuplicates subset count", (s) => people(s).dropDuplicates(["dept"]).groupBy().count()],
  ["describe", (s) => people(s).describe(), true],
  ["describe columns", (s) => people(s).describe("salary", "name"), true],
  ["summary", (s) => people(s).summary(), true],
  [
    "summary chosen statistics",
    (s) => people(s).summary("count_distinct", "approx_count_distinct", "33%", "MAX"),
    true,
  ],
  ["unpivot", (s) => people(s).unpivot("name", ["id", "salary"], "k", "v"), true],
  [
    "melt all others",
    (s) => people(s).select("id", "name", "dept").melt("id", undefined, "k", "v"),
  ],
  ["replace", (s) => people(s).replace("eng", "ENG").replace([100, 80], [1, 2], ["salary"])],
  ["na.replace mapping", (s) => people(s).na.replace({ eng: "E", ops: null })],
  ["repartition", (s) => people(s).repartition(3, "dept").repartition(2)],
  ["repartitionByRange and coalesce", (s) => people(s).repartitionByRange(2, "id").coalesce(1)],
  ["hint", (s) => people(s).join(depts(s).hint("broadcast"), "dept")],
  ["toJSON", (s) => people(s).toJSON()],
  [
    "sortWithinPartitions",
    (s) => people(s).coalesce(1).sortWithinPartitions(F.col("id").desc()),
    true,
  ],
];

describe("DataFrame operations: DuckDB == Spark", () => {
  it.each(CASES.map(([name, build, ordered]) => ({ name, build, ordered: ordered === true })))(
    "$name",
    async ({ build, ordered }) => {
      const [duck, spark] = await Promise.all([
        build(engines.duckdb).collect(),
        build(engines.spark).collect(),
      ]);
      const view = ordered ? orderedRows : sortedRows;
      expect(view(duck)).toEqual(view(spark));
      expect(await build(engines.duckdb).columns).toEqual(await build(engines.spark).columns);
    },
  );

  it.each(CASES.slice(0, 12).map(([name, build]) => ({ name, build })))(
    "$name: compiled SQL and Spark Connect plan are pinned",
    async ({ build }) => {
      expect(await compiledForms(engines, build)).toMatchSnapshot();
    },
  );

  it("statistics agree: corr, cov, approxQuantile, crosstab", async () => {
    const stats = async (s: SparkSession) => {
      const df = people(s);
      const table = await df.crosstab("dept", "id");
      return {
        corr: await df.corr("id", "salary"),
        cov: await df.stat.cov("id", "salary"),
        quantiles: await df.approxQuantile(["id", "salary"], [0, 0.5, 1], 0),
        columns: await table.columns,
        table: sortedRows(await table.collect()),
        frequent: (await (await df.freqItems(["dept", "salary"], 0.3)).collect()).map((r) =>
          Object.values(r).map((items) => [...(items as unknown[])].map(String).sort()),
        ),
      };
    };
    const [duck, spark] = await Promise.all([stats(engines.duckdb), stats(engines.spark)]);
    expect(duck.corr).toBeCloseTo(spark.corr, 12);
    expect(duck.cov).toBeCloseTo(spark.cov, 12);
    expect({ ...duck, corr: 0, cov: 0 }).toEqual({ ...spark, corr: 0, cov: 0 });
  });

  it("randomSplit parts hold every row once on both engines", async () => {
    for (const s of [engines.duckdb, engines.spark]) {
      const parts = await people(s).randomSplit([1, 2], 7);
      const ids = (await Promise.all(parts.map((p) => p.collect()))).flat().map((r) => r.id);
      expect([...ids].sort()).toEqual([1, 2, 3, 4]);
    }
  });

  it("schemas agree on types", async () => {
    const d = await people(engines.duckdb).select(
      "id",
      "name",
      "salary",
      "hired",
      F.col("salary").cast("bigint").alias("l"),
      F.lit(1.5).alias("dbl"),
    ).schema;
    const s = await people(engines.spark).select(
      "id",
      "name",
      "salary",
      "hired",
      F.col("salary").cast("bigint").alias("l"),
      F.lit(1.5).alias("dbl"),
    ).schema;
    expect(d.fields.map((f) => [f.name, f.dataType.simpleString()])).toEqual(
      s.fields.map((f) => [f.name, f.dataType.simpleString()]),
    );
  });

  it("keeps the nullability createDataFrame was given", async () => {
    // PySpark 4.0.1: id (nullable = false), s (nullable = true), also through filter/select.
    const nullability = async (spark: SparkSession) => {
      const df = spark.createDataFrame([[1, "a"]], "id INT NOT NULL, s STRING");
      const kept = df.filter("id > 0").select(F.col("id").alias("key"), "s");
      return [...(await df.schema).fields, ...(await kept.schema).fields].map((f) => [
        f.name,
        f.nullable,
      ]);
    };
    const expected = [
      ["id", false],
      ["s", true],
      ["key", false],
      ["s", true],
    ];
    expect(await nullability(engines.duckdb)).toEqual(expected);
    expect(await nullability(engines.spark)).toEqual(expected);
  });

  it("keeps every column of a result whose columns share a name, as PySpark's Row", async () => {
    // PySpark 4.0.1: row["v"] is the first v ("x"), row[3] the second ("y"); show() prints
    // both columns. A column named __proto__ is a column like any other.
    const check = async (spark: SparkSession) => {
      const a = spark.createDataFrame([{ id: 1, v: "x" }], "id INT, v STRING");
      const b = spark.createDataFrame([{ id: 1, v: "y" }], "id INT, v STRING");
      const joined = a.join(b, a.col("id").equalTo(b.col("id")));
      const [row] = await joined.collect();
      const [lit] = await spark.sql("SELECT 1 AS x, 2 AS x, '__proto__' AS __proto__").collect();
      return {
        columns: await joined.columns,
        byName: row?.v,
        byPosition: [row?.[0], row?.[1], row?.[2], row?.[3]],
        keys: Object.keys(row ?? {}),
        literal: [
          lit?.x,
          lit?.[1],
          Object.keys(lit ?? {}),
          Object.getOwnPropertyDescriptor(lit ?? {}, "__proto__")?.value,
        ],
        shown: await joined.showString(),
      };
    };
    const expected = {
      columns: ["id", "v", "id", "v"],
      byName: "x",
      byPosition: [1, "x", 1, "y"],
      keys: ["id", "v"],
      literal: [1, 2, ["x", "__proto__"], "__proto__"],
      shown:
        "+---+---+---+---+\n| id|  v| id|  v|\n+---+---+---+---+\n|  1|  x|  1|  y|\n+---+---+---+---+\n",
    };
    expect(await check(engines.duckdb)).toEqual(expected);
    expect(await check(engines.spark)).toEqual(expected);
  });
});
