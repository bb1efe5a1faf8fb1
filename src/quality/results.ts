/**
 * Validation results in Great Expectations 1.x's JSON shape, so tools that read GE results
 * (Data Docs renderers, alerting on `success`, dashboards on `statistics`) read ours.
 */
import type { ExpectationConfig, Meta } from "./kwargs.js";

/** A JSON value. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** `{value, count}` of `partial_unexpected_counts`. */
export interface ValueCount {
  readonly value: JsonValue;
  readonly count: number;
}

/**
 * The `result` of one expectation. Row-level expectations fill the counts and lists (which
 * ones depends on the result format); aggregates and schema checks fill `observed_value`
 * (and `details`). `BOOLEAN_ONLY` leaves it empty.
 */
export interface ExpectationResultBody {
  element_count?: number;
  unexpected_count?: number;
  unexpected_percent?: number | null;
  partial_unexpected_list?: JsonValue[];
  missing_count?: number;
  missing_percent?: number | null;
  unexpected_percent_total?: number | null;
  unexpected_percent_nonmissing?: number | null;
  partial_unexpected_counts?: ValueCount[];
  unexpected_list?: JsonValue[];
  observed_value?: JsonValue;
  details?: { [key: string]: JsonValue };
}

/** Why an expectation could not be computed (all null / false when it could). */
export interface ExceptionInfo {
  readonly raised_exception: boolean;
  readonly exception_message: string | null;
  readonly exception_traceback: string | null;
}

/** One expectation's result. */
export interface ExpectationValidationResult {
  readonly success: boolean;
  /** The expectation as configured (`type`, `kwargs`, `meta`). */
  readonly expectation_config: ExpectationConfig;
  readonly result: ExpectationResultBody;
  readonly meta: Meta;
  readonly exception_info: ExceptionInfo;
}

/** GE's validation statistics; `success_percent` is null for an empty suite. */
export interface ValidationStatistics {
  readonly evaluated_expectations: number;
  readonly successful_expectations: number;
  readonly unsuccessful_expectations: number;
  readonly success_percent: number | null;
}

/** What a validation cost and when it ran (ours; GE's meta has run and batch ids instead). */
export interface ValidationMeta {
  /** Queries that read the data: 1 aggregate pass, +1 when unexpected samples were needed. */
  readonly scans: number;
  readonly validation_time: string;
  readonly engine: string;
  readonly [key: string]: unknown;
}

/** The result of validating a DataFrame against a suite. */
export interface SuiteValidationResult {
  readonly success: boolean;
  readonly suite_name: string;
  readonly statistics: ValidationStatistics;
  readonly results: readonly ExpectationValidationResult[];
  readonly suite_parameters: Readonly<Record<string, never>>;
  readonly meta: ValidationMeta;
}

/** The `exception_info` of an expectation that ran. */
export const NO_EXCEPTION: ExceptionInfo = Object.freeze({
  raised_exception: false,
  exception_message: null,
  exception_traceback: null,
});

/** The `exception_info` of an expectation that could not be computed. */
export function exceptionInfo(error: unknown): ExceptionInfo {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    raised_exception: true,
    exception_message: e.message,
    exception_traceback: e.stack ?? null,
  };
}
