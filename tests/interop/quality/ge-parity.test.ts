/**
 * Parity with Great Expectations itself: the same suites on the same CSV files, validated by
 * GE 1.x's pandas engine (scripts/quality/ge_runner.py) and by tributary on the embedded
 * engine, compared field by field for every expectation type: success, counts, percentages,
 * observed values, and the unexpected values as multisets (GE lists them in row order; so
 * do we, but row order is not a contract of every engine).
 *
 * Known, deliberate differences (not compared):
 * - `expect_column_values_to_be_of_type`: GE's pandas engine observes numpy dtypes
 *   (`"int64"`); we observe Spark type classes (`"LongType"`), as GE's Spark engine does.
 *   Success is compared, with numpy names mapped to Spark types.
 * - `partial_unexpected_index_list` / `unexpected_index_list` / `unexpected_index_query` are
 *   pandas row labels; a DataFrame has no index, so we leave them out.
 * - GE's `exception_info` for a metric that failed is keyed by metric id; ours is flat.
 * - `expect_column_max_to_be_within` is ours: GE has no freshness expectation.
 * Differences in semantics, kept out of the data below on purpose:
 * - Regex dialect: GE's pandas engine uses Python's `re`; we hand the regex to the engine
 *   (Java regexes on Spark, as GE's Spark engine does; RE2 on DuckDB: no lookaround, no
 *   backreferences). Common syntax behaves the same.
 * - Regexes and lengths apply to the value's text: pandas writes an int column with nulls
 *   as floats ("5.0"); Spark casts the column's own type ("5").
 * - A double NaN is a value to Spark and DuckDB, but missing to pandas.
 * - A strftime format with a bad directive: GE counts every value unexpected; we fail the
 *   expectation with `exception_info` naming the directive.
 * - GE 1.x refuses text bounds for column statistics; we accept them (strings, ISO dates).
 * - An expectation's own `result_format` kwarg wins over the validation's; GE 1.x ignores
 *   it when the validation passes one (with a warning).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SparkSession } from "../../../src/index.js";
import {
  type ExpectationValidationResult,
  loadSuite,
  type SuiteValidationResult,
  validate,
} from "../../../src/quality/index.js";
import type { ResultFormatInput } from "../../../src/quality/result-format.js";
import { useSpark } from "../../helpers/session.js";
import { type GeExpectationResult, type GeSuiteResult, geRaised, requireGe, runGe } from "./ge.js";

const spark = useSpark();

/** The data: ids with duplicates, nulls in most columns, text to match, dates to parse. */
const ORDERS = `id,name,amount,code,day,qty,a,b
1,ann,10.5,AB-12,2024-01-31,3,5,3
2,bob,,AB-13,2024-02-29,1,2,2
2,,-5,ab-14,2023-02-29,4,,1
3,cy,7.5,XX,2024-13-01,2,1,
4,dee,0,AB-99,2024-1-5,5,,
5,eve,100,,24-01-05,1,7,7
6,ann,3,AB-1,2024-01-05,2,3,4
7,fay,,CD-22,,3,9,1
8,gus,12,AB-12,2024-04-31,6,0,0
9,,1,AB-77,2024-12-01,1,4,2
9,hal,2,AB-77,2024-06-15,7,3,3
10,ivy,8,EF-01,2024-06-15,8,8,9
`;
// pandas reads int columns without nulls as int64 (our BIGINT) and columns with nulls as
// float64 (our DOUBLE); text stays text.
const ORDERS_DDL =
  "id BIGINT, name STRING, amount DOUBLE, code STRING, day STRING, qty BIGINT, a DOUBLE, b DOUBLE";
/** Enough unexpected rows that only the first 20 (in row order) are listed. */
const MANY = [
  "id,name,amount,code",
  ...Array.from({ length: 60 }, (_, i) =>
    [i + 1, i % 9 === 4 ? "" : `n${i % 13}`, (i % 11) - 3, `C${i % 7}`].join(","),
  ),
  "",
].join("\n");
const MANY_DDL = "id BIGINT, name STRING, amount BIGINT, code STRING";
const EMPTY = "id,name,amount\n";
const EMPTY_DDL = "id BIGINT, name STRING, amount DOUBLE";
const EMPTY_DTYPES = { id: "int64", name: "object", amount: "float64" };

