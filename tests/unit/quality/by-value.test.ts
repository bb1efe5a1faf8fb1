/**
 * Row checks counted once per distinct value of a low-cardinality string column must give
 * exactly what the per-row path gives (that one is compared with Great Expectations in
 * tests/interop/quality); the probe must leave high-cardinality columns and plans whose first
 * rows are not cheap on the per-row path.
 */
import { describe, expect, it } from "vitest";
import { type DataFrame, functions as F, type SparkSession, Window } from "../../../src/index.js";
import { groupedColumns } from "../../../src/quality/by-value.js";
import type { ValueCount } from "../../../src/quality/compile/plan.js";
import { compileExpectation } from "../../../src/quality/compile/registry.js";
import { type ExpectationSuite, suite, validate } from "../../../src/quality/index.js";
import { parseResultFormat } from "../../../src/quality/result-format.js";
import { useSpark } from "../../helpers/session.js";
import { orders } from "./helpers.js";

const spark = useSpark();

/** 12,000 rows (more than the probe reads): `code` cycles AA, BBB, cc, null, DDDD; `id` is unique. */
function codes(s: SparkSession): DataFrame {
  const k = F.col("id").mod(5);
  const code = F.when(k.eq(0), "AA").when(k.eq(1), "BBB").when(k.eq(2), "cc").when(k.eq(4), "DDDD");
  return s
    .range(12_000)
    .select(F.concat(F.lit("r"), F.col("id").cast("string")).alias("id"), code.alias("code"));
}

function checks(on: string): ExpectationSuite {
  return suite("codes")
    .expect("expect_column_values_to_match_regex", { column: on, regex: "^[A-Z]{3}$" })
    .expect("expect_column_values_to_not_match_regex", { column: on, regex: "[a-z]" })
    .expect("expect_column_value_lengths_to_be_between", { column: on, min_value: 2, max_value: 3 })
    .expect("expect_column_values_to_be_in_set", { column: on, value_set: ["AA", "BBB"] })
    .expect("expect_column_values_to_not_be_in_set", { column: on, value_set: ["cc"] })
    .expect("expect_column_values_to_not_be_null", { column: on })
    .expect("expect_column_values_to_be_null", { column: on, mostly: 0.1 })
    .expect("expect_column_unique_value_count_to_be_between", { column: on, min_value: 1 })
    .expect("expect_column_proportion_of_unique_values_to_be_between", {
      column: on,
      max_value: 1,
    });
}

async function counts(df: DataFrame, s: ExpectationSuite): Promise<ValueCount[]> {
  const schema = await df.schema;
  return s.expectations.flatMap((config, index) => {
    const ctx = {
      schema,
      format: parseResultFormat("SUMMARY"),
      now: new Date(),
      name: (k: string) => `__q${index}_${k}`,
    };
    return Object.values(compileExpectation(config, ctx).valueCounts ?? {});
  });
}

/** Every result with the run-dependent parts left out. */
async function outcome(df: DataFrame, s: ExpectationSuite) {
  const r = await validate(df, s, { result_format: "SUMMARY" });
  return r.results.map((x) => ({ success: x.success, result: x.result, error: x.exception_info }));
}

describe("row checks per distinct value", () => {
  it("groups a low-cardinality string column, not a unique one nor a costly plan", async () => {
    const df = codes(spark());
    expect(await groupedColumns(df, await counts(df, checks("code")))).toEqual(["code"]);
    expect(await groupedColumns(df, await counts(df, checks("id")))).toEqual([]);
    const sorted = df.orderBy("id");
    expect(await groupedColumns(sorted, await counts(sorted, checks("code")))).toEqual([]);
    const ranked = df.withColumn("rank", F.row_number().over(Window.orderBy("id")));
    expect(await groupedColumns(ranked, await counts(ranked, checks("code")))).toEqual([]);
  });

  it("gives the per-row path's results, nulls and failures included", async () => {
    const df = codes(spark());
    // limit() is not a streaming relation: the same rows, in the same order, checked per row.
    const grouped = await outcome(df, checks("code"));
    expect(grouped).toEqual(await outcome(df.limit(1_000_000), checks("code")));
    // By construction: 9,600 non-null codes, of which only the 2,400 "BBB" match.
    expect(grouped[0]?.result).toMatchObject({ element_count: 12_000, unexpected_count: 7_200 });
    expect(grouped[0]?.result.partial_unexpected_list).toEqual(
      Array(20)
        .fill(null)
        .map((_, i) => ["AA", "cc", "DDDD"][i % 3]),
    );
    expect(grouped[7]?.result).toEqual({ observed_value: 4 });
  });

  it("gives the per-row path's results on no rows", async () => {
    const none = orders(spark()).filter("id < 0");
    const s = checks("code").expect("expect_column_mean_to_be_between", {
      column: "qty",
      min_value: 0,
    });
    expect(await outcome(none, s)).toEqual(await outcome(none.limit(10), s));
  });
});
