/**
 * `SimpleDateFormat` patterns (`yy/MM/dd HH:mm:ss`, `yyyy-MM-dd'T'HH:mm:ss,SSSXXX`) compiled
 * once into a function, and the named formats of log4j 1 and log4j 2 (`ISO8601`, `ABSOLUTE`,
 * `DATE`, ...). Text fields are English, as the JVM prints them in its default `en` locale.
 */
import { type ConfigLocation, loggingConfigError } from "./config-error.js";
import type { TimeZone, ZonedFields } from "./time-zone.js";

/** Which log4j reads the pattern: `%d{ISO8601}` has a space in 1.x and a `T` in 2.x. */
export type Dialect = "log4j1" | "log4j2";

const NAMED: Readonly<Record<string, string>> = {
  ABSOLUTE: "HH:mm:ss,SSS",
  ABSOLUTE_PERIOD: "HH:mm:ss.SSS",
  COMPACT: "yyyyMMddHHmmssSSS",
  DATE: "dd MMM yyyy HH:mm:ss,SSS",
  DATE_PERIOD: "dd MMM yyyy HH:mm:ss.SSS",
  DEFAULT: "yyyy-MM-dd HH:mm:ss,SSS",
  DEFAULT_PERIOD: "yyyy-MM-dd HH:mm:ss.SSS",
  ISO8601_BASIC: "yyyyMMdd'T'HHmmss,SSS",
  ISO8601_BASIC_PERIOD: "yyyyMMdd'T'HHmmss.SSS",
  ISO8601_OFFSET_DATE_TIME_HH: "yyyy-MM-dd'T'HH:mm:ss,SSSX",
  ISO8601_OFFSET_DATE_TIME_HHMM: "yyyy-MM-dd'T'HH:mm:ss,SSSXX",
  ISO8601_OFFSET_DATE_TIME_HHCMM: "yyyy-MM-dd'T'HH:mm:ss,SSSXXX",
  ISO8601_PERIOD: "yyyy-MM-dd'T'HH:mm:ss.SSS",
  US_MONTH_DAY_YEAR2_TIME: "dd/MM/yy HH:mm:ss.SSS",
  US_MONTH_DAY_YEAR4_TIME: "dd/MM/yyyy HH:mm:ss.SSS",
};

/** What `%d` with no option prints: the same in both versions. */
export const DEFAULT_DATE_PATTERN = "yyyy-MM-dd HH:mm:ss,SSS";

/**
 * The `SimpleDateFormat` pattern a `%d{...}` option stands for.
 *
 * @example
 * ```ts
 * namedDatePattern("ISO8601", "log4j1"); // "yyyy-MM-dd HH:mm:ss,SSS"
 * namedDatePattern("ISO8601", "log4j2"); // "yyyy-MM-dd'T'HH:mm:ss,SSS"
 * ```
 */