type Dataset = "orders" | "empty" | "many";
type Format = ResultFormatInput;

interface Case {
  readonly type: string;
  readonly kwargs: Record<string, unknown>;
  readonly data?: Dataset;
  readonly format?: Format;
  /** Compare only success (see the header). */
  readonly successOnly?: boolean;
}

const CASES: readonly Case[] = [
  // Table and schema
  { type: "expect_table_row_count_to_be_between", kwargs: { min_value: 1, max_value: 20 } },
  { type: "expect_table_row_count_to_be_between", kwargs: { min_value: 13 } },
  { type: "expect_table_row_count_to_be_between", kwargs: { max_value: 12, strict_max: true } },
  { type: "expect_table_row_count_to_be_between", kwargs: { min_value: 1 }, data: "empty" },
  {
    type: "expect_table_columns_to_match_ordered_list",
    kwargs: { column_list: ["id", "name", "amount", "code", "day", "qty", "a", "b"] },
  },
  {
    type: "expect_table_columns_to_match_ordered_list",
    kwargs: { column_list: ["name", "id", "amount", "code", "day", "qty", "a"] },
  },
  {
    type: "expect_table_columns_to_match_set",
    kwargs: { column_set: ["b", "a", "qty", "day", "code", "amount", "name", "id"] },
  },
  { type: "expect_table_columns_to_match_set", kwargs: { column_set: ["id", "name", "x"] } },
  {
    type: "expect_table_columns_to_match_set",
    kwargs: { column_set: ["id", "name"], exact_match: false },
  },
  { type: "expect_column_to_exist", kwargs: { column: "name" } },
  { type: "expect_column_to_exist", kwargs: { column: "nope" } },
  { type: "expect_column_to_exist", kwargs: { column: "name", column_index: 1 } },
  { type: "expect_column_to_exist", kwargs: { column: "name", column_index: 2 } },
  // Nulls
  { type: "expect_column_values_to_not_be_null", kwargs: { column: "name" } },
  { type: "expect_column_values_to_not_be_null", kwargs: { column: "name", mostly: 0.8 } },
  { type: "expect_column_values_to_not_be_null", kwargs: { column: "id" } },
  { type: "expect_column_values_to_not_be_null", kwargs: { column: "name" }, data: "empty" },
  { type: "expect_column_values_to_be_null", kwargs: { column: "code" } },
  { type: "expect_column_values_to_be_null", kwargs: { column: "code", mostly: 0.05 } },
  // Uniqueness
  { type: "expect_column_values_to_be_unique", kwargs: { column: "id" } },
  { type: "expect_column_values_to_be_unique", kwargs: { column: "name" } },
  { type: "expect_column_values_to_be_unique", kwargs: { column: "name", mostly: 0.7 } },
  { type: "expect_column_values_to_be_unique", kwargs: { column: "code" }, data: "orders" },
  { type: "expect_compound_columns_to_be_unique", kwargs: { column_list: ["id", "name"] } },
  { type: "expect_compound_columns_to_be_unique", kwargs: { column_list: ["id", "code"] } },
  {
    type: "expect_compound_columns_to_be_unique",
    kwargs: { column_list: ["a", "b"], ignore_row_if: "any_value_is_missing" },
  },
  {
    type: "expect_compound_columns_to_be_unique",
    kwargs: { column_list: ["a", "b"], ignore_row_if: "never" },
  },
  // Ranges and sets
  { type: "expect_column_values_to_be_between", kwargs: { column: "amount", min_value: 0 } },
  {
    type: "expect_column_values_to_be_between",
    kwargs: { column: "amount", min_value: 0, max_value: 10, strict_max: true },
  },
  {
    type: "expect_column_values_to_be_between",
    kwargs: { column: "amount", min_value: 0, max_value: 12, strict_min: true, mostly: 0.5 },
  },
  {
    type: "expect_column_values_to_be_between",
    kwargs: { column: "qty", min_value: 1, max_value: 8 },
  },
  {
    type: "expect_column_values_to_be_between",
    kwargs: { column: "amount", min_value: 0 },
    data: "empty",
  },
  { type: "expect_column_values_to_be_between", kwargs: { column: "nope", min_value: 0 } },
  {
    type: "expect_column_values_to_be_in_set",
    kwargs: { column: "code", value_set: ["AB-12", "AB-13", "AB-77", "AB-99"] },
  },
  { type: "expect_column_values_to_be_in_set", kwargs: { column: "qty", value_set: [1, 2, 3] } },
  {
    type: "expect_column_values_to_not_be_in_set",
    kwargs: { column: "name", value_set: ["ann", "bob"] },
  },
  { type: "expect_column_values_to_not_be_in_set", kwargs: { column: "qty", value_set: [9] } },
  // Text
  { type: "expect_column_values_to_match_regex", kwargs: { column: "code", regex: "^AB-\\d+$" } },
  { type: "expect_column_values_to_match_regex", kwargs: { column: "code", regex: "B" } },
  { type: "expect_column_values_to_match_regex", kwargs: { column: "name", regex: "^[a-z]+$" } },
  { type: "expect_column_values_to_not_match_regex", kwargs: { column: "name", regex: "^a" } },
  {
    type: "expect_column_values_to_not_match_regex",
    kwargs: { column: "code", regex: "-\\d\\d$", mostly: 0.3 },
  },
  {
    type: "expect_column_value_lengths_to_be_between",
    kwargs: { column: "name", min_value: 2, max_value: 3 },
  },
  { type: "expect_column_value_lengths_to_be_between", kwargs: { column: "code", min_value: 5 } },
  {
    type: "expect_column_value_lengths_to_be_between",
    kwargs: { column: "code", min_value: 2, max_value: 5, strict_min: true, strict_max: true },
  },
  {
    type: "expect_column_values_to_match_strftime_format",
    kwargs: { column: "day", strftime_format: "%Y-%m-%d" },
  },
  {
    type: "expect_column_values_to_match_strftime_format",
    kwargs: { column: "day", strftime_format: "%y-%m-%d" },
  },
  {
    type: "expect_column_values_to_match_strftime_format",
    kwargs: { column: "code", strftime_format: "AB-%d" },
  },
  // Types (success only, see the header)
  {
    type: "expect_column_values_to_be_of_type",
    kwargs: { column: "id", type_: "int64" },
    successOnly: true,
  },
  {
    type: "expect_column_values_to_be_of_type",
    kwargs: { column: "amount", type_: "float64" },
    successOnly: true,
  },
  {
    type: "expect_column_values_to_be_of_type",
    kwargs: { column: "amount", type_: "int64" },
    successOnly: true,
  },
  {
    type: "expect_column_values_to_be_of_type",
    kwargs: { column: "name", type_: "object" },
    successOnly: true,
  },
  // Statistics
  {
    type: "expect_column_mean_to_be_between",
    kwargs: { column: "amount", min_value: 0, max_value: 20 },
  },
  { type: "expect_column_mean_to_be_between", kwargs: { column: "amount", min_value: 20 } },
  {
    type: "expect_column_mean_to_be_between",
    kwargs: { column: "amount", min_value: 0 },
    data: "empty",
  },
  {
    type: "expect_column_min_to_be_between",
    kwargs: { column: "qty", min_value: 1, max_value: 1 },
  },
  {
    type: "expect_column_min_to_be_between",
    kwargs: { column: "amount", min_value: -5, strict_min: true },
  },
  { type: "expect_column_max_to_be_between", kwargs: { column: "amount", max_value: 100 } },
  {
    type: "expect_column_max_to_be_between",
    kwargs: { column: "amount", max_value: 100, strict_max: true },
  },
  {
    type: "expect_column_sum_to_be_between",
    kwargs: { column: "qty", min_value: 43, max_value: 43 },
  },
  { type: "expect_column_sum_to_be_between", kwargs: { column: "amount", max_value: 100 } },
  {
    type: "expect_column_sum_to_be_between",
    kwargs: { column: "amount", min_value: 0 },
    data: "empty",
  },
  {
    type: "expect_column_median_to_be_between",
    kwargs: { column: "amount", min_value: 5, max_value: 6 },
  },
  {
    type: "expect_column_median_to_be_between",
    kwargs: { column: "qty", min_value: 3, max_value: 3 },
  },
  { type: "expect_column_stdev_to_be_between", kwargs: { column: "amount", max_value: 10 } },
  {
    type: "expect_column_stdev_to_be_between",
    kwargs: { column: "qty", min_value: 2, max_value: 3 },
  },
  {
    type: "expect_column_unique_value_count_to_be_between",
    kwargs: { column: "name", min_value: 9, max_value: 9 },
  },
  {
    type: "expect_column_unique_value_count_to_be_between",
    kwargs: { column: "id", max_value: 9 },
  },
  {
    type: "expect_column_proportion_of_unique_values_to_be_between",
    kwargs: { column: "name", min_value: 0.9 },
  },
  {
    type: "expect_column_proportion_of_unique_values_to_be_between",
    kwargs: { column: "code", min_value: 0.5, max_value: 1 },
  },
  {
    type: "expect_column_proportion_of_unique_values_to_be_between",
    kwargs: { column: "name", min_value: 0, max_value: 0 },
    data: "empty",
  },
  // Many unexpected rows: the partial lists keep the first ones, in row order
  { type: "expect_column_values_to_be_unique", kwargs: { column: "code" }, data: "many" },
  { type: "expect_column_values_to_be_unique", kwargs: { column: "name" }, data: "many" },
  {
    type: "expect_column_values_to_be_between",
    kwargs: { column: "amount", min_value: 0 },
    data: "many",
  },
  { type: "expect_column_values_to_not_be_null", kwargs: { column: "name" }, data: "many" },
  {
    type: "expect_column_values_to_match_regex",
    kwargs: { column: "code", regex: "[0-3]$" },
    data: "many",
  },
  {
    type: "expect_compound_columns_to_be_unique",
    kwargs: { column_list: ["code", "amount"] },
    data: "many",
  },
  {
    type: "expect_column_pair_values_a_to_be_greater_than_b",
    kwargs: { column_A: "amount", column_B: "id" },
    data: "many",
  },
  // Column pairs
  {
    type: "expect_column_pair_values_a_to_be_greater_than_b",
    kwargs: { column_A: "a", column_B: "b" },
  },
  {
    type: "expect_column_pair_values_a_to_be_greater_than_b",
    kwargs: { column_A: "a", column_B: "b", or_equal: true },
  },
  {
    type: "expect_column_pair_values_a_to_be_greater_than_b",
    kwargs: {
      column_A: "a",
      column_B: "b",
      or_equal: true,
      ignore_row_if: "either_value_is_missing",
    },
  },
  {
    type: "expect_column_pair_values_a_to_be_greater_than_b",
    kwargs: { column_A: "qty", column_B: "id", mostly: 0.1 },
  },
];

