/**
 * `ExpectationSuite`: a named, immutable list of checked expectations. Every builder method
 * returns a new suite, like DataFrame transformations; each checks its kwargs at once, so a
 * wrong suite fails where it is written. `toJSON()` writes GE 1.x's suite JSON, which
 * `loadSuite` (suite-json.ts) and Great Expectations both read.
 *
 * @example
 * ```ts
 * import { suite } from "tributary-etl";
 * const orders = suite("orders")
 *   .expectColumnValuesToNotBeNull("id")
 *   .expectColumnValuesToBeUnique("id")
 *   .expectColumnValuesToBeBetween("amount", { min_value: 0, mostly: 0.99 })
 *   .expectColumnMaxToBeWithin("updated_at", { minutes: 30 });
 * ```
 */
import { makeExpectation } from "./config.js";
import type {
  Duration,
  ExpectationConfig,
  ExpectationKwargs,
  ExpectationType,
  Meta,
  SetValue,
} from "./kwargs.js";

/** The kwargs of `T` left after the positional ones, plus the expectation's `meta`. */
type Rest<T extends ExpectationType, K extends PropertyKey = never> = Omit<
  ExpectationKwargs[T],
  K
> & { readonly meta?: Meta };

/** Aggregate and table bounds. */
type Between<T extends ExpectationType> = Rest<T, "column">;

/**
 * A named suite of expectations (GE's `ExpectationSuite`), immutable: builder methods return
 * a new suite.
 *
 * @example
 * ```ts
 * const s = new ExpectationSuite("orders").expectColumnValuesToBeUnique("id");
 * s.expectations[0]; // { type: "expect_column_values_to_be_unique", kwargs: { column: "id" }, meta: {} }
 * ```
 */
export class ExpectationSuite {
  readonly name: string;
  readonly expectations: readonly ExpectationConfig[];
  readonly meta: Meta;

  constructor(name: string, expectations: readonly ExpectationConfig[] = [], meta: Meta = {}) {
    this.name = name;
    this.expectations = Object.freeze([...expectations]);
    this.meta = Object.freeze({ ...meta });
    Object.freeze(this);
  }

  /**
   * Adds any expectation by its GE name; the typed methods below are shorthands.
   *
   * @example
   * ```ts
   * s.expect("expect_column_values_to_be_in_set", { column: "status", value_set: ["new"] });
   * ```
   */
  expect<T extends ExpectationType>(
    type: T,
    kwargs: ExpectationKwargs[T],
    meta: Meta = {},
  ): ExpectationSuite {
    const next = makeExpectation(type, kwargs, meta, this.expectations.length);
    return new ExpectationSuite(this.name, [...this.expectations, next], this.meta);
  }

  private add<T extends ExpectationType>(
    type: T,
    positional: Readonly<Record<string, unknown>>,
    rest: { readonly meta?: Meta } | undefined,
  ): ExpectationSuite {
    const { meta, ...kwargs } = rest ?? {};
    return this.expect(type, { ...positional, ...kwargs } as ExpectationKwargs[T], meta ?? {});
  }

  // Table and schema
  expectTableRowCountToBeBetween(kw: Rest<"expect_table_row_count_to_be_between">) {
    return this.add("expect_table_row_count_to_be_between", {}, kw);
  }
  expectTableColumnsToMatchOrderedList(
    columnList: readonly string[],
    kw?: Rest<"expect_table_columns_to_match_ordered_list", "column_list">,
  ) {
    return this.add("expect_table_columns_to_match_ordered_list", { column_list: columnList }, kw);
  }
  expectTableColumnsToMatchSet(
    columnSet: readonly string[],
    kw?: Rest<"expect_table_columns_to_match_set", "column_set">,
  ) {
    return this.add("expect_table_columns_to_match_set", { column_set: columnSet }, kw);
  }
  expectColumnToExist(column: string, kw?: Rest<"expect_column_to_exist", "column">) {
    return this.add("expect_column_to_exist", { column }, kw);
  }

