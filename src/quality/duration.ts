/**
 * The freshness window of `expect_column_max_to_be_within`, in milliseconds. Two spellings:
 * Python's `timedelta` keywords as a dict (`{"hours": 1, "minutes": 30}`), which is how a
 * GE suite written in Python would say it, and compact text (`"30m"`, `"1h30m"`, `"2d"`,
 * `"500ms"`) or ISO 8601 (`"PT30M"`, `"P1DT12H"`), which is how people type it.
 */
import type { Duration } from "./kwargs.js";

const DICT_UNITS: Readonly<Record<string, number>> = {
  weeks: 604_800_000,
  days: 86_400_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1_000,
  milliseconds: 1,
};

const TEXT_UNITS: Readonly<Record<string, number>> = {
  w: 604_800_000,
  d: 86_400_000,
  h: 3_600_000,
  m: 60_000,
  min: 60_000,
  s: 1_000,
  ms: 1,
};

const ACCEPTED =
  'a duration such as {"minutes": 30} (weeks, days, hours, minutes, seconds, milliseconds), "30m", "1h30m", "2d" or "PT30M"';

/** A failed parse, with the reason. */
export interface BadDuration {
  readonly reason: string;
}

function fromDict(value: Readonly<Record<string, unknown>>): number | BadDuration {
  let total = 0;
  const keys = Object.keys(value);
  if (keys.length === 0) return { reason: `must not be empty; use ${ACCEPTED}` };
  for (const key of keys) {
    const unit = DICT_UNITS[key];
    const amount = value[key];
    if (unit === undefined) return { reason: `has an unknown unit "${key}"; use ${ACCEPTED}` };
    if (typeof amount !== "number" || !Number.isFinite(amount) || amount < 0) {
      return { reason: `has ${key} = ${JSON.stringify(amount)}; amounts are numbers >= 0` };
    }
    total += amount * unit;
  }
  return total;
}

function fromIso(text: string): number | undefined {
  const m =
    /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(
      text,
    );
  if (m === null || text.toUpperCase() === "P" || text.toUpperCase().endsWith("T"))
    return undefined;
  const units = [604_800_000, 86_400_000, 3_600_000, 60_000, 1_000];
  return units.reduce((sum, unit, i) => sum + Number(m[i + 1] ?? 0) * unit, 0);
}

function fromText(text: string): number | BadDuration {
  const trimmed = text.trim();
  if (/^P/i.test(trimmed)) {
    const iso = fromIso(trimmed);
    return iso ?? { reason: `"${text}" is not an ISO 8601 duration; use ${ACCEPTED}` };
  }
  const parts = [...trimmed.toLowerCase().matchAll(/(\d+(?:\.\d+)?)\s*(ms|min|w|d|h|m|s)/g)];
  const rebuilt = parts.map((p) => p[0]).join("");
  if (parts.length === 0 || rebuilt !== trimmed.toLowerCase().replace(/\s+/g, "")) {
    return { reason: `"${text}" is not a duration; use ${ACCEPTED}` };
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * (TEXT_UNITS[p[2] ?? ""] ?? 0), 0);
}

/**
 * Milliseconds of a duration kwarg, or why it is not one.
 *
 * @example
 * ```ts
 * parseDurationKwarg({ minutes: 30 }); // 1800000
 * parseDurationKwarg("1h30m");         // 5400000
 * parseDurationKwarg("soon");          // { reason: '"soon" is not a duration; ...' }
 * ```
 */
export function parseDurationKwarg(value: unknown): number | BadDuration {
  if (typeof value === "string") return fromText(value);
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return fromDict(value as Readonly<Record<string, unknown>>);
  }
  return { reason: `must be ${ACCEPTED}, not ${JSON.stringify(value)}` };
}

/** Milliseconds of a duration already checked by the catalog. */
export function durationMillis(value: Duration): number {
  const parsed = parseDurationKwarg(value);
  return typeof parsed === "number" ? parsed : Number.NaN;
}