export function namedDatePattern(option: string, dialect: Dialect): string {
  const upper = option.toUpperCase();
  if (upper === "ISO8601") {
    return dialect === "log4j1" ? DEFAULT_DATE_PATTERN : "yyyy-MM-dd'T'HH:mm:ss,SSS";
  }
  return Object.hasOwn(NAMED, upper) ? (NAMED[upper] ?? option) : option;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

type Field = (f: ZonedFields, epochMs: number, zone: TimeZone) => string;

const pad = (n: number, width: number): string => String(n).padStart(width, "0");
const text = (full: string, count: number): string => (count >= 4 ? full : full.slice(0, 3));

function offset(minutes: number, colon: boolean, withMinutes: boolean, zulu: boolean): string {
  if (minutes === 0 && zulu) return "Z";
  const abs = Math.abs(minutes);
  const hours = `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60), 2)}`;
  return withMinutes ? `${hours}${colon ? ":" : ""}${pad(abs % 60, 2)}` : hours;
}

// One entry per pattern letter; `n` is the run length (`yyyy` -> 4).
const LETTERS: Readonly<Record<string, (n: number) => Field>> = {
  G: () => (f) => (f.year > 0 ? "AD" : "BC"),
  y: (n) => (f) => (n === 2 ? pad(f.year % 100, 2) : pad(f.year, n)),
  M: (n) => (f) => (n >= 3 ? text(MONTHS[f.month - 1] ?? "", n) : pad(f.month, n)),
  d: (n) => (f) => pad(f.day, n),
  D: (n) => (f) => pad(f.dayOfYear, n),
  E: (n) => (f) => text(DAYS[f.weekday] ?? "", n),
  u: (n) => (f) => pad(f.weekday === 0 ? 7 : f.weekday, n),
  a: () => (f) => (f.hour < 12 ? "AM" : "PM"),
  H: (n) => (f) => pad(f.hour, n),
  k: (n) => (f) => pad(f.hour === 0 ? 24 : f.hour, n),
  K: (n) => (f) => pad(f.hour % 12, n),
  h: (n) => (f) => pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n),
  m: (n) => (f) => pad(f.minute, n),
  s: (n) => (f) => pad(f.second, n),
  // SimpleDateFormat prints S as a number of milliseconds; longer runs (log4j 2's micro and
  // nano patterns) are a fraction of the second, and we only know the milliseconds.
  S: (n) => (f) => (n <= 3 ? pad(f.millisecond, n) : pad(f.millisecond, 3).padEnd(n, "0")),
  n: (n) => (f) => pad(f.millisecond, 3).padEnd(n, "0").slice(0, n),
  z: (n) => (_f, ms, zone) => (n >= 4 ? zone.id : zone.shortName(ms)),
  Z: () => (f) => offset(f.offsetMinutes, false, true, false),
  X: (n) => (f) => offset(f.offsetMinutes, n === 3, n >= 2, true),
  x: (n) => (f) => offset(f.offsetMinutes, n === 3, n >= 2, false),
};

function invalid(pattern: string, reason: string, where?: ConfigLocation): Error {
  return loggingConfigError(
    "LOG_INVALID_PATTERN",
    where,
    `invalid date pattern "${pattern}": ${reason}`,
    `Use SimpleDateFormat letters (${Object.keys(LETTERS).join("")}), quote literal text as 'T', or a named format such as ISO8601, ABSOLUTE or DATE.`,
  );
}

/** The literal text of a quote starting at `start` and the index after it; `''` is a quote. */
function quoted(pattern: string, start: number, where?: ConfigLocation): [string, number] {
  if (pattern[start + 1] === "'") return ["'", start + 2];
  let literal = "";
  let j = start + 1;
  while (j < pattern.length) {
    if (pattern[j] !== "'") literal += pattern[j++];
    else if (pattern[j + 1] === "'") {
      literal += "'";
      j += 2;
    } else return [literal, j + 1];
  }
  throw invalid(pattern, "unclosed quote", where);
}

/**
 * Compiles a `SimpleDateFormat` pattern for one zone.
 *
 * @example
 * ```ts
 * const format = compileDateFormat("yy/MM/dd HH:mm:ss", resolveTimeZone("UTC"));
 * format(Date.UTC(2024, 0, 31, 9, 5, 3)); // "24/01/31 09:05:03"
 * ```
 * @throws ConfigError `LOG_INVALID_PATTERN` for an unknown letter or an unclosed quote.
 */
export function compileDateFormat(
  pattern: string,
  zone: TimeZone,
  where?: ConfigLocation,
): (epochMs: number) => string {
  const parts: (string | Field)[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i] ?? "";
    if (c === "'") {
      const [literal, next] = quoted(pattern, i, where);
      parts.push(literal);
      i = next;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      parts.push(c);
      i++;
      continue;
    }
    let j = i;
    while (pattern[j] === c) j++;
    if (c === "Y")
      throw invalid(pattern, "Y is the week year; write y for the calendar year", where);
    const letter = Object.hasOwn(LETTERS, c) ? LETTERS[c] : undefined;
    if (letter === undefined) throw invalid(pattern, `unknown letter '${c}'`, where);
    parts.push(letter(j - i));
    i = j;
  }
  return (epochMs) => {
    const fields = zone.fields(epochMs);
    let out = "";
    for (const part of parts) out += typeof part === "string" ? part : part(fields, epochMs, zone);
    return out;
  };
}
