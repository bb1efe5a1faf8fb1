import { describe, expect, it } from "vitest";
import { useSpark } from "../../helpers/session.js";
import { empty, one, orders } from "./helpers.js";

const spark = useSpark();

describe("table and schema expectations", () => {
  it("row count: inclusive bounds, strict bounds, one bound", async () => {
    const df = orders(spark());
    const t = "expect_table_row_count_to_be_between";
    expect((await one(df, t, { min_value: 10, max_value: 10 })).success).toBe(true);
    expect((await one(df, t, { min_value: 10, strict_min: true })).success).toBe(false);
    expect((await one(df, t, { max_value: 10, strict_max: true })).success).toBe(false);
    const r = await one(df, t, { min_value: 11 });
    expect(r.success).toBe(false);
    expect(r.result).toEqual({ observed_value: 10 });
    expect((await one(empty(spark()), t, { max_value: 0 })).success).toBe(true);
  });

  it("ordered column list reports each mismatched position", async () => {
    const df = orders(spark());
    const t = "expect_table_columns_to_match_ordered_list";
    const all = ["id", "name", "amount", "code", "day", "qty"];
    expect((await one(df, t, { column_list: all })).success).toBe(true);
    const r = await one(df, t, { column_list: ["name", "id", "amount", "code", "day"] });
    expect(r.success).toBe(false);
    expect(r.result.details).toEqual({
      mismatched: [
        { "Expected Column Position": 0, Expected: "name", Found: "id" },
        { "Expected Column Position": 1, Expected: "id", Found: "name" },
        { "Expected Column Position": 5, Expected: null, Found: "qty" },
      ],
    });
  });

  it("column set: exact by default, subset with exact_match false", async () => {
    const df = orders(spark());
    const t = "expect_table_columns_to_match_set";
    const r = await one(df, t, { column_set: ["id", "name", "x"] });
    expect(r.success).toBe(false);
    expect(r.result.details).toEqual({
      mismatched: { unexpected: ["amount", "code", "day", "qty"], missing: ["x"] },
    });
    expect((await one(df, t, { column_set: ["id", "name"], exact_match: false })).success).toBe(
      true,
    );
    expect((await one(df, t, { column_set: ["id", "x"], exact_match: false })).success).toBe(false);
  });

  it("column exists, optionally at an index (0 means anywhere, as GE)", async () => {
    const df = orders(spark());
    const t = "expect_column_to_exist";
    expect((await one(df, t, { column: "qty" })).success).toBe(true);
    expect((await one(df, t, { column: "nope" })).success).toBe(false);
    expect((await one(df, t, { column: "name", column_index: 1 })).success).toBe(true);
    expect((await one(df, t, { column: "name", column_index: 2 })).success).toBe(false);
    expect((await one(df, t, { column: "name", column_index: 0 })).success).toBe(true);
  });

  it("column type: Spark classes, abstract classes, DDL and numpy names", async () => {
    const df = orders(spark());
    const t = "expect_column_values_to_be_of_type";
    const r = await one(df, t, { column: "id", type_: "IntegerType" });
    expect(r.success).toBe(true);
    expect(r.result).toEqual({ observed_value: "IntegerType" });
    expect((await one(df, t, { column: "id", type_: "NumericType" })).success).toBe(true);
    expect((await one(df, t, { column: "id", type_: "int" })).success).toBe(true);
    expect((await one(df, t, { column: "id", type_: "int32" })).success).toBe(true);
    expect((await one(df, t, { column: "id", type_: "int64" })).success).toBe(false);
    expect((await one(df, t, { column: "amount", type_: "FractionalType" })).success).toBe(true);
    expect((await one(df, t, { column: "name", type_: "StringType" })).success).toBe(true);
    const bad = await one(df, t, { column: "id", type_: "Integr" });
    expect(bad.exception_info.raised_exception).toBe(true);
    expect(bad.exception_info.exception_message).toContain("Unrecognized type_");
  });
});

describe("null checks", () => {
  it("not_be_null divides by every row and reports no missing counts", async () => {
    const r = await one(orders(spark()), "expect_column_values_to_not_be_null", { column: "name" });
    expect(r.success).toBe(false);
    expect(r.result).toEqual({
      element_count: 10,
      unexpected_count: 2,
      unexpected_percent: 20,
      partial_unexpected_list: [null, null],
      partial_unexpected_counts: [{ value: null, count: 2 }],
    });
  });

  it("mostly compares the passing share with the threshold (inclusive)", async () => {
    const df = orders(spark());
    const t = "expect_column_values_to_not_be_null";
    expect((await one(df, t, { column: "name", mostly: 0.8 })).success).toBe(true);
    expect((await one(df, t, { column: "name", mostly: 0.81 })).success).toBe(false);
  });

  it("be_null lists the non-null values", async () => {
    const r = await one(orders(spark()), "expect_column_values_to_be_null", { column: "code" });
    expect(r.success).toBe(false);
    expect(r.result.unexpected_count).toBe(9);
    expect(r.result.partial_unexpected_list).toHaveLength(9);
    expect(r.result.missing_count).toBeUndefined();
  });

  it("an empty table passes, with null percentages", async () => {
    const r = await one(empty(spark()), "expect_column_values_to_not_be_null", { column: "name" });
    expect(r.success).toBe(true);
    expect(r.result).toEqual({
      element_count: 0,
      unexpected_count: 0,
      unexpected_percent: null,
      partial_unexpected_list: [],
      partial_unexpected_counts: [],
    });
  });
});

