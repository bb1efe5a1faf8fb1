import { describe, expect, it } from "vitest";
import { AnalysisError, functions as F, type SparkSession } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

function people(s: SparkSession) {
  return s.createDataFrame(
    [
      { id: 1, name: "ann", dept: "eng", salary: 100 },
      { id: 2, name: "bob", dept: "eng", salary: 80 },
      { id: 3, name: "cy", dept: "ops", salary: 70 },
      { id: 4, name: "dee", dept: null, salary: null },
    ],
    "id INT, name STRING, dept STRING, salary INT",
  );
}

describe("select / filter / withColumn", () => {
  it("selects names, columns and expressions with Spark's column names", async () => {
    const df = people(spark()).select(
      "id",
      F.col("name"),
      F.col("salary").plus(1),
      F.upper("name"),
    );
    expect(await df.columns).toEqual(["id", "name", "(salary + 1)", "upper(name)"]);
    expect((await df.first())?.["(salary + 1)"]).toBe(101);
  });

  it("filters with Columns and with SQL text alike", async () => {
    const a = await people(spark())
      .filter(F.col("salary").gt(75).and(F.col("dept").eq("eng")))
      .collect();
    const b = await people(spark()).filter("salary > 75 AND dept = 'eng'").collect();
    expect(a.map((r) => r.name)).toEqual(["ann", "bob"]);
    expect(b).toEqual(a);
  });

  it("withColumn replaces in place and appends new columns at the end", async () => {
    const df = people(spark())
      .withColumn("salary", F.col("salary").multiply(2))
      .withColumn("x", F.lit(1));
    expect(await df.columns).toEqual(["id", "name", "dept", "salary", "x"]);
    expect((await df.first())?.salary).toBe(200);
  });

  it("withColumnRenamed renames, and ignores unknown names like Spark", async () => {
    const df = people(spark()).withColumnRenamed("name", "who").withColumnRenamed("nope", "x");
    expect(await df.columns).toEqual(["id", "who", "dept", "salary"]);
  });

  it("drop ignores unknown columns", async () => {
    expect(await people(spark()).drop("dept", "nope").columns).toEqual(["id", "name", "salary"]);
  });

  it("an unknown column names the available ones and the closest match", async () => {
    const err = await people(spark())
      .select("nmae")
      .collect()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalysisError);
    const e = err as AnalysisError;
    expect(e.code).toBe("UNRESOLVED_COLUMN");
    expect(e.message).toContain("`nmae`");
    expect(e.message).toContain("`name`, `dept`");
    expect(e.hint).toContain("`name`");
  });

  it("resolves column names case-insensitively, as Spark does by default", async () => {
    expect((await people(spark()).select("NAME").first())?.name).toBe("ann");
  });
});

describe("aggregation", () => {
  it("groupBy with agg and shortcuts", async () => {
    const rows = await people(spark())
      .groupBy("dept")
      .agg(F.count("*").alias("n"), F.sum("salary").alias("total"), F.avg("salary"))
      .orderBy("dept")
      .collect();
    expect(rows).toEqual([
      { dept: null, n: 1n, total: null, "avg(salary)": null },
      { dept: "eng", n: 2n, total: 180n, "avg(salary)": 90 },
      { dept: "ops", n: 1n, total: 70n, "avg(salary)": 70 },
    ]);
  });

  it("dict-style agg and count shortcut", async () => {
    const rows = await people(spark())
      .groupBy("dept")
      .agg({ salary: "max" })
      .orderBy(F.col("dept").asc_nulls_last())
      .collect();
    expect(rows.map((r) => r["max(salary)"])).toEqual([100, 70, null]);
    const counts = await people(spark()).groupBy("dept").count().orderBy("dept").collect();
    expect(counts.map((r) => r.count)).toEqual([1n, 2n, 1n]);
  });

  it("global agg and count()", async () => {
    expect(await people(spark()).count()).toBe(4);
    expect((await people(spark()).agg(F.max("id")).first())?.["max(id)"]).toBe(4);
  });
});

describe("ordering and limits", () => {
  it("orderBy puts nulls first ascending and last descending, like Spark", async () => {
    const asc = await people(spark()).orderBy("salary").collect();
    expect(asc.map((r) => r.salary)).toEqual([null, 70, 80, 100]);
    const desc = await people(spark()).orderBy(F.col("salary").desc()).collect();
    expect(desc.map((r) => r.salary)).toEqual([100, 80, 70, null]);
    const text = await people(spark()).orderBy("salary DESC NULLS FIRST").collect();
    expect(text.map((r) => r.salary)).toEqual([null, 100, 80, 70]);
  });

  it("limit, offset, head, take, first", async () => {
    const df = people(spark()).orderBy("id");
    expect((await df.limit(2).collect()).length).toBe(2);
    expect((await df.offset(3).collect()).map((r) => r.id)).toEqual([4]);
    expect((await df.head(3)).length).toBe(3);
    expect((await df.take(1))[0]?.id).toBe(1);
    expect((await df.first())?.id).toBe(1);
  });
});

