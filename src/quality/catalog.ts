/**
 * The catalog: for every expectation type, its family, its kwargs (GE's names) with a check
 * of each value, the required ones, and the cross-kwarg rules GE enforces when an
 * expectation is built (both bounds missing, min above max). Checked once, when a suite is
 * built or loaded, so a bad suite fails before any data is read.
 */

import type { Check } from "./checks.js";
import * as c from "./checks.js";
import type { ExpectationType } from "./kwargs.js";

/** How an expectation looks at the data; row-level families take part in the quarantine split. */
export type Family =
  | "table"
  | "schema"
  | "column_map"
  | "column_aggregate"
  | "column_pair_map"
  | "multicolumn_map";

/** A cross-kwarg rule: the kwarg to blame and why, or undefined. */
type Rule = (kwargs: Readonly<Record<string, unknown>>) => readonly [string, string] | undefined;

/** What the catalog knows about one expectation type. */
export interface ExpectationSpec {
  readonly family: Family;
  readonly required: readonly string[];
  readonly kwargs: Readonly<Record<string, Check>>;
  readonly rules: readonly Rule[];
}

/** Kwargs every expectation accepts. */
const COMMON: Readonly<Record<string, Check>> = {
  result_format: c.resultFormat,
  catch_exceptions: c.bool,
  batch_id: c.str,
};

const BETWEEN = {
  min_value: c.bound,
  max_value: c.bound,
  strict_min: c.bool,
  strict_max: c.bool,
};

const oneBoundAtLeast: Rule = (k) =>
  (k.min_value ?? null) === null && (k.max_value ?? null) === null
    ? ["min_value", "and max_value cannot both be None (null)"]
    : undefined;

const minNotAboveMax: Rule = (k) =>
  typeof k.min_value === "number" && typeof k.max_value === "number" && k.min_value > k.max_value
    ? ["min_value", `(${k.min_value}) must be less than or equal to max_value (${k.max_value})`]
    : undefined;

const atLeastTwoColumns: Rule = (k) =>
  Array.isArray(k.column_list) && k.column_list.length < 2
    ? ["column_list", "must contain at least two columns"]
    : undefined;

function spec(
  family: Family,
  required: readonly string[],
  kwargs: Readonly<Record<string, Check>>,
  rules: readonly Rule[] = [],
): ExpectationSpec {
  const mostly: Readonly<Record<string, Check>> = family.endsWith("_map")
    ? { mostly: c.mostly }
    : {};
  return { family, required, kwargs: { ...COMMON, ...mostly, ...kwargs }, rules };
}

const column = { column: c.str };
const aggregate = (): ExpectationSpec =>
  spec("column_aggregate", ["column"], { ...column, ...BETWEEN }, [minNotAboveMax]);
const map = (kwargs: Readonly<Record<string, Check>> = {}, required: readonly string[] = []) =>
  spec("column_map", ["column", ...required], { ...column, ...kwargs });

/** Every expectation type, with its spec. */
export const CATALOG = {
  expect_table_row_count_to_be_between: spec(
    "table",
    [],
    { min_value: c.numOrNull, max_value: c.numOrNull, strict_min: c.bool, strict_max: c.bool },
    [minNotAboveMax],
  ),
  expect_table_columns_to_match_ordered_list: spec("schema", ["column_list"], {
    column_list: c.strList,
  }),
  expect_table_columns_to_match_set: spec("schema", ["column_set"], {
    column_set: c.strList,
    exact_match: c.boolOrNull,
  }),
  expect_column_to_exist: spec("schema", ["column"], { ...column, column_index: c.intOrNull }),
  expect_column_values_to_not_be_null: map(),
  expect_column_values_to_be_null: map(),
  expect_column_values_to_be_unique: map(),
  expect_column_values_to_be_between: spec("column_map", ["column"], { ...column, ...BETWEEN }, [
    oneBoundAtLeast,
    minNotAboveMax,
  ]),
  expect_column_values_to_be_in_set: map({ value_set: c.valueSet }, ["value_set"]),
  expect_column_values_to_not_be_in_set: map({ value_set: c.valueSet }, ["value_set"]),
  expect_column_values_to_match_regex: map({ regex: c.str }, ["regex"]),
  expect_column_values_to_not_match_regex: map({ regex: c.str }, ["regex"]),
  expect_column_values_to_be_of_type: map({ type_: c.str }, ["type_"]),
  expect_column_value_lengths_to_be_between: spec(
    "column_map",
    ["column"],
    {
      ...column,
      min_value: c.numOrNull,
      max_value: c.numOrNull,
      strict_min: c.bool,
      strict_max: c.bool,
    },
    [oneBoundAtLeast, minNotAboveMax],
  ),
  expect_column_values_to_match_strftime_format: map({ strftime_format: c.str }, [
    "strftime_format",
  ]),
  expect_column_mean_to_be_between: aggregate(),
  expect_column_min_to_be_between: aggregate(),
  expect_column_max_to_be_between: aggregate(),
  expect_column_sum_to_be_between: aggregate(),
  expect_column_median_to_be_between: aggregate(),
  expect_column_stdev_to_be_between: aggregate(),
  expect_column_unique_value_count_to_be_between: aggregate(),
  expect_column_proportion_of_unique_values_to_be_between: aggregate(),
  expect_compound_columns_to_be_unique: spec(
    "multicolumn_map",
    ["column_list"],
    {
      column_list: c.strList,
      ignore_row_if: c.oneOf("all_values_are_missing", "any_value_is_missing", "never"),
    },
    [atLeastTwoColumns],
  ),
  expect_column_pair_values_a_to_be_greater_than_b: spec(
    "column_pair_map",
    ["column_A", "column_B"],
    {
      column_A: c.str,
      column_B: c.str,
      or_equal: c.boolOrNull,
      ignore_row_if: c.oneOf("both_values_are_missing", "either_value_is_missing", "neither"),
    },
  ),
  expect_column_max_to_be_within: spec("column_aggregate", ["column", "max_age"], {
    ...column,
    max_age: c.duration,
  }),
} as const satisfies Record<ExpectationType, ExpectationSpec>;

/**
 * The names of every expectation type this library runs.
 *
 * @example
 * ```ts
 * EXPECTATION_TYPES.includes("expect_column_values_to_be_unique"); // true
 * ```
 */
export const EXPECTATION_TYPES = Object.keys(CATALOG) as ExpectationType[];

/** True for a known expectation type. */
export function isExpectationType(name: string): name is ExpectationType {
  return Object.hasOwn(CATALOG, name);
}

/** GE kwargs this library knows but does not run yet: refused by name rather than ignored. */
export const UNSUPPORTED_KWARGS: Readonly<Record<string, string>> = {
  row_condition: "row_condition is not supported yet: filter the DataFrame before validating",
  condition_parser: "condition_parser is not supported yet (it goes with row_condition)",
};