  // Column values (row level; nulls are left out except by the null checks)
  expectColumnValuesToNotBeNull(
    column: string,
    kw?: Rest<"expect_column_values_to_not_be_null", "column">,
  ) {
    return this.add("expect_column_values_to_not_be_null", { column }, kw);
  }
  expectColumnValuesToBeNull(
    column: string,
    kw?: Rest<"expect_column_values_to_be_null", "column">,
  ) {
    return this.add("expect_column_values_to_be_null", { column }, kw);
  }
  expectColumnValuesToBeUnique(
    column: string,
    kw?: Rest<"expect_column_values_to_be_unique", "column">,
  ) {
    return this.add("expect_column_values_to_be_unique", { column }, kw);
  }
  expectColumnValuesToBeBetween(column: string, kw: Between<"expect_column_values_to_be_between">) {
    return this.add("expect_column_values_to_be_between", { column }, kw);
  }
  expectColumnValuesToBeInSet(
    column: string,
    valueSet: readonly SetValue[],
    kw?: Rest<"expect_column_values_to_be_in_set", "column" | "value_set">,
  ) {
    return this.add("expect_column_values_to_be_in_set", { column, value_set: valueSet }, kw);
  }
  expectColumnValuesToNotBeInSet(
    column: string,
    valueSet: readonly SetValue[],
    kw?: Rest<"expect_column_values_to_not_be_in_set", "column" | "value_set">,
  ) {
    return this.add("expect_column_values_to_not_be_in_set", { column, value_set: valueSet }, kw);
  }
  /** The regex matches anywhere in the value unless anchored (`^...$`), as in GE. */
  expectColumnValuesToMatchRegex(
    column: string,
    regex: string,
    kw?: Rest<"expect_column_values_to_match_regex", "column" | "regex">,
  ) {
    return this.add("expect_column_values_to_match_regex", { column, regex }, kw);
  }
  expectColumnValuesToNotMatchRegex(
    column: string,
    regex: string,
    kw?: Rest<"expect_column_values_to_not_match_regex", "column" | "regex">,
  ) {
    return this.add("expect_column_values_to_not_match_regex", { column, regex }, kw);
  }
  /** `type_`: a Spark type class name (`"IntegerType"`, `"StringType"`, `"NumericType"`...). */
  expectColumnValuesToBeOfType(
    column: string,
    type: string,
    kw?: Rest<"expect_column_values_to_be_of_type", "column" | "type_">,
  ) {
    return this.add("expect_column_values_to_be_of_type", { column, type_: type }, kw);
  }
  expectColumnValueLengthsToBeBetween(
    column: string,
    kw: Between<"expect_column_value_lengths_to_be_between">,
  ) {
    return this.add("expect_column_value_lengths_to_be_between", { column }, kw);
  }
  /** `format` is Python's strftime (`"%Y-%m-%d %H:%M:%S"`), matched as `datetime.strptime` does. */
  expectColumnValuesToMatchStrftimeFormat(
    column: string,
    format: string,
    kw?: Rest<"expect_column_values_to_match_strftime_format", "column" | "strftime_format">,
  ) {
    return this.add(
      "expect_column_values_to_match_strftime_format",
      { column, strftime_format: format },
      kw,
    );
  }

  // Column aggregates: `observed_value` between the bounds
  expectColumnMeanToBeBetween(column: string, kw: Between<"expect_column_mean_to_be_between">) {
    return this.add("expect_column_mean_to_be_between", { column }, kw);
  }
  expectColumnMinToBeBetween(column: string, kw: Between<"expect_column_min_to_be_between">) {
    return this.add("expect_column_min_to_be_between", { column }, kw);
  }
  expectColumnMaxToBeBetween(column: string, kw: Between<"expect_column_max_to_be_between">) {
    return this.add("expect_column_max_to_be_between", { column }, kw);
  }
  expectColumnSumToBeBetween(column: string, kw: Between<"expect_column_sum_to_be_between">) {
    return this.add("expect_column_sum_to_be_between", { column }, kw);
  }
  expectColumnMedianToBeBetween(column: string, kw: Between<"expect_column_median_to_be_between">) {
    return this.add("expect_column_median_to_be_between", { column }, kw);
  }
  /** The sample standard deviation (n - 1), as pandas' `std()`. */
  expectColumnStdevToBeBetween(column: string, kw: Between<"expect_column_stdev_to_be_between">) {
    return this.add("expect_column_stdev_to_be_between", { column }, kw);
  }
  expectColumnUniqueValueCountToBeBetween(
    column: string,
    kw: Between<"expect_column_unique_value_count_to_be_between">,
  ) {
    return this.add("expect_column_unique_value_count_to_be_between", { column }, kw);
  }
  expectColumnProportionOfUniqueValuesToBeBetween(
    column: string,
    kw: Between<"expect_column_proportion_of_unique_values_to_be_between">,
  ) {
    return this.add("expect_column_proportion_of_unique_values_to_be_between", { column }, kw);
  }

  // Several columns
  expectCompoundColumnsToBeUnique(
    columnList: readonly string[],
    kw?: Rest<"expect_compound_columns_to_be_unique", "column_list">,
  ) {
    return this.add("expect_compound_columns_to_be_unique", { column_list: columnList }, kw);
  }
  expectColumnPairValuesAToBeGreaterThanB(
    columnA: string,
    columnB: string,
    kw?: Rest<"expect_column_pair_values_a_to_be_greater_than_b", "column_A" | "column_B">,
  ) {
    const positional = { column_A: columnA, column_B: columnB };
    return this.add("expect_column_pair_values_a_to_be_greater_than_b", positional, kw);
  }

  // Freshness (ours)
  /** The column's latest instant is at most `maxAge` old, compared to now in UTC. */
  expectColumnMaxToBeWithin(
    column: string,
    maxAge: Duration,
    kw?: Rest<"expect_column_max_to_be_within", "column" | "max_age">,
  ) {
    return this.add("expect_column_max_to_be_within", { column, max_age: maxAge }, kw);
  }

  /** GE 1.x's suite JSON. */
  toJSON(): { name: string; expectations: ExpectationConfig[]; meta: Meta } {
    return { name: this.name, expectations: [...this.expectations], meta: this.meta };
  }
}

/**
 * Starts a suite.
 *
 * @example
 * ```ts
 * const s = suite("orders").expectColumnValuesToNotBeNull("id");
 * ```
 */
export function suite(name: string, meta: Meta = {}): ExpectationSuite {
  return new ExpectationSuite(name, [], meta);
}
