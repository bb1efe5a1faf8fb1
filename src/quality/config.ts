/**
 * Builds one checked expectation from loose input (a suite JSON entry or a builder call):
 * a known type, only known kwargs, each value of the right kind, required kwargs present
 * and GE's cross-kwarg rules kept. Every failure names the expectation's index and type.
 */
import { CATALOG, EXPECTATION_TYPES, isExpectationType, UNSUPPORTED_KWARGS } from "./catalog.js";
import {
  type ExpectationPlace,
  invalidKwarg,
  invalidSuite,
  unknownExpectation,
  unknownKwarg,
} from "./errors.js";
import type { ExpectationConfig, Meta } from "./kwargs.js";

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Kwargs whose value is undefined are dropped, so `{ mostly: undefined }` means "not set". */
function defined(kwargs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kwargs).filter(([, v]) => v !== undefined));
}

/**
 * A checked, frozen expectation.
 *
 * @example
 * ```ts
 * makeExpectation("expect_column_values_to_be_between", { column: "amount", min_value: 0 });
 * makeExpectation("expect_column_values_to_be_betwen", {}, {}, 3);
 * // QualityError QUALITY_UNKNOWN_EXPECTATION: expectation #3: unknown expectation type ...
 * ```
 */
export function makeExpectation(
  type: string,
  kwargs: unknown,
  meta: unknown = {},
  index?: number,
): ExpectationConfig {
  const place: ExpectationPlace = index === undefined ? {} : { index };
  if (!isExpectationType(type)) throw unknownExpectation(place, type, EXPECTATION_TYPES);
  const at = { ...place, type };
  if (!isRecord(kwargs)) throw invalidSuite(`"kwargs" must be an object`, at);
  if (!isRecord(meta)) throw invalidSuite(`"meta" must be an object`, at);
  const spec = CATALOG[type];
  const values = defined(kwargs);
  for (const [name, value] of Object.entries(values)) {
    const unsupported = UNSUPPORTED_KWARGS[name];
    if (unsupported !== undefined) throw invalidKwarg(at, name, `is refused: ${unsupported}`);
    const check: ((v: unknown) => string | undefined) | undefined = Object.hasOwn(spec.kwargs, name)
      ? spec.kwargs[name as keyof typeof spec.kwargs]
      : undefined;
    if (check === undefined) throw unknownKwarg(at, name, Object.keys(spec.kwargs));
    const reason = check(value);
    if (reason !== undefined) throw invalidKwarg(at, name, reason);
  }
  for (const name of spec.required) {
    if (!(name in values)) throw invalidKwarg(at, name, "is required");
  }
  for (const rule of spec.rules) {
    const broken = rule(values);
    if (broken !== undefined) throw invalidKwarg(at, broken[0], broken[1]);
  }
  return Object.freeze({
    type,
    kwargs: Object.freeze(values),
    meta: Object.freeze({ ...(meta as Meta) }),
  }) as ExpectationConfig;
}