describe("distinct and duplicates", () => {
  it("distinct and dropDuplicates(subset)", async () => {
    const df = spark().createDataFrame(
      [
        { a: 1, b: 1 },
        { a: 1, b: 1 },
        { a: 1, b: 2 },
      ],
      "a INT, b INT",
    );
    expect(await df.distinct().count()).toBe(2);
    expect(await df.dropDuplicates(["a"]).count()).toBe(1);
  });
});

describe("joins", () => {
  const left = (s: SparkSession) =>
    s.createDataFrame(
      [
        { id: 1, l: "a" },
        { id: 2, l: "b" },
        { id: 3, l: "c" },
      ],
      "id INT, l STRING",
    );
  const right = (s: SparkSession) =>
    s.createDataFrame(
      [
        { id: 2, r: "x" },
        { id: 3, r: "y" },
        { id: 4, r: "z" },
      ],
      "id INT, r STRING",
    );

  it.each([
    ["inner", [2, 3]],
    ["left", [1, 2, 3]],
    ["right", [2, 3, 4]],
    ["full", [1, 2, 3, 4]],
    ["left_semi", [2, 3]],
    ["left_anti", [1]],
  ])("%s join on column names keeps the key once", async (how, ids) => {
    const df = left(spark()).join(right(spark()), "id", how).orderBy("id");
    const rows = await df.collect();
    expect(rows.map((r) => r.id)).toEqual(ids);
    const cols = await df.columns;
    expect(cols[0]).toBe("id");
    expect(cols.filter((c) => c === "id")).toHaveLength(1);
  });

  it("joins on a condition with DataFrame-pinned columns", async () => {
    const l = left(spark());
    const r = right(spark());
    const rows = await l
      .join(r, l.col("id").eq(r.col("id")), "inner")
      .select(l.col("id"), "l", "r")
      .orderBy(l.col("id"))
      .collect();
    expect(rows).toEqual([
      { id: 2, l: "b", r: "x" },
      { id: 3, l: "c", r: "y" },
    ]);
  });

  it("joins aliased DataFrames with qualified names", async () => {
    const rows = await left(spark())
      .alias("a")
      .join(right(spark()).alias("b"), F.col("a.id").eq(F.col("b.id")))
      .select("a.id", "b.r")
      .orderBy("a.id")
      .collect();
    expect(rows).toEqual([
      { id: 2, r: "x" },
      { id: 3, r: "y" },
    ]);
  });

  it("an ambiguous column after a join says so", async () => {
    const l = left(spark());
    const r = right(spark());
    const err = await l
      .join(r, l.col("id").eq(r.col("id")))
      .select("id")
      .collect()
      .catch((e: unknown) => e);
    expect((err as AnalysisError).code).toBe("AMBIGUOUS_REFERENCE");
  });

  it("crossJoin", async () => {
    expect(await left(spark()).crossJoin(right(spark())).count()).toBe(9);
  });
});

describe("set operations", () => {
  it("union keeps duplicates; unionByName matches names and fills missing columns", async () => {
    const a = spark().createDataFrame([{ x: 1, y: "a" }], "x INT, y STRING");
    const b = spark().createDataFrame([{ y: "b", x: 2 }], "y STRING, x INT");
    expect(await a.union(a).count()).toBe(2);
    expect(await a.unionByName(b).orderBy("x").collect()).toEqual([
      { x: 1, y: "a" },
      { x: 2, y: "b" },
    ]);
    const c = spark().createDataFrame([{ x: 3, z: true }], "x INT, z BOOLEAN");
    expect(await a.unionByName(c, true).orderBy("x").collect()).toEqual([
      { x: 1, y: "a", z: null },
      { x: 3, y: null, z: true },
    ]);
    await expect(a.unionByName(c).collect()).rejects.toThrow(
      /unionByName\(other, true\)|Cannot resolve column/,
    );
  });

  it("intersect, subtract and exceptAll", async () => {
    const a = spark().createDataFrame([[1], [1], [2], [3]], "v INT");
    const b = spark().createDataFrame([[1], [3]], "v INT");
    expect((await a.intersect(b).orderBy("v").collect()).map((r) => r.v)).toEqual([1, 3]);
    expect((await a.subtract(b).collect()).map((r) => r.v)).toEqual([2]);
    expect((await a.exceptAll(b).orderBy("v").collect()).map((r) => r.v)).toEqual([1, 2]);
  });

  it("union of different column counts fails clearly", async () => {
    const a = spark().createDataFrame([[1, 2]], "a INT, b INT");
    const b = spark().createDataFrame([[1]], "a INT");
    await expect(a.union(b).collect()).rejects.toThrow(/same number of columns/);
  });
});

