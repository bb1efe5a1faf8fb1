/**
 * The metrics a validation leaves behind, for history and anomaly checks (what deequ's
 * metrics repository offers in Scala): the row count, each column's null fraction, and every
 * numeric observed value (a mean, a max...), taken from the GE-shaped result itself, so
 * recording them costs no extra scan.
 */
import type { SuiteValidationResult } from "../results.js";

export interface MetricValue {
  /** `row_count`, `null_fraction`, or the expectation type an observed value came from. */
  readonly metric: string;
  /** The column, or "" for table metrics. */
  readonly column: string;
  readonly value: number;
}

const columnOf = (kwargs: Readonly<Record<string, unknown>>): string =>
  typeof kwargs.column === "string" ? kwargs.column : "";

/** The metrics in a validation result (duplicates keep the first value). */
export function metricsOf(result: SuiteValidationResult): MetricValue[] {
  const out = new Map<string, MetricValue>();
  const put = (metric: string, column: string, value: number) => {
    const key = `${metric}\u0000${column}`;
    if (Number.isFinite(value) && !out.has(key)) out.set(key, { metric, column, value });
  };
  for (const r of result.results) {
    if (r.exception_info.raised_exception) continue;
    const kwargs = r.expectation_config.kwargs as Readonly<Record<string, unknown>>;
    const column = columnOf(kwargs);
    const body = r.result;
    const type = r.expectation_config.type;
    if (type === "expect_table_row_count_to_be_between" && typeof body.observed_value === "number")
      put("row_count", "", body.observed_value);
    if (typeof body.element_count === "number") {
      put("row_count", "", body.element_count);
      const nulls =
        type === "expect_column_values_to_not_be_null" ? body.unexpected_count : body.missing_count;
      if (column !== "" && typeof nulls === "number")
        put("null_fraction", column, body.element_count === 0 ? 0 : nulls / body.element_count);
    }
    if (typeof body.observed_value === "number" && type !== "expect_table_row_count_to_be_between")
      put(type.replace(/^expect_column_/, "").replace(/_to_.*$/, ""), column, body.observed_value);
  }
  return [...out.values()];
}