describe("column value checks leave nulls out", () => {
  it("between: percentages over non-null rows, missing counted apart", async () => {
    const r = await one(orders(spark()), "expect_column_values_to_be_between", {
      column: "amount",
      min_value: 0,
    });
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      element_count: 10,
      unexpected_count: 1,
      unexpected_percent: 12.5,
      missing_count: 2,
      missing_percent: 20,
      unexpected_percent_total: 10,
      unexpected_percent_nonmissing: 12.5,
      partial_unexpected_list: [-5],
    });
  });

  it("between: strict bounds exclude the bound itself", async () => {
    const df = orders(spark());
    const t = "expect_column_values_to_be_between";
    expect((await one(df, t, { column: "qty", min_value: 1, max_value: 6 })).success).toBe(true);
    const strict = await one(df, t, {
      column: "qty",
      min_value: 1,
      max_value: 6,
      strict_min: true,
    });
    expect(strict.result.unexpected_count).toBe(3);
    const both = await one(df, t, {
      column: "qty",
      min_value: 1,
      max_value: 6,
      strict_min: true,
      strict_max: true,
    });
    expect(both.result.unexpected_count).toBe(4);
  });

  it("between: mostly is over non-null rows", async () => {
    const df = orders(spark());
    const t = "expect_column_values_to_be_between";
    // 7 of the 8 non-null amounts are >= 0: 0.875.
    expect((await one(df, t, { column: "amount", min_value: 0, mostly: 0.875 })).success).toBe(
      true,
    );
    expect((await one(df, t, { column: "amount", min_value: 0, mostly: 0.88 })).success).toBe(
      false,
    );
  });

  it("between: text against numbers is refused, as GE refuses it", async () => {
    const r = await one(orders(spark()), "expect_column_values_to_be_between", {
      column: "name",
      min_value: 1,
    });
    expect(r.success).toBe(false);
    expect(r.exception_info.exception_message).toContain("must either be None or of the same type");
  });

  it("in_set / not_in_set", async () => {
    const df = orders(spark());
    const inSet = await one(df, "expect_column_values_to_be_in_set", {
      column: "qty",
      value_set: [1, 2, 3],
    });
    expect(inSet.result.partial_unexpected_list).toEqual([4, 5, 6]);
    const empty = await one(df, "expect_column_values_to_be_in_set", {
      column: "qty",
      value_set: [],
    });
    expect(empty.result.unexpected_count).toBe(10);
    const notIn = await one(df, "expect_column_values_to_not_be_in_set", {
      column: "name",
      value_set: ["ann"],
    });
    expect(notIn.result).toMatchObject({ unexpected_count: 2, missing_count: 2 });
    expect(notIn.result.partial_unexpected_counts).toEqual([{ value: "ann", count: 2 }]);
  });

  it("regex matches anywhere unless anchored", async () => {
    const df = orders(spark());
    const t = "expect_column_values_to_match_regex";
    expect((await one(df, t, { column: "code", regex: "B" })).result.unexpected_count).toBe(3);
    const anchored = await one(df, t, { column: "code", regex: "^AB-\\d\\d$" });
    expect(anchored.result.partial_unexpected_list).toEqual(["ab-14", "XX", "AB-1", "CD-22"]);
    const not = await one(df, "expect_column_values_to_not_match_regex", {
      column: "name",
      regex: "^a",
    });
    expect(not.result.partial_unexpected_list).toEqual(["ann", "ann"]);
  });

  it("value lengths, with strict bounds", async () => {
    const df = orders(spark());
    const t = "expect_column_value_lengths_to_be_between";
    expect((await one(df, t, { column: "name", min_value: 2, max_value: 3 })).success).toBe(true);
    const strict = await one(df, t, { column: "code", min_value: 4, strict_min: true });
    expect(strict.result.partial_unexpected_list).toEqual(["XX", "AB-1"]);
  });

  it("strftime: Python's strptime rules (1-2 digit fields, real calendar days)", async () => {
    const r = await one(orders(spark()), "expect_column_values_to_match_strftime_format", {
      column: "day",
      strftime_format: "%Y-%m-%d",
    });
    expect(r.result.partial_unexpected_list).toEqual([
      "2023-02-29",
      "2024-13-01",
      "24-01-05",
      "2024-04-31",
    ]);
    expect(r.result.missing_count).toBe(1);
  });

  it("uniqueness flags every copy and leaves nulls out", async () => {
    const df = orders(spark());
    const id = await one(df, "expect_column_values_to_be_unique", { column: "id" });
    expect(id.result.partial_unexpected_list).toEqual([2, 2]);
    const name = await one(df, "expect_column_values_to_be_unique", { column: "name" });
    expect(name.result).toMatchObject({ unexpected_count: 2, missing_count: 2 });
    expect(
      (await one(df, "expect_column_values_to_be_unique", { column: "qty" })).result
        .unexpected_count,
    ).toBe(7);
  });

  it("an empty table passes every value check", async () => {
    const df = empty(spark());
    const r = await one(df, "expect_column_values_to_be_between", {
      column: "amount",
      min_value: 0,
    });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({
      element_count: 0,
      unexpected_percent: null,
      missing_count: 0,
    });
    expect((await one(df, "expect_column_values_to_be_unique", { column: "id" })).success).toBe(
      true,
    );
  });
});

