/**
 * Data quality, as Great Expectations (1.x) users know it: expectations with GE's names and
 * kwargs, suites built in TypeScript or loaded from GE's suite JSON, results in GE's JSON
 * shape, and a row-level split for quarantine.
 *
 * Contract: a suite is checked when it is built (unknown types and kwargs fail at once,
 * naming the expectation's index and the closest known name). A validation reads the data
 * through the DataFrame API only, so it runs on every engine, in at most two queries: one
 * aggregate pass for every count and statistic, and one more only when row-level
 * expectations found unexpected rows whose values the result shows (`meta.scans`). An
 * expectation that cannot be computed fails alone, with `exception_info`.
 *
 * @example
 * ```ts
 * import { suite, validate, splitByQuality } from "tributary-etl";
 * const rules = suite("orders")
 *   .expectColumnValuesToNotBeNull("id")
 *   .expectColumnValuesToBeBetween("amount", { min_value: 0 });
 * const result = await validate(orders, rules);
 * const { good, bad } = await splitByQuality(orders, rules);
 * ```
 */
export { EXPECTATION_TYPES } from "./catalog.js";
export { QualityError } from "./errors.js";
export type {
  Bound,
  Duration,
  ExpectationConfig,
  ExpectationConfigOf,
  ExpectationKwargs,
  ExpectationType,
  Meta,
  SetValue,
} from "./kwargs.js";
export type { ResultFormatInput, ResultFormatLevel } from "./result-format.js";
export type {
  ExceptionInfo,
  ExpectationResultBody,
  ExpectationValidationResult,
  JsonValue,
  SuiteValidationResult,
  ValidationMeta,
  ValidationStatistics,
  ValueCount,
} from "./results.js";
export { ERRORS_COLUMN, splitByQuality, withQualityErrors } from "./split.js";
export { ExpectationSuite, suite } from "./suite.js";
export { loadSuite, readSuite } from "./suite-json.js";
export { type ValidateOptions, validate } from "./validate.js";
