/**
 * Table and column statistics checked against bounds (GE's `ColumnAggregateExpectation`):
 * each is one aggregate in the shared first pass, then `isBetween` on the observed value.
 * Statistics follow pandas, GE's reference engine: nulls are skipped, the standard
 * deviation is the sample one (n - 1), the median of an even count averages the middle
 * two, and the sum of no values is 0 (where SQL says null).
 */
import type { Column } from "../../column/column.js";
import * as F from "../../column/functions/index.js";
import { IllegalArgumentError } from "../../errors.js";
import { isNumeric, type StructField } from "../../types/data-types.js";
import { isBetween, type Ordering } from "../between.js";
import { toJsonValue, toNumber } from "../json-value.js";
import type { ColumnAggregate, ExpectationKwargs } from "../kwargs.js";
import { column } from "./columns.js";
import type { CompileContext, Compiled, Compiler, Metrics } from "./plan.js";

type K = ExpectationKwargs;

/** The ordering of a column's values, or undefined when they have none we compare. */
export function orderingOf(field: StructField): Ordering | undefined {
  const t = field.dataType.typeName;
  if (isNumeric(field.dataType)) return "number";
  if (t === "string") return "string";
  if (t === "date" || t === "timestamp" || t === "timestamp_ntz") return "instant";
  return undefined;
}

function numericOnly(field: StructField, what: string): void {
  if (!isNumeric(field.dataType)) {
    throw new IllegalArgumentError(
      `The ${what} of column "${field.name}" cannot be computed: its type ${field.dataType.simpleString()} is not numeric.`,
    );
  }
}

/** An observed value as `isBetween` compares it. */
function observed(value: unknown, ordering: Ordering): number | string | Date | null {
  if (value === null || value === undefined) return null;
  if (ordering === "number") return toNumber(value);
  if (value instanceof Date || typeof value === "string") return value;
  return String(value);
}

/** One statistic of the first pass, checked against the kwargs' bounds. */
export function statistic(
  ctx: CompileContext,
  kw: ColumnAggregate | K["expect_table_row_count_to_be_between"],
  aggregates: Readonly<Record<string, Column>>,
  value: (m: Metrics) => unknown,
  ordering: Ordering,
): Compiled {
  return {
    readsData: true,
    derived: {},
    aggregates,
    rows: undefined,
    samplesWanted: () => 0,
    finish(m) {
      const raw = value(m);
      const success = isBetween(observed(raw, ordering), ordering, kw);
      const result =
        ctx.format.level === "BOOLEAN_ONLY" ? {} : { observed_value: toJsonValue(raw) };
      return { success, result };
    },
  };
}

type Stat = (col: Column) => Column;

/** A one-aggregate statistic of a column; `numeric` refuses other types, as pandas does. */
function columnStat(agg: Stat, what: string, numeric: boolean, orZero = false) {
  return (kw: ColumnAggregate, ctx: CompileContext): Compiled => {
    const { field, col } = column(ctx.schema, kw.column);
    if (numeric) numericOnly(field, what);
    const ordering = orderingOf(field);
    if (ordering === undefined) {
      throw new IllegalArgumentError(
        `The ${what} of a ${field.dataType.simpleString()} column cannot be checked against bounds.`,
      );
    }
    const key = ctx.name(what);
    const read = (m: Metrics) => {
      const v = m.value(key);
      return orZero && (v === null || v === undefined) ? 0 : v;
    };
    return statistic(ctx, kw, { [key]: agg(col) }, read, ordering);
  };
}

export const aggregateCompilers = {
  expect_table_row_count_to_be_between: (kw, ctx) =>
    statistic(ctx, kw, {}, (m) => m.rowCount, "number"),
  expect_column_mean_to_be_between: columnStat(F.avg, "mean", true),
  expect_column_min_to_be_between: columnStat(F.min, "min", false),
  expect_column_max_to_be_between: columnStat(F.max, "max", false),
  expect_column_sum_to_be_between: columnStat(F.sum, "sum", true, true),
  expect_column_median_to_be_between: columnStat(F.median, "median", true),
  expect_column_stdev_to_be_between: columnStat(F.stddev_samp, "stdev", true),
  expect_column_unique_value_count_to_be_between: (kw, ctx) => {
    const { field, col } = column(ctx.schema, kw.column);
    const key = ctx.name("distinct");
    return {
      ...statistic(ctx, kw, { [key]: F.count_distinct(col) }, (m) => m.count(key), "number"),
      valueCounts: { [key]: { column: field.name, where: col.isNotNull(), distinct: true } },
    };
  },
  expect_column_proportion_of_unique_values_to_be_between: (kw, ctx) => {
    const { field, col } = column(ctx.schema, kw.column);
    const distinct = ctx.name("distinct");
    const nonnull = ctx.name("nonnull");
    const aggs = { [distinct]: F.count_distinct(col), [nonnull]: F.count(col) };
    // GE: distinct non-null values over non-null values, 0 when there are none.
    const read = (m: Metrics) => {
      const n = m.count(nonnull);
      return n > 0 ? m.count(distinct) / n : 0;
    };
    return {
      ...statistic(ctx, kw, aggs, read, "number"),
      valueCounts: {
        [distinct]: { column: field.name, where: col.isNotNull(), distinct: true },
        [nonnull]: { column: field.name, where: col.isNotNull() },
      },
    };
  },
} satisfies {
  [T in
    | "expect_table_row_count_to_be_between"
    | "expect_column_mean_to_be_between"
    | "expect_column_min_to_be_between"
    | "expect_column_max_to_be_between"
    | "expect_column_sum_to_be_between"
    | "expect_column_median_to_be_between"
    | "expect_column_stdev_to_be_between"
    | "expect_column_unique_value_count_to_be_between"
    | "expect_column_proportion_of_unique_values_to_be_between"]: Compiler<T>;
};
