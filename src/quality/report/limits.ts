/**
 * How much of each list the report shows. A report stays readable (and a few hundred KB at
 * most) whatever the result holds; every cut says how much it left out.
 */
export const LIMITS = Object.freeze({
  /** Characters of one value in a cell. */
  valueChars: 80,
  /** Characters of one value in its tooltip. */
  tooltipChars: 1_000,
  /** Values of a `value_set` kwarg or a list-valued observed value. */
  setValues: 12,
  /** Unexpected values (with counts) under a failing expectation. */
  unexpectedValues: 20,
  /** Sample failing rows, and their columns. */
  sampleRows: 10,
  sampleColumns: 12,
  /** Characters of an exception's message and traceback. */
  exceptionChars: 2_000,
  tracebackChars: 8_000,
  /** Runs in the history chart and table; metric columns in the table. */
  chartRuns: 60,
  tableRuns: 20,
  metricColumns: 6,
});
