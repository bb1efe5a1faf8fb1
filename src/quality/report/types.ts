/**
 * What the report reads. The shapes are structural and loose on purpose: a result from
 * `validate()`, a Great Expectations 1.x result parsed from JSON, or one read back from a
 * store all fit, and every field the report does not need to place a row is optional.
 */

/** `{value, count}` of GE's `partial_unexpected_counts`. */
export interface UnexpectedCountLike {
  readonly value: unknown;
  readonly count: number;
}

/** The `result` body of one expectation (row-level counts or an aggregate's observed value). */
export interface ExpectationResultBodyLike {
  readonly element_count?: number;
  readonly unexpected_count?: number;
  readonly unexpected_percent?: number | null;
  readonly missing_count?: number;
  readonly missing_percent?: number | null;
  readonly partial_unexpected_list?: readonly unknown[];
  readonly partial_unexpected_counts?: readonly UnexpectedCountLike[];
  readonly observed_value?: unknown;
  readonly unexpected_list?: readonly unknown[];
}

/** An expectation as configured: GE's name, its kwargs and free-form meta. */
export interface ExpectationConfigLike {
  readonly type: string;
  // `object` rather than a record: interfaces (our typed kwargs) have no index signature.
  readonly kwargs: object;
  readonly meta?: object;
  /** GE 1.x's optional human description of the expectation. */
  readonly description?: string | null;
}

/** Why an expectation could not be computed. */
export interface ExceptionInfoLike {
  readonly raised_exception: boolean;
  readonly exception_message: string | null;
  readonly exception_traceback?: string | null;
}

/** One expectation's result. */
export interface ExpectationResultLike {
  readonly success: boolean;
  readonly expectation_config: ExpectationConfigLike;
  readonly result: ExpectationResultBodyLike;
  readonly exception_info?: ExceptionInfoLike;
}

/** GE's validation statistics; `success_percent` is null for an empty suite. */
export interface ValidationStatisticsLike {
  readonly evaluated_expectations: number;
  readonly successful_expectations: number;
  readonly unsuccessful_expectations: number;
  readonly success_percent: number | null;
}

/** Run metadata; tributary writes `validation_time`, `engine` and `scans`. */
export interface ValidationMetaLike {
  readonly run_id?: string;
  readonly validation_time?: string;
  readonly data_asset?: string;
  readonly engine?: string;
  readonly scans?: number;
  readonly [key: string]: unknown;
}

/** A validation result in Great Expectations 1.x's JSON shape (what `validate()` returns). */
export interface ValidationResultLike {
  readonly success: boolean;
  readonly suite_name: string;
  readonly statistics: ValidationStatisticsLike;
  readonly results: readonly ExpectationResultLike[];
  readonly meta?: ValidationMetaLike;
}

/** The summary of one earlier validation run, for the history section. */
export interface ValidationRunSummary {
  readonly run_id: string;
  /** ISO 8601 (shown in UTC); other text is shown as given. */
  readonly validation_time: string;
  readonly success: boolean;
  readonly success_percent: number | null;
  readonly evaluated: number;
  readonly unsuccessful: number;
  /** Extra numbers per run (row counts, durations...), one history column each. */
  readonly metrics?: Readonly<Record<string, number>>;
}

/** Sample failing rows per expectation, keyed by the expectation's index in `results`. */
export type FailingRowSamples = Readonly<
  Record<number, readonly Readonly<Record<string, unknown>>[]>
>;

/** Options of {@link renderValidationReport}. */
export interface ValidationReportOptions {
  /** Earlier runs, oldest first; this run is added at the end unless its `run_id` is there. */
  readonly history?: readonly ValidationRunSummary[];
  /** Sample failing rows per result index, shown under the failing expectation. */
  readonly samples?: FailingRowSamples;
  /** The page title (default "Data quality report"); the suite name is always shown. */
  readonly title?: string;
}