/** The result formats every row-level case also runs with. */
const FORMATS: readonly Format[] = [
  "SUMMARY",
  "BASIC",
  "COMPLETE",
  "BOOLEAN_ONLY",
  { result_format: "SUMMARY", partial_unexpected_count: 2 },
];

interface Run {
  readonly data: Dataset;
  readonly format: Format;
  readonly cases: { readonly id: number; readonly c: Case }[];
}

function runs(): Run[] {
  const byKey = new Map<string, Run>();
  CASES.forEach((c, id) => {
    for (const format of FORMATS) {
      const data = c.data ?? "orders";
      const key = `${data}:${JSON.stringify(format)}`;
      const run = byKey.get(key) ?? { data, format, cases: [] };
      run.cases.push({ id, c });
      byKey.set(key, run);
    }
  });
  return [...byKey.values()];
}

function suiteJson(run: Run) {
  return {
    name: `parity_${run.data}`,
    expectations: run.cases.map(({ id, c }) => ({
      type: c.type,
      kwargs: c.kwargs,
      meta: { case: id },
    })),
  };
}

/** Values compared as multisets: JSON text of each, numbers as JS writes them, sorted. */
function multiset(list: unknown): string[] {
  return Array.isArray(list) ? list.map((v) => JSON.stringify(v)).sort() : [];
}