describe("null handling", () => {
  it("na.fill by type and by column", async () => {
    const df = people(spark());
    expect((await df.na.fill(0).filter("id = 4").first())?.salary).toBe(0);
    expect((await df.na.fill("none").filter("id = 4").first())?.dept).toBe("none");
    expect((await df.na.fill({ dept: "n/a" }).filter("id = 4").first())?.dept).toBe("n/a");
  });

  it("na.drop any / all / thresh / subset", async () => {
    const df = people(spark());
    expect(await df.na.drop().count()).toBe(3);
    expect(await df.na.drop("all").count()).toBe(4);
    expect(await df.na.drop("any", undefined, ["name"]).count()).toBe(4);
    expect(await df.na.drop("any", 4).count()).toBe(3);
  });
});

describe("windows", () => {
  it("row_number, rank, lag and a running sum", async () => {
    const { Window } = await import("../../../src/index.js");
    const w = Window.partitionBy("dept").orderBy(F.col("salary").desc());
    const rows = await people(spark())
      .filter("dept IS NOT NULL")
      .select(
        "name",
        F.row_number().over(w).alias("rn"),
        F.rank().over(w).alias("rk"),
        F.lag("salary").over(w).alias("prev"),
        F.sum("salary")
          .over(
            Window.partitionBy("dept")
              .orderBy("salary")
              .rowsBetween(Window.unboundedPreceding, Window.currentRow),
          )
          .alias("run"),
      )
      .orderBy("name")
      .collect();
    expect(rows).toEqual([
      { name: "ann", rn: 1, rk: 1, prev: null, run: 180n },
      { name: "bob", rn: 2, rk: 2, prev: 100, run: 80n },
      { name: "cy", rn: 1, rk: 1, prev: null, run: 70n },
    ]);
  });
});

describe("misc", () => {
  it("transform chains functions", async () => {
    const addOne = (df: ReturnType<typeof people>) => df.withColumn("one", F.lit(1));
    expect(await people(spark()).transform(addOne).columns).toContain("one");
  });

  it("selectExpr and toDF", async () => {
    const df = people(spark()).selectExpr("upper(name) AS n", "salary * 2 AS s").toDF("a", "b");
    expect(await df.first()).toEqual({ a: "ANN", b: 200 });
  });

  it("spark.sql sees temp views", async () => {
    people(spark()).createOrReplaceTempView("people");
    const rows = await spark()
      .sql("SELECT dept, count(*) AS n FROM people GROUP BY dept ORDER BY dept NULLS LAST")
      .collect();
    expect(rows).toEqual([
      { dept: "eng", n: 2n },
      { dept: "ops", n: 1n },
      { dept: null, n: 1n },
    ]);
  });

  it("range gives bigint ids", async () => {
    expect(await spark().range(3).collect()).toEqual([{ id: 0n }, { id: 1n }, { id: 2n }]);
  });

  it("streams results with an async iterator", async () => {
    let n = 0;
    for await (const row of spark().range(10000)) {
      expect(typeof row.id).toBe("bigint");
      n++;
    }
    expect(n).toBe(10000);
  });

  it("explain prints the generated SQL", async () => {
    const text = await people(spark()).filter("salary > 1").explainString();
    expect(text).toContain("== Generated SQL (DuckDB) ==");
    expect(text).toContain("WHERE");
  });
});

describe("concurrent actions", () => {
  it("queues concurrent actions on one session and refuses an action inside a stream", async () => {
    const df = spark().range(1000);
    const [a, b, c] = await Promise.all([
      df.count(),
      df.filter("id < 10").count(),
      df.agg({ id: "max" }).first(),
    ]);
    expect([a, b, c?.["max(id)"]]).toEqual([1000, 10, 999n]);
    const err = await (async () => {
      for await (const _row of df) {
        await df.count();
      }
    })().catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe("ACTION_DURING_STREAM");
    expect(await df.count()).toBe(1000);
  });
});
