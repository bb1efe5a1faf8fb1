/**
 * The data-quality report: a validation result (Great Expectations 1.x's JSON shape, as
 * `validate()` returns it) as one self-contained HTML page.
 *
 * Contract: the page makes no network request (inline CSS and SVG, no script, a
 * Content-Security-Policy that forbids fetches) and works from file://. Every value from the
 * data is HTML-escaped (markup is built with an escaping template tag), and long lists are
 * cut with a count of what was left out. Rendering is pure and deterministic: the same
 * input gives the same bytes.
 *
 * @example
 * ```ts
 * import { validate, writeValidationReport, summarizeValidation } from "tributary-etl";
 * const result = await validate(orders, rules);
 * await writeValidationReport("reports/orders.html", result, { history: previousRuns });
 * previousRuns.push(summarizeValidation(result));
 * ```
 */
export { summarizeValidation } from "./history.js";
export { escapeHtml } from "./html.js";
export { renderValidationReport } from "./render.js";
export type {
  ExceptionInfoLike,
  ExpectationConfigLike,
  ExpectationResultBodyLike,
  ExpectationResultLike,
  FailingRowSamples,
  UnexpectedCountLike,
  ValidationMetaLike,
  ValidationReportOptions,
  ValidationResultLike,
  ValidationRunSummary,
  ValidationStatisticsLike,
} from "./types.js";
export { writeValidationReport } from "./write.js";
