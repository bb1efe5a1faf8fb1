/**
 * The `result` of a row-level (map) expectation, built field by field as GE's
 * `_format_map_output` builds it: which fields appear depends on the result format and on
 * whether the expectation reports missing values (the null checks do not).
 */
import { pythonCompare, valueKey } from "./json-value.js";
import type { ResultFormat } from "./result-format.js";
import type { ExpectationResultBody, JsonValue, ValueCount } from "./results.js";

/** What the aggregate pass and the sample query found for one row-level expectation. */
export interface MapCounts {
  readonly elementCount: number;
  /** Rows the check considered (non-null, or not ignored); `undefined` for the null checks. */
  readonly nonnullCount: number | undefined;
  readonly unexpectedCount: number;
  /** The first unexpected values in row order, up to the sample limit. */
  readonly unexpectedValues: readonly JsonValue[];
}

/** `mostly` over the considered rows; a check that considered no row passes, as in GE. */
export function mapSuccess(counts: MapCounts, mostly: number): boolean {
  const considered = counts.nonnullCount ?? counts.elementCount;
  if (counts.elementCount === 0 || considered === 0) return true;
  return (considered - counts.unexpectedCount) / considered >= mostly;
}

/**
 * GE's `partial_unexpected_counts`: the `limit` most common of the fetched unexpected values
 * (the partial list, or COMPLETE's whole list), first-seen first among equal counts as
 * Python's `Counter.most_common`, then sorted by count and value; GE leaves the field out
 * when Python cannot order two values that tie (text against a number).
 */
export function partialCounts(
  values: readonly JsonValue[],
  limit: number,
): ValueCount[] | undefined {
  // Records (compound columns) count as tuples of their values, as GE flattens them.
  const flat = values.map((v) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.values(v) : v,
  );
  const counts = new Map<string, { value: JsonValue; count: number }>();
  for (const value of flat) {
    const key = valueKey(value);
    const seen = counts.get(key);
    if (seen === undefined) counts.set(key, { value, count: 1 });
    else seen.count++;
  }
  let incomparable = false;
  const common = [...counts.values()].sort((a, b) => b.count - a.count).slice(0, limit);
  const sorted = common.sort((a, b) => {
    if (a.count !== b.count) return b.count - a.count;
    const c = pythonCompare(a.value, b.value);
    if (c === undefined) incomparable = true;
    return c ?? 0;
  });
  return incomparable ? undefined : sorted;
}

/**
 * The result body of a map expectation.
 *
 * @example
 * ```ts
 * mapResult({ elementCount: 4, nonnullCount: 3, unexpectedCount: 1, unexpectedValues: [-5] },
 *   { level: "BASIC", partialUnexpectedCount: 20 });
 * // { element_count: 4, unexpected_count: 1, unexpected_percent: 33.33..., ... }
 * ```
 */
export function mapResult(counts: MapCounts, format: ResultFormat): ExpectationResultBody {
  if (format.level === "BOOLEAN_ONLY") return {};
  const { elementCount: total, nonnullCount: nonnull, unexpectedCount: unexpected } = counts;
  const skipMissing = nonnull === undefined;
  const missing = skipMissing ? undefined : total - nonnull;
  let percentTotal: number | null = null;
  let percentNonmissing: number | null = null;
  let missingPercent: number | null = null;
  if (total > 0) {
    percentTotal = (unexpected / total) * 100;
    if (missing !== undefined && nonnull !== undefined) {
      missingPercent = (missing / total) * 100;
      percentNonmissing = nonnull > 0 ? (unexpected / nonnull) * 100 : null;
    } else {
      percentNonmissing = percentTotal;
    }
  }
  const partial = counts.unexpectedValues.slice(0, format.partialUnexpectedCount);
  const body: ExpectationResultBody = {
    element_count: total,
    unexpected_count: unexpected,
    unexpected_percent: percentNonmissing,
    partial_unexpected_list: partial,
  };
  if (missing !== undefined) {
    body.missing_count = missing;
    body.missing_percent = missingPercent;
    body.unexpected_percent_total = percentTotal;
    body.unexpected_percent_nonmissing = percentNonmissing;
  }
  if (format.level === "BASIC") return body;
  if (format.partialUnexpectedCount > 0) {
    const tally = partialCounts(counts.unexpectedValues, format.partialUnexpectedCount);
    if (tally !== undefined) body.partial_unexpected_counts = tally;
  }
  if (format.level === "SUMMARY") return body;
  body.unexpected_list = [...counts.unexpectedValues];
  return body;
}