describe("aggregate statistics", () => {
  it("mean, min, max, sum, median, stdev as pandas computes them", async () => {
    const df = orders(spark());
    const seen = async (r: Promise<{ result: { observed_value?: unknown } }>) =>
      (await r).result.observed_value;
    const col = (column: string) => ({ column, min_value: -1e9 });
    expect(await seen(one(df, "expect_column_mean_to_be_between", col("amount")))).toBeCloseTo(
      16.125,
      9,
    );
    expect(await seen(one(df, "expect_column_min_to_be_between", col("amount")))).toBe(-5);
    expect(await seen(one(df, "expect_column_max_to_be_between", col("amount")))).toBe(100);
    expect(await seen(one(df, "expect_column_sum_to_be_between", col("qty")))).toBe(28);
    expect(await seen(one(df, "expect_column_median_to_be_between", col("amount")))).toBe(5.25);
    expect(await seen(one(df, "expect_column_stdev_to_be_between", col("qty")))).toBeCloseTo(
      Math.sqrt(27.6 / 9),
      9,
    );
    const t = "expect_column_unique_value_count_to_be_between";
    expect(await seen(one(df, t, col("name")))).toBe(7);
    const p = "expect_column_proportion_of_unique_values_to_be_between";
    expect(await seen(one(df, p, col("name")))).toBe(0.875);
  });

  it("bounds: inclusive, strict, open-ended", async () => {
    const df = orders(spark());
    const t = "expect_column_max_to_be_between";
    expect((await one(df, t, { column: "amount", max_value: 100 })).success).toBe(true);
    expect((await one(df, t, { column: "amount", max_value: 100, strict_max: true })).success).toBe(
      false,
    );
    expect((await one(df, t, { column: "amount", min_value: 100, strict_min: true })).success).toBe(
      false,
    );
    expect((await one(df, t, { column: "amount" })).success).toBe(true);
  });

  it("an empty column: no mean (fails), a sum of 0 (pandas), proportion 0", async () => {
    const df = empty(spark());
    const mean = await one(df, "expect_column_mean_to_be_between", {
      column: "amount",
      min_value: 0,
    });
    expect(mean).toMatchObject({ success: false, result: { observed_value: null } });
    const sum = await one(df, "expect_column_sum_to_be_between", {
      column: "amount",
      max_value: 0,
    });
    expect(sum).toMatchObject({ success: true, result: { observed_value: 0 } });
    const p = await one(df, "expect_column_proportion_of_unique_values_to_be_between", {
      column: "name",
      max_value: 0,
    });
    expect(p.result.observed_value).toBe(0);
  });

  it("a statistic of a text column is refused for that expectation only", async () => {
    const r = await one(orders(spark()), "expect_column_mean_to_be_between", {
      column: "name",
      min_value: 0,
    });
    expect(r.success).toBe(false);
    expect(r.exception_info.exception_message).toContain("not numeric");
  });

  it("min / max of dates and timestamps compare as instants", async () => {
    const df = spark().createDataFrame(
      [
        { d: "2024-01-02", ts: new Date("2024-01-02T10:00:00Z") },
        { d: "2024-03-01", ts: new Date("2024-03-01T00:00:00Z") },
      ],
      "d DATE, ts TIMESTAMP",
    );
    const t = "expect_column_max_to_be_between";
    expect((await one(df, t, { column: "d", max_value: "2024-03-01" })).success).toBe(true);
    expect((await one(df, t, { column: "d", max_value: "2024-02-29" })).success).toBe(false);
    const ts = await one(df, t, { column: "ts", min_value: "2024-03-01T00:00:00Z" });
    expect(ts.success).toBe(true);
    expect(ts.result.observed_value).toBe("2024-03-01T00:00:00.000000Z");
    const between = await one(df, "expect_column_values_to_be_between", {
      column: "ts",
      min_value: "2024-02-01 00:00:00",
    });
    expect(between.result.partial_unexpected_list).toEqual(["2024-01-02T10:00:00.000000Z"]);
  });
});