const PERCENTS = [
  "unexpected_percent",
  "missing_percent",
  "unexpected_percent_total",
  "unexpected_percent_nonmissing",
];
const COUNTS = ["element_count", "unexpected_count", "missing_count"];
const PANDAS_ONLY = [
  "partial_unexpected_index_list",
  "unexpected_index_list",
  "unexpected_index_query",
];

function compare(
  ours: ExpectationValidationResult,
  theirs: GeExpectationResult,
  c: Case,
  label: string,
): void {
  expect.soft(ours.success, `${label}: success`).toBe(theirs.success);
  if (c.successOnly === true) return;
  expect
    .soft(ours.exception_info.raised_exception, `${label}: exception`)
    .toBe(geRaised(theirs.exception_info));
  const g = theirs.result;
  const o = ours.result as Record<string, unknown>;
  const keys = (r: Record<string, unknown>) =>
    Object.keys(r)
      .filter((k) => !PANDAS_ONLY.includes(k))
      .sort();
  expect.soft(keys(o), `${label}: result fields`).toEqual(keys(g));
  for (const k of COUNTS) expect.soft(o[k], `${label}: ${k}`).toEqual(g[k]);
  for (const k of PERCENTS) {
    if (g[k] === null || g[k] === undefined) expect.soft(o[k], `${label}: ${k}`).toEqual(g[k]);
    else expect.soft(o[k] as number, `${label}: ${k}`).toBeCloseTo(g[k] as number, 9);
  }
  if (typeof g.observed_value === "number") {
    expect
      .soft(o.observed_value as number, `${label}: observed_value`)
      .toBeCloseTo(g.observed_value, 9);
  } else if ("observed_value" in g) {
    expect.soft(o.observed_value, `${label}: observed_value`).toEqual(g.observed_value);
  }
  if ("details" in g) expect.soft(o.details, `${label}: details`).toEqual(g.details);
  for (const k of ["partial_unexpected_list", "unexpected_list", "partial_unexpected_counts"]) {
    expect.soft(multiset(o[k]), `${label}: ${k}`).toEqual(multiset(g[k]));
  }
}

