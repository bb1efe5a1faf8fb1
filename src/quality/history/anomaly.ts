/**
 * Anomaly checks against a metrics history (deequ's idea, here for every engine): a batch's
 * row count within a tolerance of the mean of the last runs, a column's null fraction not
 * more than some multiple of its recent mean. Results come back in the GE result shape and
 * can be merged into the validation result (`withAnomalies`).
 *
 * @example
 * ```ts
 * const anomalies = await checkAnomalies(result, repo, "orders", [
 *   rowCountWithinHistory({ window: 7, tolerance: 0.2 }),
 *   nullFractionNotIncreased("amount", { window: 7, maxRatio: 2 }),
 * ]);
 * const full = withAnomalies(result, anomalies);
 * ```
 */
import {
  type ExpectationValidationResult,
  exceptionInfo,
  NO_EXCEPTION,
  type SuiteValidationResult,
} from "../results.js";
import { metricsOf } from "./metrics.js";
import type { MetricsRepository } from "./repository.js";

export interface AnomalyCheck {
  readonly type: string;
  readonly metric: string;
  readonly column: string;
  readonly window: number;
  readonly kwargs: Readonly<Record<string, number | string>>;
  /** Whether `current` is normal given the history's mean. */
  readonly normal: (current: number, mean: number) => boolean;
}

/** The batch's row count within `tolerance` (a fraction) of the mean of the last `window` runs. */
export function rowCountWithinHistory(
  options: { window?: number; tolerance?: number } = {},
): AnomalyCheck {
  const window = options.window ?? 7;
  const tolerance = options.tolerance ?? 0.2;
  return {
    type: "expect_table_row_count_to_be_within_history",
    metric: "row_count",
    column: "",
    window,
    kwargs: { window, tolerance },
    normal: (current, mean) => Math.abs(current - mean) <= tolerance * mean,
  };
}

/** A column's null fraction at most `maxRatio` times its mean over the last `window` runs. */
export function nullFractionNotIncreased(
  column: string,
  options: { window?: number; maxRatio?: number } = {},
): AnomalyCheck {
  const window = options.window ?? 7;
  const maxRatio = options.maxRatio ?? 2;
  return {
    type: "expect_column_null_fraction_not_to_increase",
    metric: "null_fraction",
    column,
    window,
    kwargs: { column, window, max_ratio: maxRatio },
    normal: (current, mean) => current <= maxRatio * mean || current === 0,
  };
}

/** Runs the checks against the history (before this batch is appended to it). */
export async function checkAnomalies(
  result: SuiteValidationResult,
  repository: MetricsRepository,
  dataset: string,
  checks: readonly AnomalyCheck[],
): Promise<ExpectationValidationResult[]> {
  const current = metricsOf(result);
  const out: ExpectationValidationResult[] = [];
  for (const check of checks) {
    const expectation_config = {
      type: check.type,
      kwargs: check.kwargs,
      meta: {},
    } as unknown as ExpectationValidationResult["expectation_config"];
    const now = current.find((m) => m.metric === check.metric && m.column === check.column);
    if (now === undefined) {
      out.push({
        success: false,
        expectation_config,
        result: {},
        meta: {},
        exception_info: exceptionInfo(
          new Error(
            `The suite measured no ${check.metric}${check.column === "" ? "" : ` of ${check.column}`}: add ${check.metric === "row_count" ? "expect_table_row_count_to_be_between or a column expectation" : `expect_column_values_to_not_be_null for ${check.column}`} to the suite.`,
          ),
        ),
      });
      continue;
    }
    const history = await repository.values(check.metric, check.column, {
      dataset,
      last: check.window,
    });
    // With no history yet there is nothing to compare with: the first batches pass.
    const mean =
      history.length === 0 ? now.value : history.reduce((a, b) => a + b, 0) / history.length;
    out.push({
      success: history.length === 0 || check.normal(now.value, mean),
      expectation_config,
      result: {
        observed_value: now.value,
        details: { history_mean: mean, history_runs: history.length },
      },
      meta: {},
      exception_info: NO_EXCEPTION,
    });
  }
  return out;
}

/** The validation result with anomaly results appended and the statistics recomputed. */
export function withAnomalies(
  result: SuiteValidationResult,
  anomalies: readonly ExpectationValidationResult[],
): SuiteValidationResult {
  const results = [...result.results, ...anomalies];
  const successful = results.filter((r) => r.success).length;
  return {
    ...result,
    success: results.every((r) => r.success),
    results,
    statistics: {
      evaluated_expectations: results.length,
      successful_expectations: successful,
      unsuccessful_expectations: results.length - successful,
      success_percent: results.length === 0 ? null : (successful / results.length) * 100,
    },
  };
}
