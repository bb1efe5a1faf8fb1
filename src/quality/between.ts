/**
 * GE's `_validate_metric_value_between`: an observed statistic against `min_value` /
 * `max_value` (inclusive unless `strict_*`; a missing bound is no bound; a null statistic
 * fails). Dates and timestamps compare as instants, with text bounds parsed as ISO 8601
 * (no offset means UTC), as GE parses them with dateutil.
 */
import { IllegalArgumentError } from "../errors.js";
import type { BetweenKwargs, Bound } from "./kwargs.js";

/** How the statistic's values compare. */
export type Ordering = "number" | "string" | "instant";

/** Milliseconds of an instant given as text; naive text is taken as UTC. */
export function instantOf(value: string | Date): number {
  if (value instanceof Date) return value.getTime();
  const text = value.trim();
  const naive = !/(?:Z|[+-]\d\d:?\d\d)$/i.test(text) && /\d[T ]\d/.test(text);
  const millis = Date.parse(naive ? `${text.replace(" ", "T")}Z` : text);
  if (Number.isNaN(millis)) {
    throw new IllegalArgumentError(`Could not parse "${value}" into a date or timestamp.`);
  }
  return millis;
}

function key(value: unknown, ordering: Ordering, what: string): number | string {
  if (ordering === "instant") {
    if (typeof value === "string" || value instanceof Date) return instantOf(value);
  } else if (ordering === "number" && typeof value === "number") {
    return value;
  } else if (ordering === "string" && typeof value === "string") {
    return value;
  }
  throw new IllegalArgumentError(
    `${what} ${JSON.stringify(value)} cannot be compared with ${ordering} values.`,
  );
}

/**
 * True when `observed` lies within the bounds.
 *
 * @example
 * ```ts
 * isBetween(5, "number", { min_value: 0, max_value: 5 });                    // true
 * isBetween(5, "number", { min_value: 0, max_value: 5, strict_max: true });  // false
 * ```
 */
export function isBetween(
  observed: number | string | Date | null,
  ordering: Ordering,
  kwargs: BetweenKwargs<Bound>,
): boolean {
  if (observed === null || (typeof observed === "number" && Number.isNaN(observed))) return false;
  const value = key(observed, ordering, "The observed value");
  const min = kwargs.min_value ?? null;
  const max = kwargs.max_value ?? null;
  if (min !== null) {
    const m = key(min, ordering, "min_value");
    if (kwargs.strict_min === true ? !(value > m) : !(value >= m)) return false;
  }
  if (max !== null) {
    const m = key(max, ordering, "max_value");
    if (kwargs.strict_max === true ? !(value < m) : !(value <= m)) return false;
  }
  return true;
}
