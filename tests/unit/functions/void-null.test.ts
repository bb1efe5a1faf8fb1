/**
 * An untyped NULL is Spark's `void`; a function given one still has its own result type.
 * DuckDB reports its untyped NULL as INTEGER, so these types come from the compiler.
 * Expected types and values are PySpark 4.0.1's (spark.sql.ansi.enabled=false).
 */
import { describe, expect, it } from "vitest";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

async function typesAndRows(...exprs: string[]): Promise<{ types: string[]; rows: unknown[] }> {
  const df = spark()
    .createDataFrame(
      [
        { s: "ab", i: 1 },
        { s: null, i: 2 },
      ],
      "s STRING, i INT",
    )
    .selectExpr(...exprs.map((e, i) => `${e} AS c${i}`));
  const types = (await df.dtypes).map(([, t]) => t);
  const rows = (await df.collect()).map((r) => exprs.map((_, i) => r[`c${i}`]));
  return { types, rows };
}

describe("NULL literals are void", () => {
  it("types a bare NULL, and a call of only NULLs, as void", async () => {
    const r = await typesAndRows("NULL", "coalesce(NULL, NULL)", "greatest(NULL, NULL)");
    expect(r.types).toEqual(["void", "void", "void"]);
    expect(r.rows).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
  });

  it("keeps void inside arrays and structs", async () => {
    const r = await typesAndRows("array(NULL)", "struct(NULL)", "named_struct('a', NULL)");
    expect(r.types).toEqual(["array<void>", "struct<col1:void>", "struct<a:void>"]);
    expect(r.rows[0]).toEqual([[null], { col1: null }, { a: null }]);
  });

  it("gives a function with a NULL argument its own result type", async () => {
    const r = await typesAndRows(
      "concat(s, NULL)",
      "s || NULL",
      "concat(NULL, NULL)",
      "length(NULL)",
      "concat_ws(',', NULL)",
      "array(NULL, 1)",
      "NULL + 1",
    );
    expect(r.types).toEqual(["string", "string", "string", "int", "string", "array<int>", "int"]);
    expect(r.rows[0]).toEqual([null, null, null, null, "", [null, 1], null]);
  });

  it("does not take void from a NULL branch next to a typed one", async () => {
    const r = await typesAndRows("if(i > 1, NULL, 1)", "nvl(NULL, s)");
    expect(r.types).toEqual(["int", "string"]);
    expect(r.rows).toEqual([
      [1, "ab"],
      [null, null],
    ]);
  });

  it("widens a void column of a union to the other side's type", async () => {
    const nulls = spark().range(1).selectExpr("id", "NULL AS n");
    const fives = spark().range(1).selectExpr("id", "5 AS n");
    expect(await nulls.union(fives).dtypes).toEqual([
      ["id", "bigint"],
      ["n", "int"],
    ]);
    expect(await fives.union(nulls).dtypes).toEqual([
      ["id", "bigint"],
      ["n", "int"],
    ]);
    expect((await nulls.union(nulls).dtypes)[1]).toEqual(["n", "void"]);
  });
});