describe("parity with Great Expectations (pandas engine)", () => {
  const dir = mkdtempSync(join(tmpdir(), "tributary-ge-"));
  const csv = {
    orders: join(dir, "orders.csv"),
    empty: join(dir, "empty.csv"),
    many: join(dir, "many.csv"),
  };
  const ddl = { orders: ORDERS_DDL, empty: EMPTY_DDL, many: MANY_DDL };
  const plan = runs();
  let ge: GeSuiteResult[] = [];
  let geVersion = "";
  const ours: SuiteValidationResult[] = [];

  // A missing GE fails every test with the setup command (a throwing beforeAll would only
  // mark them skipped).
  let missing: Error | undefined;
  beforeAll(async () => {
    try {
      requireGe();
    } catch (e) {
      missing = e as Error;
      return;
    }
    writeFileSync(csv.orders, ORDERS);
    writeFileSync(csv.empty, EMPTY);
    writeFileSync(csv.many, MANY);
    const output = await runGe(
      plan.map((run) => ({
        csv: csv[run.data],
        suite: suiteJson(run),
        result_format: run.format,
        ...(run.data === "empty" ? { dtypes: EMPTY_DTYPES } : {}),
      })),
    );
    ge = output.results;
    geVersion = output.version;
    const s: SparkSession = spark();
    for (const run of plan) {
      const df = s.read.option("header", true).schema(ddl[run.data]).csv(csv[run.data]);
      ours.push(await validate(df, loadSuite(suiteJson(run)), { result_format: run.format }));
    }
  });

  it("runs a GE 1.x", () => {
    if (missing !== undefined) throw missing;
    expect(geVersion).toMatch(/^1\./);
    for (const r of ge) expect(r.error, r.error).toBeUndefined();
  });

  plan.forEach((run, r) => {
    it(`${run.data}, ${JSON.stringify(run.format)}: every expectation as GE`, () => {
      if (missing !== undefined) throw missing;
      const theirs = ge[r]?.results ?? [];
      const mine = ours[r];
      expect(mine).toBeDefined();
      expect(theirs).toHaveLength(run.cases.length);
      run.cases.forEach(({ id, c }, i) => {
        const g = theirs.find((x) => x.expectation_config.meta.case === id);
        const o = mine?.results[i];
        expect(g, `GE result of case ${id}`).toBeDefined();
        expect.soft(o, `our result of case ${id}`).toBeDefined();
        if (g !== undefined && o !== undefined)
          compare(o, g, c, `#${id} ${c.type} ${JSON.stringify(c.kwargs)}`);
      });
      expect(mine?.success).toBe(ge[r]?.success);
      expect(mine?.meta.scans).toBeLessThanOrEqual(2);
    });
  });
});
