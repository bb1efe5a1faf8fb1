/**
 * Functions on both engines: the same expressions over the same row give the same values on
 * DuckDB as on Spark. Declared differences are asserted with the exact error DuckDB raises.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Column, Decimal, functions as F, type SparkSession } from "../../src/index.js";
import { type Engines, orderedRows, startEngines, stopEngines } from "./engines.js";

let engines: Engines;
beforeAll(async () => {
  engines = await startEngines();
});
afterAll(async () => stopEngines(engines));

const input = (s: SparkSession) =>
  s.createDataFrame(
    [
      {
        s: "  Hello World  ",
        w: "hello big world",
        n: 7,
        neg: -2,
        x: 2.5,
        big: 9007199254740993n,
        dec: Decimal.parse("12.345"),
        d: "2024-03-05",
        ts: new Date("2024-03-05T07:08:09.123Z"),
        arr: [3, 1, 2, 1],
        nul: null,
      },
      {
        s: null,
        w: "a,b",
        n: null,
        neg: 0,
        x: null,
        big: null,
        dec: null,
        d: null,
        ts: null,
        arr: null,
        nul: null,
      },
    ],
    "s STRING, w STRING, n INT, neg INT, x DOUBLE, big BIGINT, dec DECIMAL(10,3), d DATE, ts TIMESTAMP, arr ARRAY<INT>, nul STRING",
  );

const FAMILIES: Readonly<Record<string, readonly (readonly [string, Column])[]>> = {
  strings: [
    ["concat", F.concat(F.lit("a"), F.col("n"), F.lit("b"))],
    ["concat_ws", F.concat_ws("-", F.lit("a"), F.col("nul"), F.lit("b"))],
    ["upper", F.upper("w")],
    ["initcap", F.initcap("w")],
    ["trim", F.trim("s")],
    ["ltrim", F.ltrim("s")],
    ["substring", F.substring("w", 2, 4)],
    ["substring_neg", F.substring("w", -5, 3)],
    ["split", F.split("w", ",")],
    ["regexp_replace", F.regexp_replace("w", "(\\w+) (\\w+)", "$2 $1")],
    ["regexp_extract", F.regexp_extract("w", "(b\\w+)", 1)],
    ["lpad", F.lpad("w", 20, "*")],
    ["rpad", F.rpad(F.lit("abc"), 2, "x")],
    ["length", F.length("w")],
    ["reverse", F.reverse("w")],
    ["instr", F.instr("w", "big")],
    ["locate", F.locate("o", "w", 6)],
    ["translate", F.translate("w", "lo", "01")],
    ["format_string", F.format_string("%s-%d", F.col("w"), F.col("n"))],
    ["format_number", F.format_number(F.col("x"), 2)],
    ["base64", F.base64("w")],
    ["startswith", F.startswith("w", F.lit("hello"))],
    ["rlike", F.col("w").rlike("b.g")],
    ["like", F.col("w").like("%world")],
  ],
  math: [
    ["abs", F.abs("neg")],
    ["round", F.round("x")],
    ["round2", F.round(F.lit(1234.5678), 2)],
    ["bround", F.bround("x")],
    ["floor", F.floor("x")],
    ["ceil", F.ceil("x")],
    ["sqrt", F.sqrt("n")],
    ["pow", F.pow("n", 2)],
    ["log10", F.log10(F.lit(1000))],
    ["ln", F.ln("x")],
    ["signum", F.signum("neg")],
    ["pmod", F.pmod("neg", 5)],
    ["greatest", F.greatest("n", "neg")],
    ["divide", F.col("n").divide(2)],
    ["divide_zero", F.col("n").divide(0)],
    ["mod", F.col("n").mod(3)],
    ["long_plus", F.col("big").plus(1)],
    ["decimal_plus", F.col("dec").plus(1)],
    ["hex", F.hex("n")],
    ["cast_double_int", F.col("x").cast("int")],
    ["cast_string_int", F.lit(" 42 ").cast("int")],
    ["cast_bad", F.lit("nope").cast("int")],
  ],
  conditionals: [
    ["coalesce", F.coalesce("nul", "w")],
    ["nullif", F.nullif("n", F.lit(7))],
    ["nvl2", F.nvl2("n", F.lit("has"), F.lit("none"))],
    ["when", F.when(F.col("n").gt(5), "big").otherwise("small")],
    ["isin", F.col("n").isin(1, 7)],
    ["eqNullSafe", F.col("nul").eqNullSafe(null)],
  ],
  dates: [
    ["year", F.year("ts")],
    ["month", F.month("d")],
    ["dayofweek", F.dayofweek("d")],
    ["dayofyear", F.dayofyear("d")],
    ["weekofyear", F.weekofyear("d")],
    ["hour", F.hour("ts")],
    ["to_date", F.to_date(F.lit("5/3/2024"), "d/M/yyyy")],
    ["to_date_ts", F.to_date("ts")],
    ["to_timestamp", F.to_timestamp(F.lit("2024-03-05 07:08:09"), "yyyy-MM-dd HH:mm:ss")],
    ["date_format", F.date_format("ts", "yyyy-MM-dd HH:mm:ss.SSS")],
    ["date_format_names", F.date_format("d", "EEE, d MMM yyyy")],
    ["date_add", F.date_add("d", 30)],
    ["datediff", F.datediff(F.lit("2024-03-10"), "d")],
    ["add_months", F.add_months(F.lit("2024-01-31"), 1)],
    ["months_between", F.months_between(F.lit("1997-02-28 10:30:00"), F.lit("1996-10-30"))],
    ["date_trunc", F.date_trunc("month", "ts")],
    ["trunc", F.trunc("d", "year")],
    ["last_day", F.last_day("d")],
    ["next_day", F.next_day("d", "Mon")],
    ["unix_timestamp", F.unix_timestamp(F.lit("1970-01-02 00:00:00"))],
    ["from_unixtime", F.from_unixtime(F.lit(86400))],
    ["from_utc_timestamp", F.from_utc_timestamp("ts", "America/Los_Angeles")],
  ],
  hashing: [
    ["md5", F.md5("w")],
    ["sha1", F.sha1("w")],
    ["sha2", F.sha2("w", 256)],
    ["sha2_512", F.sha2("w", 512)],
    ["crc32", F.crc32("w")],
  ],
  collections: [
    ["array_contains", F.array_contains("arr", 2)],
    ["size", F.size("arr")],
    ["element_at", F.element_at("arr", -1)],
    ["getItem", F.col("arr").getItem(0)],
    ["array_distinct", F.array_distinct("arr")],
    ["sort_array", F.sort_array("arr", false)],
    ["array_join", F.array_join("arr", "|")],
    ["array_position", F.array_position("arr", 2)],
    ["slice", F.slice("arr", 2, 2)],
    ["array_max", F.array_max("arr")],
    ["transform", F.transform("arr", (v) => v.multiply(10))],
    ["filter", F.filter("arr", (v) => v.gt(1))],
    ["exists", F.exists("arr", (v) => v.eq(2))],
    ["aggregate", F.aggregate("arr", F.lit(0), (acc, v) => acc.plus(v))],
    ["struct", F.struct("n", "neg")],
    ["map_value", F.element_at(F.create_map(F.lit("k"), F.col("n")), "k")],
  ],
};

describe("functions: DuckDB == Spark", () => {
  it.each(Object.entries(FAMILIES))("%s", async (_family, cases) => {
    const select = (s: SparkSession) =>
      input(s).select(...cases.map(([name, col]) => col.alias(name)));
    const [duck, spark] = await Promise.all([
      select(engines.duckdb).collect(),
      select(engines.spark).collect(),
    ]);
    for (const [name] of cases) {
      const pick = (rows: typeof duck) => orderedRows(rows.map((r) => ({ [name]: r[name] })));
      expect(pick(duck)).toEqual(pick(spark));
    }
  });

  it("aggregates agree", async () => {
    const agg = (s: SparkSession) =>
      s
        .createDataFrame(
          [
            [1, "a"],
            [2, "a"],
            [3, "b"],
            [null, "b"],
          ],
          "v INT, k STRING",
        )
        .groupBy("k")
        .agg(
          F.count("*").alias("n"),
          F.count("v").alias("nv"),
          F.sum("v").alias("s"),
          F.avg("v").alias("a"),
          F.stddev("v").alias("sd"),
          F.first("v", true).alias("f"),
          F.median("v").alias("med"),
        )
        .orderBy("k");
    expect(orderedRows(await agg(engines.duckdb).collect())).toEqual(
      orderedRows(await agg(engines.spark).collect()),
    );
  });

  it("hash and xxhash64 give the same seeded values on both engines", async () => {
    const df = (s: SparkSession) =>
      s
        .createDataFrame([{ s: "Hello World", i: 1, d: -0.0 }], "s STRING, i INT, d DOUBLE")
        .select(F.hash("s", "i", "d").alias("h"), F.xxhash64("s", "i", "d").alias("x"));
    expect(await df(engines.duckdb).collect()).toEqual(await df(engines.spark).collect());
  });
});
