/**
 * Every scalar function against the value Spark 3.5 gives (ANSI off), on one row of typed
 * inputs, plus null inputs for each family.
 */
import { describe, expect, it } from "vitest";
import { type Column, Decimal, functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

const INPUT = [
  {
    s: "  Hello World  ",
    w: "hello big world",
    csv: "a,b,,c",
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
];
const SCHEMA =
  "s STRING, w STRING, csv STRING, n INT, neg INT, x DOUBLE, big BIGINT, dec DECIMAL(10,3), d DATE, ts TIMESTAMP, arr ARRAY<INT>, nul STRING";

async function values(cases: readonly (readonly [string, Column, unknown])[]): Promise<void> {
  const df = spark().createDataFrame(INPUT, SCHEMA);
  const row = await df.select(...cases.map(([name, col]) => col.alias(name))).first();
  for (const [name, , expected] of cases)
    expect({ [name]: row?.[name] }).toEqual({ [name]: expected });
}

describe("string functions", () => {
  it("match Spark", async () => {
    await values([
      ["concat", F.concat(F.lit("a"), F.col("n"), F.lit("b")), "a7b"],
      ["concat_null", F.concat(F.lit("a"), F.col("nul")), null],
      ["concat_ws", F.concat_ws("-", F.lit("a"), F.col("nul"), F.lit("b")), "a-b"],
      ["upper", F.upper("w"), "HELLO BIG WORLD"],
      ["lower", F.lower(F.lit("AbC")), "abc"],
      ["initcap", F.initcap("w"), "Hello Big World"],
      ["trim", F.trim("s"), "Hello World"],
      ["ltrim", F.ltrim("s"), "Hello World  "],
      ["rtrim", F.rtrim("s"), "  Hello World"],
      ["trim_chars", F.trim(F.lit("xxaxx"), "x"), "a"],
      ["substring", F.substring("w", 1, 5), "hello"],
      ["substring0", F.substring("w", 0, 5), "hello"],
      ["substring_neg", F.substring("w", -5, 3), "wor"],
      ["split", F.split("csv", ","), ["a", "b", "", "c"]],
      ["split_regex", F.split(F.lit("a1b22c"), "[0-9]+"), ["a", "b", "c"]],
      ["regexp_replace", F.regexp_replace("w", "(\\w+) (\\w+)", "$2 $1"), "big hello world"],
      ["regexp_extract", F.regexp_extract("w", "(b\\w+)", 1), "big"],
      ["regexp_extract_none", F.regexp_extract("w", "(zz)", 1), ""],
      ["regexp_extract_all", F.regexp_extract_all(F.lit("a1b2"), "([0-9])", 1), ["1", "2"]],
      ["rlike", F.col("w").rlike("big"), true],
      ["like", F.col("w").like("hello%"), true],
      ["like_escape", F.lit("a_b").like("a\\_b"), true],
      ["lpad", F.lpad(F.lit("abc"), 6, "xy"), "xyxabc"],
      ["lpad_trunc", F.lpad(F.lit("abcdef"), 3, "x"), "abc"],
      ["rpad", F.rpad(F.lit("abc"), 5, "x"), "abcxx"],
      ["length", F.length("w"), 15],
      ["octet_length", F.octet_length(F.lit("é")), 2],
      ["reverse", F.reverse(F.lit("abc")), "cba"],
      ["repeat", F.repeat(F.lit("ab"), 3), "ababab"],
      ["instr", F.instr("w", "big"), 7],
      ["instr_none", F.instr("w", "zzz"), 0],
      ["locate", F.locate("o", "w", 6), 12],
      ["translate", F.translate(F.lit("abcabc"), "ab", "xy"), "xycxyc"],
      ["format_string", F.format_string("%s-%d", F.lit("a"), F.col("n")), "a-7"],
      ["format_number", F.format_number(F.lit(1234567.891), 2), "1,234,567.89"],
      ["ascii", F.ascii(F.lit("A")), 65],
      ["base64", F.base64(F.lit("hello")), "aGVsbG8="],
      ["left", F.left(F.lit("hello"), 2), "he"],
      ["right", F.right(F.lit("hello"), 2), "lo"],
      ["replace", F.replace("w", "big", "small"), "hello small world"],
      ["startswith", F.startswith("w", F.lit("hello")), true],
      ["endswith", F.endswith("w", F.lit("xx")), false],
      ["contains", F.contains("w", F.lit("big")), true],
      ["levenshtein", F.levenshtein(F.lit("kitten"), F.lit("sitting")), 3],
      ["overlay", F.overlay(F.lit("SPARK_SQL"), F.lit("CORE"), 7), "SPARK_CORE"],
    ]);
  });
});

describe("math functions", () => {
  it("match Spark", async () => {
    await values([
      ["abs", F.abs("neg"), 2],
      ["round", F.round("x"), 3],
      ["round_neg", F.round(F.lit(-2.5)), -3],
      ["round_scale", F.round(F.lit(1234.5678), 2), 1234.57],
      ["round_tens", F.round(F.lit(1234), -2), 1200],
      ["bround", F.bround("x"), 2],
      ["floor", F.floor("x"), 2n],
      ["ceil", F.ceil("x"), 3n],
      ["sqrt", F.sqrt(F.lit(16)), 4],
      ["sqrt_neg", F.sqrt(F.lit(-1)), Number.NaN],
      ["cbrt", F.round(F.cbrt(F.lit(27)), 10), 3],
      ["exp", F.round(F.exp(F.lit(1)), 6), Number(Math.E.toFixed(6))],
      ["pow", F.pow("n", 2), 49],
      ["log", F.log(F.lit(Math.E)), 1],
      ["log_base", F.log(2, F.lit(8)), 3],
      ["log_zero", F.log(F.lit(0)), null],
      ["log10", F.log10(F.lit(1000)), 3],
      ["log2", F.log2(F.lit(8)), 3],
      ["signum", F.signum("neg"), -1],
      ["pmod", F.pmod("neg", 5), 3],
      ["greatest", F.greatest("n", "neg", F.col("nul").cast("int")), 7],
      ["least", F.least(F.lit(3), F.lit(1), F.lit(2)), 1],
      ["sin", F.sin(F.lit(0)), 0],
      ["atan2", F.round(F.atan2(F.lit(1), F.lit(1)), 4), 0.7854],
      ["degrees", F.degrees(F.pi()), 180],
      ["hypot", F.hypot(F.lit(3), F.lit(4)), 5],
      ["factorial", F.factorial(F.lit(5)), 120n],
      ["shiftleft", F.shiftleft("n", 2), 28],
      ["hex", F.hex(F.lit(255)), "FF"],
      ["bin", F.bin(F.lit(5)), "101"],
      ["divide", F.col("n").divide(2), 3.5],
      ["divide_zero", F.col("n").divide(0), null],
      ["mod", F.col("n").mod(3), 1],
      ["long_exact", F.col("big").plus(0), 9007199254740993n],
      ["decimal", F.col("dec"), Decimal.parse("12.345")],
    ]);
  });

  it("rand without a seed is in [0, 1); with a seed it is Spark's sequence", async () => {
    const r = await spark().range(100).select(F.rand().alias("r")).collect();
    expect(r.every((x) => typeof x.r === "number" && x.r >= 0 && x.r < 1)).toBe(true);
    const [seeded] = await spark().range(1).select(F.rand(42).alias("r")).collect();
    // PySpark 4.0.1: spark.range(1).select(rand(42))
    expect(seeded?.r).toBe(0.619189370225301);
  });
});

describe("conditional functions", () => {
  it("match Spark", async () => {
    await values([
      ["coalesce", F.coalesce("nul", F.lit("x")), "x"],
      ["nullif", F.nullif("n", F.lit(7)), null],
      ["nvl", F.nvl("nul", "csv"), "a,b,,c"],
      ["ifnull", F.ifnull("nul", F.lit("fallback")), "fallback"],
      ["nvl2", F.nvl2("nul", F.lit("a"), F.lit("b")), "b"],
      ["nanvl", F.nanvl(F.lit(Number.NaN), F.lit(1.5)), 1.5],
      ["when", F.when(F.col("n").gt(5), "big").otherwise("small"), "big"],
      ["when_no_else", F.when(F.col("n").lt(5), "small"), null],
      ["isnull", F.isnull("nul"), true],
      ["isnan", F.isnan(F.lit(Number.NaN)), true],
      ["between", F.col("n").between(1, 7), true],
      ["isin", F.col("n").isin(1, 7), true],
      ["eqNullSafe", F.col("nul").eqNullSafe(null), true],
      ["not", F.not(F.lit(true)), false],
    ]);
  });
});

describe("date and time functions (session zone UTC)", () => {
  it("match Spark", async () => {
    await values([
      ["year", F.year("ts"), 2024],
      ["quarter", F.quarter("d"), 1],
      ["month", F.month("ts"), 3],
      ["dayofmonth", F.dayofmonth("d"), 5],
      ["dayofweek", F.dayofweek("d"), 3],
      ["dayofyear", F.dayofyear("d"), 65],
      ["weekofyear", F.weekofyear("d"), 10],
      ["hour", F.hour("ts"), 7],
      ["minute", F.minute("ts"), 8],
      ["second", F.second("ts"), 9],
      ["to_date", F.to_date(F.lit("5/3/2024"), "d/M/yyyy"), "2024-03-05"],
      ["to_date_ts", F.to_date("ts"), "2024-03-05"],
      ["to_date_bad", F.to_date(F.lit("nope")), null],
      [
        "to_timestamp",
        F.to_timestamp(F.lit("2024-03-05 07:08:09"), "yyyy-MM-dd HH:mm:ss"),
        new Date("2024-03-05T07:08:09Z"),
      ],
      ["date_format", F.date_format("ts", "yyyy-MM-dd HH:mm:ss.SSS"), "2024-03-05 07:08:09.123"],
      ["date_format_names", F.date_format("d", "EEE, d MMM yyyy"), "Tue, 5 Mar 2024"],
      ["date_add", F.date_add("d", 30), "2024-04-04"],
      ["date_sub", F.date_sub("d", 5), "2024-02-29"],
      ["datediff", F.datediff(F.lit("2024-03-10"), "d"), 5],
      ["add_months", F.add_months(F.lit("2024-01-31"), 1), "2024-02-29"],
      [
        "months_between",
        F.months_between(F.lit("1997-02-28 10:30:00"), F.lit("1996-10-30")),
        3.94959677,
      ],
      ["date_trunc", F.date_trunc("month", "ts"), new Date("2024-03-01T00:00:00Z")],
      ["trunc", F.trunc("d", "year"), "2024-01-01"],
      ["trunc_bad", F.trunc("d", "nope"), null],
      ["last_day", F.last_day("d"), "2024-03-31"],
      ["next_day", F.next_day("d", "Mon"), "2024-03-11"],
      ["make_date", F.make_date(F.lit(2024), F.lit(2), F.lit(29)), "2024-02-29"],
      ["make_date_bad", F.make_date(F.lit(2023), F.lit(2), F.lit(29)), null],
      ["unix_timestamp", F.unix_timestamp(F.lit("1970-01-02 00:00:00")), 86400n],
      ["from_unixtime", F.from_unixtime(F.lit(86400)), "1970-01-02 00:00:00"],
      ["timestamp_seconds", F.timestamp_seconds(F.lit(1)), new Date(1000)],
      ["unix_seconds", F.unix_seconds("ts"), 1709622489n],
      [
        "from_utc_timestamp",
        F.from_utc_timestamp(F.lit("2024-01-01 12:00:00"), "America/Los_Angeles"),
        new Date("2024-01-01T04:00:00Z"),
      ],
      [
        "to_utc_timestamp",
        F.to_utc_timestamp(F.lit("2024-01-01 04:00:00"), "America/Los_Angeles"),
        new Date("2024-01-01T12:00:00Z"),
      ],
    ]);
  });

  it("honour spark.sql.session.timeZone", async () => {
    const df = spark().createDataFrame(INPUT, SCHEMA);
    await spark().conf.set("spark.sql.session.timeZone", "America/Los_Angeles");
    try {
      const row = await df
        .select(
          F.hour("ts").alias("h"),
          F.to_date("ts").alias("day"),
          F.date_format("ts", "HH:mm").alias("t"),
        )
        .first();
      expect(row).toEqual({ h: 23, day: "2024-03-04", t: "23:08" });
    } finally {
      await spark().conf.set("spark.sql.session.timeZone", "UTC");
    }
  });
});

describe("hash functions", () => {
  it("match Spark", async () => {
    await values([
      ["md5", F.md5(F.lit("Spark")), "8cde774d6f7333752ed72cacddb05126"],
      ["sha1", F.sha1(F.lit("Spark")), "85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c"],
      [
        "sha2_256",
        F.sha2(F.lit("Spark"), 256),
        "529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b",
      ],
      [
        "sha2_512",
        F.sha2(F.lit("abc"), 512),
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
      ],
      ["crc32", F.crc32(F.lit("ABC")), 2743272264n],
    ]);
  });

  it("hash and xxhash64 give Spark's seeded values (PySpark: id 0 of range(1))", async () => {
    const row = await spark()
      .range(1)
      .select(F.hash("id").alias("h"), F.xxhash64("id").alias("x"))
      .first();
    expect(row).toEqual({ h: -1670924195, x: -5252525462095825812n });
  });
});

describe("collection functions", () => {
  it("match Spark", async () => {
    await values([
      ["array", F.array(F.lit(1), F.lit(2)), [1, 2]],
      ["array_contains", F.array_contains("arr", 2), true],
      ["size", F.size("arr"), 4],
      ["size_null", F.size(F.lit(null).cast("array<int>")), -1],
      ["element_at", F.element_at("arr", 1), 3],
      ["element_at_neg", F.element_at("arr", -1), 1],
      ["getItem", F.col("arr").getItem(0), 3],
      ["array_distinct", F.array_distinct("arr"), [3, 1, 2]],
      [
        "array_union",
        F.array_union(F.array(F.lit(1), F.lit(2)), F.array(F.lit(2), F.lit(3))),
        [1, 2, 3],
      ],
      ["array_except", F.array_except("arr", F.array(F.lit(1))), [3, 2]],
      ["array_join", F.array_join("arr", "-"), "3-1-2-1"],
      ["array_position", F.array_position("arr", 2), 3n],
      ["array_remove", F.array_remove("arr", 1), [3, 2]],
      ["sort_array", F.sort_array("arr"), [1, 1, 2, 3]],
      ["sort_array_desc", F.sort_array("arr", false), [3, 2, 1, 1]],
      ["slice", F.slice("arr", 2, 2), [1, 2]],
      ["flatten", F.flatten(F.array(F.array(F.lit(1)), F.array(F.lit(2), F.lit(3)))), [1, 2, 3]],
      ["array_max", F.array_max("arr"), 3],
      ["sequence", F.sequence(F.lit(1), F.lit(5), F.lit(2)), [1, 3, 5]],
      ["transform", F.transform("arr", (x) => x.multiply(10)), [30, 10, 20, 10]],
      ["filter", F.filter("arr", (x) => x.gt(1)), [3, 2]],
      ["exists", F.exists("arr", (x) => x.eq(2)), true],
      ["forall", F.forall("arr", (x) => x.gt(0)), true],
      ["aggregate", F.aggregate("arr", F.lit(0), (acc, x) => acc.plus(x)), 7],
      ["struct", F.struct("n", "neg"), { n: 7, neg: -2 }],
      ["map_keys", F.map_keys(F.create_map(F.lit("a"), F.lit(1))), ["a"]],
      ["map_value", F.element_at(F.create_map(F.lit("a"), F.lit(1)), "a"), 1],
    ]);
  });

  it("explode, explode_outer and posexplode make rows", async () => {
    const df = spark().createDataFrame(
      [
        { id: 1, xs: [10, 20] },
        { id: 2, xs: [] },
      ],
      "id INT, xs ARRAY<INT>",
    );
    expect(await df.select("id", F.explode("xs")).orderBy("id", "col").collect()).toEqual([
      { id: 1, col: 10 },
      { id: 1, col: 20 },
    ]);
    expect(
      await df.select("id", F.explode_outer("xs").alias("x")).orderBy("id", "x").collect(),
    ).toEqual([
      { id: 1, x: 10 },
      { id: 1, x: 20 },
      { id: 2, x: null },
    ]);
    expect(await df.select("id", F.posexplode("xs")).orderBy("id", "pos").collect()).toEqual([
      { id: 1, pos: 0, col: 10 },
      { id: 1, pos: 1, col: 20 },
    ]);
    expect(await df.withColumn("x", F.explode("xs")).select("x").orderBy("x").collect()).toEqual([
      { x: 10 },
      { x: 20 },
    ]);
  });
});

describe("aggregate functions", () => {
  it("match Spark", async () => {
    const df = spark().createDataFrame(
      [
        [1, "a"],
        [2, "a"],
        [3, "b"],
        [null, "b"],
      ],
      "v INT, k STRING",
    );
    const row = await df
      .agg(
        F.count("*").alias("n"),
        F.count("v").alias("nv"),
        F.countDistinct("k").alias("dk"),
        F.approx_count_distinct("k").alias("adk"),
        F.sum("v").alias("s"),
        F.avg("v").alias("a"),
        F.min("v").alias("mn"),
        F.max("v").alias("mx"),
        F.first("k").alias("f"),
        F.collect_list("v").alias("cl"),
        F.stddev("v").alias("sd"),
        F.percentile_approx("v", 0.5).alias("p50"),
        F.median("v").alias("med"),
        F.max_by("k", "v").alias("maxby"),
      )
      .first();
    expect(row).toEqual({
      n: 4n,
      nv: 3n,
      dk: 2n,
      adk: 2n,
      s: 6n,
      a: 2,
      mn: 1,
      mx: 3,
      f: "a",
      cl: [1, 2, 3],
      sd: 1,
      p50: 2,
      med: 2,
      maxby: "b",
    });
  });
});

describe("function names", () => {
  it("every public function is known to the DuckDB engine", async () => {
    const { hasFunction, unsupportedFunctionNames } = await import(
      "../../../src/engine/duckdb/functions/registry.js"
    );
    const declared = new Set(unsupportedFunctionNames());
    const builders = new Set([
      "col",
      "column",
      "lit",
      "expr",
      "when",
      "asc",
      "desc",
      "asc_nulls_last",
      "desc_nulls_first",
      "typedLit",
      "broadcast",
      "approxCountDistinct",
      "countDistinct",
      "count_distinct",
      "sum_distinct",
      "sumDistinct",
      "rlike",
      "printf",
      "power",
      "ceiling",
    ]);
    const missing = Object.keys(F).filter(
      (name) => !builders.has(name) && !hasFunction(name) && !declared.has(name),
    );
    expect(missing).toEqual([]);
    expect(Object.keys(F).length).toBeGreaterThan(150);
  });
});
