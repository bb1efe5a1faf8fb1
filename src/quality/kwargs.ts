/**
 * The kwargs of every expectation, with Great Expectations' names, as TypeScript types. The
 * runtime checks of the same kwargs live in `catalog.ts`; `ExpectationType` is the closed
 * list of expectation names that both, and the compilers, are keyed by.
 */
import type { ResultFormatInput } from "./result-format.js";

/** A bound: a number, or text for dates, timestamps (ISO 8601) and strings. */
export type Bound = number | string;

/** A value of a `value_set`. */
export type SetValue = string | number | boolean;

/** A freshness window: `{ "minutes": 30 }` (Python's timedelta names) or `"30m"`. */
export type Duration =
  | string
  | {
      readonly weeks?: number;
      readonly days?: number;
      readonly hours?: number;
      readonly minutes?: number;
      readonly seconds?: number;
      readonly milliseconds?: number;
    };

/** Kwargs every expectation takes. */
export interface CommonKwargs {
  /** How much detail the result carries; overrides the validation's own `result_format`. */
  readonly result_format?: ResultFormatInput;
  /** `false` makes an exception while computing this expectation fail the whole validation. */
  readonly catch_exceptions?: boolean;
  /** Great Expectations writes the batch id into stored kwargs; accepted and ignored. */
  readonly batch_id?: string;
}

/** The fraction of considered rows (0..1) that must pass a row-level expectation. */
export interface MostlyKwargs {
  readonly mostly?: number;
}

/** `min_value` / `max_value` (inclusive unless `strict_*`); either may be left out. */
export interface BetweenKwargs<B = Bound> {
  readonly min_value?: B | null;
  readonly max_value?: B | null;
  readonly strict_min?: boolean;
  readonly strict_max?: boolean;
}

export interface Col {
  readonly column: string;
}

type ColumnMap<K = object> = CommonKwargs & Col & MostlyKwargs & K;
/** The kwargs of a column statistic checked against bounds. */
export type ColumnAggregate = CommonKwargs & Col & BetweenKwargs;

/** The kwargs of each expectation type, keyed by its Great Expectations name. */
export interface ExpectationKwargs {
  expect_table_row_count_to_be_between: CommonKwargs & BetweenKwargs<number>;
  expect_table_columns_to_match_ordered_list: CommonKwargs & {
    readonly column_list: readonly string[];
  };
  expect_table_columns_to_match_set: CommonKwargs & {
    readonly column_set: readonly string[];
    readonly exact_match?: boolean | null;
  };
  expect_column_to_exist: CommonKwargs & Col & { readonly column_index?: number | null };
  expect_column_values_to_not_be_null: ColumnMap;
  expect_column_values_to_be_null: ColumnMap;
  expect_column_values_to_be_unique: ColumnMap;
  expect_column_values_to_be_between: ColumnMap<BetweenKwargs>;
  expect_column_values_to_be_in_set: ColumnMap<{ readonly value_set: readonly SetValue[] | null }>;
  expect_column_values_to_not_be_in_set: ColumnMap<{
    readonly value_set: readonly SetValue[] | null;
  }>;
  expect_column_values_to_match_regex: ColumnMap<{ readonly regex: string }>;
  expect_column_values_to_not_match_regex: ColumnMap<{ readonly regex: string }>;
  expect_column_values_to_be_of_type: ColumnMap<{ readonly type_: string }>;
  expect_column_value_lengths_to_be_between: ColumnMap<BetweenKwargs<number>>;
  expect_column_values_to_match_strftime_format: ColumnMap<{ readonly strftime_format: string }>;
  expect_column_mean_to_be_between: ColumnAggregate;
  expect_column_min_to_be_between: ColumnAggregate;
  expect_column_max_to_be_between: ColumnAggregate;
  expect_column_sum_to_be_between: ColumnAggregate;
  expect_column_median_to_be_between: ColumnAggregate;
  expect_column_stdev_to_be_between: ColumnAggregate;
  expect_column_unique_value_count_to_be_between: ColumnAggregate;
  expect_column_proportion_of_unique_values_to_be_between: ColumnAggregate;
  expect_compound_columns_to_be_unique: CommonKwargs &
    MostlyKwargs & {
      readonly column_list: readonly string[];
      readonly ignore_row_if?: "all_values_are_missing" | "any_value_is_missing" | "never";
    };
  expect_column_pair_values_a_to_be_greater_than_b: CommonKwargs &
    MostlyKwargs & {
      readonly column_A: string;
      readonly column_B: string;
      readonly or_equal?: boolean | null;
      readonly ignore_row_if?: "both_values_are_missing" | "either_value_is_missing" | "neither";
    };
  /** Ours (not in GE): the column's latest instant is at most `max_age` before now (UTC). */
  expect_column_max_to_be_within: CommonKwargs & Col & { readonly max_age: Duration };
}

/** Every expectation type this library runs. */
export type ExpectationType = keyof ExpectationKwargs;

/** Free-form metadata kept with an expectation and echoed in its result. */
export type Meta = Readonly<Record<string, unknown>>;

/** One expectation of a suite: GE's `ExpectationConfiguration` (`type`, `kwargs`, `meta`). */
export interface ExpectationConfigOf<T extends ExpectationType> {
  readonly type: T;
  readonly kwargs: ExpectationKwargs[T];
  readonly meta: Meta;
}

/** Any expectation, discriminated by `type`. */
export type ExpectationConfig = { [T in ExpectationType]: ExpectationConfigOf<T> }[ExpectationType];
