/**
 * Validation results for the report tests: a realistic nightly run of an orders suite
 * (row-level and aggregate checks, failures with unexpected values and sample rows, one
 * expectation that could not be computed, a run history) and a hostile one whose every
 * string tries to break out of the HTML.
 */
import type {
  ExpectationResultLike,
  FailingRowSamples,
  ValidationResultLike,
  ValidationRunSummary,
} from "../../src/quality/report/index.js";

const ok = { raised_exception: false, exception_message: null, exception_traceback: null };

function rowLevel(
  type: string,
  kwargs: Record<string, unknown>,
  unexpected: number,
  values: unknown[] = [],
  total = 48_210,
): ExpectationResultLike {
  const counts = new Map<string, { value: unknown; count: number }>();
  for (const v of values) {
    const key = JSON.stringify(v);
    const c = counts.get(key);
    if (c === undefined) counts.set(key, { value: v, count: 1 });
    else c.count += 1;
  }
  const mostly = typeof kwargs.mostly === "number" ? kwargs.mostly : 1;
  return {
    success: (total - unexpected) / total >= mostly,
    expectation_config: { type, kwargs, meta: {} },
    result: {
      element_count: total,
      unexpected_count: unexpected,
      unexpected_percent: (unexpected / total) * 100,
      missing_count: 0,
      missing_percent: 0,
      partial_unexpected_list: values,
      partial_unexpected_counts: [...counts.values()].sort((a, b) => b.count - a.count),
    },
    exception_info: ok,
  };
}

function aggregate(
  type: string,
  kwargs: Record<string, unknown>,
  observed: unknown,
  success: boolean,
): ExpectationResultLike {
  return {
    success,
    expectation_config: { type, kwargs, meta: {} },
    result: { observed_value: observed },
    exception_info: ok,
  };
}

const badStatus = ["refunded", "REFUNDED", "cancelled ", "refunded", "lost", "refunded", ""];

/** Twelve expectations, four failing (one of them not computed). */
export function ordersResult(): ValidationResultLike {
  const results: ExpectationResultLike[] = [
    aggregate(
      "expect_table_row_count_to_be_between",
      { min_value: 10_000, max_value: 100_000 },
      48_210,
      true,
    ),
    aggregate(
      "expect_table_columns_to_match_ordered_list",
      { column_list: ["order_id", "customer_id", "status", "amount", "currency", "created_at"] },
      ["order_id", "customer_id", "status", "amount", "currency", "created_at"],
      true,
    ),
    rowLevel("expect_column_values_to_not_be_null", { column: "order_id" }, 0),
    rowLevel("expect_column_values_to_be_unique", { column: "order_id" }, 0),
    rowLevel(
      "expect_column_values_to_be_in_set",
      {
        column: "status",
        value_set: ["new", "paid", "shipped", "delivered", "returned"],
        mostly: 0.99,
      },
      1_184,
      badStatus,
    ),
    rowLevel(
      "expect_column_values_to_be_between",
      { column: "amount", min_value: 0, max_value: 25_000, strict_min: true },
      37,
      [-12.5, 0, -1, 31_999.99, 0, -4.2],
    ),
    rowLevel(
      "expect_column_values_to_match_regex",
      { column: "currency", regex: "^[A-Z]{3}$" },
      12,
      ["usd", "eur", "US$"],
    ),
    rowLevel(
      "expect_column_values_to_match_strftime_format",
      { column: "created_at", strftime_format: "%Y-%m-%dT%H:%M:%S" },
      0,
    ),
    aggregate(
      "expect_column_mean_to_be_between",
      { column: "amount", min_value: 20, max_value: 200 },
      84.3127,
      true,
    ),
    aggregate(
      "expect_column_unique_value_count_to_be_between",
      { column: "customer_id", min_value: 1_000 },
      12_077,
      true,
    ),
    rowLevel(
      "expect_column_pair_values_a_to_be_greater_than_b",
      { column_A: "shipped_at", column_B: "created_at", or_equal: true },
      0,
    ),
    {
      success: false,
      expectation_config: {
        type: "expect_column_median_to_be_between",
        kwargs: { column: "discount", min_value: 0, max_value: 0.3 },
        meta: { notes: "Discounts above 30% need approval." },
      },
      result: {},
      exception_info: {
        raised_exception: true,
        exception_message: 'Binder Error: Referenced column "discount" not found in FROM clause!',
        exception_traceback:
          "Error: Binder Error ...\n    at DuckDBConnection.run (connection.ts:88:11)",
      },
    },
  ];
  const failed = results.filter((r) => !r.success).length;
  return {
    success: false,
    suite_name: "orders.nightly",
    statistics: {
      evaluated_expectations: results.length,
      successful_expectations: results.length - failed,
      unsuccessful_expectations: failed,
      success_percent: ((results.length - failed) / results.length) * 100,
    },
    results,
    meta: {
      run_id: "2024-06-14T02:00:00Z-orders",
      validation_time: "2024-06-14T02:00:03.412Z",
      data_asset: "lake/orders (delta, version 812)",
      engine: "duckdb",
      scans: 2,
    },
  };
}

