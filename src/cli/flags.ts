/**
 * One strict parser for every numeric flag: a value is accepted only when all of it is a
 * number of the expected kind (`12abc`, `1e3`, `2.9`, `NaN` are refused for an integer),
 * and the error names the flag, the value and what it accepts.
 */

import { parseDuration, type TimeUnit } from "../config/durations.js";
import { parseByteSize } from "../config/sizes.js";
import { CliError } from "./cli-error.js";

function invalidFlag(flag: string, text: string, expected: string, cause?: unknown): CliError {
  return new CliError("CLI_INVALID_FLAG", `${flag} must be ${expected}, got '${text}'.`, {
    ...(cause === undefined ? {} : { cause }),
    hint: `Pass ${flag} <${expected}>, or leave it out for the default.`,
    context: { flag, value: text },
  });
}

/** A whole number in [min, max], written in decimal digits only. */
export function integerFlag(
  flag: string,
  text: string,
  { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {},
): number {
  const expected =
    max === Number.MAX_SAFE_INTEGER
      ? `a whole number of at least ${min}`
      : `a whole number from ${min} to ${max}`;
  if (!/^[+-]?[0-9]+$/.test(text.trim())) throw invalidFlag(flag, text, expected);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw invalidFlag(flag, text, expected);
  return n;
}

/** A decimal number of at least `min` (`1.5` yes; `1e3`, `0x10`, `Infinity` no). */
export function decimalFlag(
  flag: string,
  text: string,
  { min = 0 }: { min?: number } = {},
): number {
  const expected = `a number of at least ${min}`;
  if (!/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(text.trim()))
    throw invalidFlag(flag, text, expected);
  const n = Number(text);
  if (n < min) throw invalidFlag(flag, text, expected);
  return n;
}

/** A duration such as `30m`, `2h`, `1d` (a bare number in `unit`), in milliseconds. */
export function durationFlag(flag: string, text: string, unit: TimeUnit): number {
  try {
    const ms = parseDuration(flag, text, unit);
    if (ms < 0) throw invalidFlag(flag, text, "a duration such as 30m, 2h or 1d");
    return ms;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw invalidFlag(flag, text, "a duration such as 30m, 2h or 1d", e);
  }
}

/** A byte size such as `32mb`, `1g` (a bare number in `unit`), in bytes. */
export function sizeFlag(flag: string, text: string, unit: "b" | "k" | "m" = "b"): number {
  try {
    return parseByteSize(flag, text, unit);
  } catch (e) {
    throw invalidFlag(flag, text, "a size such as 512k, 32mb or 1g", e);
  }
}
