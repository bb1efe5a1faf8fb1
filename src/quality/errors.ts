/**
 * Errors of the quality layer. A suite that cannot be built (unknown expectation type,
 * unknown or invalid kwarg, malformed suite JSON) fails when it is built, with the
 * expectation's index and the closest known name; an expectation that cannot be computed
 * on the data is not an error but a result with `exception_info` (see `validate.ts`).
 */
import { closestMatch, TributaryError } from "../errors.js";

/**
 * A suite or expectation configuration that is not valid. Codes: `QUALITY_UNKNOWN_EXPECTATION`,
 * `QUALITY_UNKNOWN_KWARG`, `QUALITY_INVALID_KWARG`, `QUALITY_INVALID_SUITE`; `context` holds
 * the expectation's `index` and `type`.
 *
 * @example
 * ```ts
 * try {
 *   loadSuite(json);
 * } catch (e) {
 *   if (e instanceof QualityError) console.error(e.code, e.message, e.hint);
 * }
 * ```
 */
export class QualityError extends TributaryError {}

/** Where in a suite a problem is: the expectation's index and type, when known. */
export interface ExpectationPlace {
  readonly index?: number;
  readonly type?: string;
}

function where(place: ExpectationPlace): string {
  const parts: string[] = [];
  if (place.index !== undefined) parts.push(`expectation #${place.index}`);
  if (place.type !== undefined) parts.push(`(${place.type})`);
  return parts.length === 0 ? "" : `${parts.join(" ")}: `;
}

function didYouMean(name: string, known: readonly string[]): string | undefined {
  const best = closestMatch(name, known);
  return best === undefined ? undefined : `Did you mean "${best}"?`;
}

/**
 * An expectation type this library does not know.
 *
 * @example
 * ```ts
 * throw unknownExpectation({ index: 2 }, "expect_column_values_to_be_betwen", KNOWN);
 * // expectation #2: unknown expectation type "expect_column_values_to_be_betwen". Did you mean ...
 * ```
 */
export function unknownExpectation(
  place: ExpectationPlace,
  type: string,
  known: readonly string[],
): QualityError {
  const hint = didYouMean(type, known);
  return new QualityError(
    "QUALITY_UNKNOWN_EXPECTATION",
    `${where(place)}unknown expectation type "${type}".${hint === undefined ? "" : ` ${hint}`}`,
    {
      hint: hint ?? `Known types: ${known.join(", ")}.`,
      context: { ...place, type, known },
    },
  );
}

/** A kwarg the expectation type does not take. */
export function unknownKwarg(
  place: ExpectationPlace,
  kwarg: string,
  known: readonly string[],
): QualityError {
  const hint = didYouMean(kwarg, known);
  return new QualityError(
    "QUALITY_UNKNOWN_KWARG",
    `${where(place)}unknown kwarg "${kwarg}".${hint === undefined ? "" : ` ${hint}`}`,
    { hint: hint ?? `Accepted kwargs: ${known.join(", ")}.`, context: { ...place, kwarg, known } },
  );
}

/** A kwarg (or a combination of kwargs) with a value the expectation cannot use. */
export function invalidKwarg(place: ExpectationPlace, kwarg: string, reason: string): QualityError {
  return new QualityError("QUALITY_INVALID_KWARG", `${where(place)}kwarg "${kwarg}" ${reason}.`, {
    hint: "Fix the kwarg in the suite; Great Expectations' documentation lists each one.",
    context: { ...place, kwarg },
  });
}

/** A suite document (JSON) that does not have a suite's shape. */
export function invalidSuite(reason: string, place: ExpectationPlace = {}): QualityError {
  return new QualityError("QUALITY_INVALID_SUITE", `${where(place)}${reason}`, {
    hint:
      'A suite is {"name": ..., "expectations": [{"type": ..., "kwargs": {...}, "meta": {...}}]} ' +
      '(Great Expectations 0.x spellings "expectation_suite_name" and "expectation_type" work too).',
    context: { ...place },
  });
}
