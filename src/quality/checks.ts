/**
 * Runtime checks of kwarg values, one small function per kind of value. Each returns the
 * reason a value is wrong (completing "kwarg "x" ...") or `undefined` when it is fine, so the
 * catalog can say exactly which kwarg of which expectation is wrong.
 */
import { parseDurationKwarg } from "./duration.js";
import { isResultFormat } from "./result-format.js";

/** A check of one kwarg value: the reason it is wrong, or undefined. */
export type Check = (value: unknown) => string | undefined;

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

export const str: Check = (v) =>
  typeof v === "string" && v !== "" ? undefined : `must be a non-empty string, not ${show(v)}`;

export const strList: Check = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === "string")
    ? undefined
    : `must be a list of column names, not ${show(v)}`;

export const bool: Check = (v) =>
  typeof v === "boolean" ? undefined : `must be true or false, not ${show(v)}`;

export const boolOrNull: Check = (v) => (v === null ? undefined : bool(v));

export const num: Check = (v) =>
  typeof v === "number" && Number.isFinite(v) ? undefined : `must be a number, not ${show(v)}`;

export const numOrNull: Check = (v) => (v === null ? undefined : num(v));

/** A bound of a `*_between`: a number, or text (dates, timestamps, strings), or null. */
export const bound: Check = (v) =>
  v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v))
    ? undefined
    : `must be a number, a string or null, not ${show(v)}`;

export const intOrNull: Check = (v) =>
  v === null || (Number.isInteger(v) && (v as number) >= 0)
    ? undefined
    : `must be a whole number >= 0 or null, not ${show(v)}`;

export const mostly: Check = (v) =>
  typeof v === "number" && v >= 0 && v <= 1
    ? undefined
    : `must be a number between 0 and 1, not ${show(v)}`;

export const valueSet: Check = (v) =>
  v === null ||
  (Array.isArray(v) &&
    v.every((x) => typeof x === "string" || typeof x === "boolean" || Number.isFinite(x)))
    ? undefined
    : `must be a list of strings, numbers or booleans (or null), not ${show(v)}`;

export const resultFormat: Check = (v) =>
  isResultFormat(v)
    ? undefined
    : `must be BOOLEAN_ONLY, BASIC, SUMMARY, COMPLETE or {"result_format": ..., "partial_unexpected_count": n}, not ${show(v)}`;

export const duration: Check = (v) => {
  const parsed = parseDurationKwarg(v);
  return typeof parsed === "number" ? undefined : parsed.reason;
};

/** One of a fixed set of strings. */
export function oneOf(...values: readonly string[]): Check {
  return (v) =>
    typeof v === "string" && values.includes(v)
      ? undefined
      : `must be one of ${values.map((x) => `"${x}"`).join(", ")}, not ${show(v)}`;
}