describe("multi-column expectations", () => {
  const pairs = () =>
    spark().createDataFrame(
      [
        { a: 5, b: 3 },
        { a: 2, b: 2 },
        { a: null, b: 1 },
        { a: 1, b: null },
        { a: null, b: null },
        { a: 9, b: 1 },
      ],
      "a INT, b INT",
    );

  it("a > b: a row with one missing value fails unless ignored", async () => {
    const t = "expect_column_pair_values_a_to_be_greater_than_b";
    const r = await one(pairs(), t, { column_A: "a", column_B: "b" });
    expect(r.result).toMatchObject({ element_count: 6, unexpected_count: 3, missing_count: 1 });
    expect(r.result.partial_unexpected_list).toEqual([
      [2, 2],
      [null, 1],
      [1, null],
    ]);
    const eq = await one(pairs(), t, { column_A: "a", column_B: "b", or_equal: true });
    expect(eq.result.unexpected_count).toBe(2);
    const either = await one(pairs(), t, {
      column_A: "a",
      column_B: "b",
      or_equal: true,
      ignore_row_if: "either_value_is_missing",
    });
    expect(either).toMatchObject({
      success: true,
      result: { unexpected_count: 0, missing_count: 3 },
    });
    const neither = await one(pairs(), t, {
      column_A: "a",
      column_B: "b",
      ignore_row_if: "neither",
    });
    expect(neither.result.unexpected_count).toBe(4);
  });

  it("compound uniqueness: every copy, nulls equal inside a key", async () => {
    const df = spark().createDataFrame(
      [
        { a: 1, b: "x" },
        { a: 1, b: "x" },
        { a: 1, b: null },
        { a: 1, b: null },
        { a: null, b: null },
        { a: null, b: null },
        { a: 2, b: "x" },
      ],
      "a INT, b STRING",
    );
    const t = "expect_compound_columns_to_be_unique";
    const r = await one(df, t, { column_list: ["a", "b"] });
    expect(r.result).toMatchObject({ element_count: 7, unexpected_count: 4, missing_count: 2 });
    expect(r.result.partial_unexpected_list).toEqual([
      { a: 1, b: "x" },
      { a: 1, b: "x" },
      { a: 1, b: null },
      { a: 1, b: null },
    ]);
    const any = await one(df, t, {
      column_list: ["a", "b"],
      ignore_row_if: "any_value_is_missing",
    });
    expect(any.result.unexpected_count).toBe(2);
    const never = await one(df, t, { column_list: ["a", "b"], ignore_row_if: "never" });
    expect(never.result.unexpected_count).toBe(6);
  });
});

describe("freshness (ours)", () => {
  const events = () =>
    spark().createDataFrame(
      [{ ts: new Date("2024-05-01T11:40:00Z") }, { ts: new Date("2024-05-01T11:10:00Z") }],
      "ts TIMESTAMP",
    );
  const now = new Date("2024-05-01T12:00:00Z");

  it("passes within the window, in either spelling", async () => {
    const { validate, suite } = await import("../../../src/quality/index.js");
    const s = suite("f")
      .expectColumnMaxToBeWithin("ts", { minutes: 30 })
      .expectColumnMaxToBeWithin("ts", "20m")
      .expectColumnMaxToBeWithin("ts", "PT19M");
    const r = await validate(events(), s, { now });
    expect(r.results.map((x) => x.success)).toEqual([true, true, false]);
    expect(r.results[0]?.result).toEqual({
      observed_value: "2024-05-01T11:40:00.000000Z",
      details: { now: "2024-05-01T12:00:00.000Z", age_seconds: 1200, max_age_seconds: 1800 },
    });
  });

  it("fails on an empty column and refuses a non-time column", async () => {
    const { validate, suite } = await import("../../../src/quality/index.js");
    const r = await validate(events().limit(0), suite("f").expectColumnMaxToBeWithin("ts", "1d"), {
      now,
    });
    expect(r.results[0]?.success).toBe(false);
    const bad = await validate(orders(spark()), suite("f").expectColumnMaxToBeWithin("name", "1d"));
    expect(bad.results[0]?.exception_info.exception_message).toContain("timestamp or date");
  });
});
