/**
 * Durations, in the two spellings configuration uses. Spark's time strings
 * (`JavaUtils.timeStringAs`): a whole number, possibly negative, and an optional unit `us`,
 * `ms`, `s`, `m` or `min` (minutes, not months), `h`, `d`. And interval text, as Delta's
 * `delta.logRetentionDuration = interval 30 days` (Spark's interval syntax): an optional
 * `interval`, then `<number> <unit>` pairs with units microsecond, millisecond, second, minute,
 * hour, day, week (singular or plural); only seconds may have a fraction. Months and years are
 * refused, as Delta refuses them: they have no fixed length. Results are whole milliseconds,
 * truncated toward zero as Java's `TimeUnit.convert` does.
 */
import { invalidValue } from "./invalid.js";

/** A unit a bare number may mean. */
export type TimeUnit = "us" | "ms" | "s" | "min" | "h" | "d";

const MICROS_PER: Readonly<Record<string, bigint>> = {
  us: 1n,
  ms: 1_000n,
  s: 1_000_000n,
  m: 60_000_000n,
  min: 60_000_000n,
  h: 3_600_000_000n,
  d: 86_400_000_000n,
};
const INTERVAL_UNITS: Readonly<Record<string, bigint>> = {
  microsecond: 1n,
  millisecond: 1_000n,
  second: 1_000_000n,
  minute: 60_000_000n,
  hour: 3_600_000_000n,
  day: 86_400_000_000n,
  week: 604_800_000_000n,
};

const ACCEPTED =
  "a whole number with a unit us, ms, s, m or min, h, d (e.g. 30s, 10min, 2h), or an interval " +
  'such as "7 days", "interval 1 day 12 hours" or "1.5 seconds" ' +
  "(units microsecond, millisecond, second, minute, hour, day, week)";

/** A failed parse: the reason, for the error message. */
type Parsed = bigint | { readonly reason: string };

function timeString(text: string, defaultUnit: TimeUnit): Parsed {
  const match = /^(-?[0-9]+)([a-z]+)?$/.exec(text);
  if (match === null) return { reason: "not a duration" };
  const unit = match[2] ?? defaultUnit;
  if (!Object.hasOwn(MICROS_PER, unit)) return { reason: `invalid suffix "${unit}"` };
  return BigInt(match[1] ?? "0") * (MICROS_PER[unit] ?? 0n);
}

function intervalAmount(number: string, unitWord: string): Parsed {
  const value = /^([+-]?)([0-9]+)(?:\.([0-9]*))?$/.exec(number);
  if (value === null) return { reason: `invalid value "${number}"` };
  const unitMatch = /^([a-z]+?)s?$/.exec(unitWord);
  const unit = unitMatch?.[1] ?? unitWord;
  if (unit === "month" || unit === "year") {
    return { reason: "months and years have no fixed length; use days" };
  }
  const micros = Object.hasOwn(INTERVAL_UNITS, unit) ? INTERVAL_UNITS[unit] : undefined;
  if (micros === undefined) return { reason: `invalid unit "${unitWord}"` };
  const fraction = value[3];
  if (fraction !== undefined && unit !== "second") {
    return { reason: `"${unitWord}" cannot have a fractional part` };
  }
  if ((fraction?.length ?? 0) > 9) return { reason: "more than nanosecond precision" };
  const nanos = BigInt((fraction ?? "").padEnd(9, "0")) / 1_000n;
  const sign = value[1] === "-" ? -1n : 1n;
  return sign * (BigInt(value[2] ?? "0") * micros + nanos);
}

function interval(text: string): Parsed {
  const words = text.split(/\s+/).filter((w) => w !== "");
  if (words[0] === "interval") words.shift();
  if (words.length === 0) return { reason: "an empty interval" };
  let total = 0n;
  for (let i = 0; i < words.length; i += 2) {
    const number = words[i] ?? "";
    const unit = words[i + 1];
    if (unit === undefined) return { reason: `missing unit after "${number}"` };
    const amount = intervalAmount(number, unit);
    if (typeof amount !== "bigint") return amount;
    total += amount;
  }
  return total;
}

/**
 * Parses a duration into milliseconds. `defaultUnit` is what a bare number means.
 *
 * @example
 * ```ts
 * parseDuration("spark.network.timeout", "120s");                  // 120000
 * parseDuration("delta.logRetentionDuration", "interval 30 days"); // 2592000000
 * parseDuration("spark.x.timeout", "90", "s");                     // 90000
 * ```
 * @throws ConfigError `CONFIG_INVALID_VALUE` naming the key, the value and the accepted forms.
 */
export function parseDuration(key: string, value: string, defaultUnit: TimeUnit = "ms"): number {
  const text = value.trim().toLowerCase();
  const looksLikeInterval = /\s/.test(text) || text.startsWith("interval");
  const micros = looksLikeInterval ? interval(text) : timeString(text, defaultUnit);
  if (typeof micros !== "bigint") throw invalidValue(key, value, micros.reason, ACCEPTED);
  const millis = micros / 1_000n;
  if (millis > BigInt(Number.MAX_SAFE_INTEGER) || millis < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalidValue(key, value, "too large", ACCEPTED);
  }
  return Number(millis);
}
