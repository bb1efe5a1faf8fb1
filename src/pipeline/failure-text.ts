/**
 * One line per failed expectation saying why, for the run summary and the log: its type and
 * column, then the reason it could not be computed, or what was observed against what was
 * expected (for history checks, the history's mean).
 */
import type { ExpectationValidationResult } from "../quality/results.js";

function label(r: ExpectationValidationResult): string {
  const kwargs = r.expectation_config.kwargs;
  const column = "column" in kwargs ? kwargs.column : undefined;
  return typeof column === "string" && column !== ""
    ? `${r.expectation_config.type}(${column})`
    : r.expectation_config.type;
}

function observed(r: ExpectationValidationResult): string | undefined {
  const body = r.result;
  if (body.unexpected_count !== undefined && body.unexpected_count > 0)
    return `${body.unexpected_count} unexpected of ${body.element_count ?? "?"} rows`;
  if (body.observed_value === undefined) return undefined;
  const details = body.details;
  const mean = details?.history_mean;
  const runs = details?.history_runs;
  const history =
    typeof mean === "number" ? `, history mean ${mean} over ${String(runs)} runs` : "";
  return `observed ${JSON.stringify(body.observed_value)}${history}`;
}

/**
 * Why `r` failed, in one line.
 *
 * @example
 * ```ts
 * failureText(result); // "expect_column_null_fraction_not_to_increase(amount): observed 0.5, history mean 0.1 over 3 runs"
 * ```
 */
export function failureText(r: ExpectationValidationResult): string {
  if (r.exception_info.raised_exception)
    return `${label(r)}: ${r.exception_info.exception_message ?? "could not be computed"}`;
  const why = observed(r);
  return why === undefined ? label(r) : `${label(r)}: ${why}`;
}