/** Failing rows for the set and range expectations (indexes 4 and 5). */
export function ordersSamples(): FailingRowSamples {
  const row = (i: number, status: string, amount: number) => ({
    order_id: 880_100 + i,
    customer_id: `C-${(4_000 + i * 37).toString()}`,
    status,
    amount,
    currency: "USD",
    created_at: `2024-06-13T${String(10 + i).padStart(2, "0")}:14:09Z`,
    note: i === 2 ? null : "web",
  });
  return {
    4: badStatus.map((s, i) => row(i, s, 19.99 + i)),
    5: [row(7, "paid", -12.5), row(8, "paid", 0), row(9, "paid", 31_999.99)],
  };
}

/** Fourteen nightly runs before this one. */
export function ordersHistory(): ValidationRunSummary[] {
  const pct = [100, 100, 91.67, 100, 100, 100, 83.33, 91.67, 100, 100, 100, 91.67, 100, 91.67];
  return pct.map((p, i) => {
    const day = String(i + 1).padStart(2, "0");
    return {
      run_id: `2024-05-${day}T02:00:00Z-orders`,
      validation_time: `2024-05-${day}T02:00:02.100Z`,
      success: p === 100,
      success_percent: p,
      evaluated: 12,
      unsuccessful: Math.round(12 - (p * 12) / 100),
      metrics: { rows: 45_000 + i * 230, seconds: 3.1 + (i % 4) * 0.4 },
    };
  });
}

/** The string every hostile field carries. */
export const HOSTILE = `<script>alert("x")</script>"'&<>`;

/** A result whose suite, columns, values, kwargs, meta and messages are all hostile. */
export function hostileResult(): ValidationResultLike {
  return {
    success: false,
    suite_name: `suite ${HOSTILE}`,
    statistics: {
      evaluated_expectations: 1,
      successful_expectations: 0,
      unsuccessful_expectations: 1,
      success_percent: 0,
    },
    results: [
      {
        success: false,
        expectation_config: {
          type: `expect_column_values_to_be_in_set`,
          kwargs: {
            column: `col ${HOSTILE}`,
            value_set: [HOSTILE, `<img src=x onerror=alert(1)>`],
          },
          meta: { notes: `note ${HOSTILE}` },
          description: `description ${HOSTILE}`,
        },
        result: {
          element_count: 3,
          unexpected_count: 2,
          unexpected_percent: 66.7,
          partial_unexpected_list: [HOSTILE, `</td></tr></table>${HOSTILE}`],
          partial_unexpected_counts: [
            { value: HOSTILE, count: 1 },
            { value: `</td></tr></table>${HOSTILE}`, count: 1 },
          ],
          observed_value: { [HOSTILE]: HOSTILE },
        },
        exception_info: {
          raised_exception: false,
          exception_message: `message ${HOSTILE}`,
          exception_traceback: `trace ${HOSTILE}`,
        },
      },
    ],
    meta: {
      run_id: `run ${HOSTILE}`,
      data_asset: `asset ${HOSTILE}`,
      engine: HOSTILE,
      validation_time: HOSTILE,
    },
  };
}
