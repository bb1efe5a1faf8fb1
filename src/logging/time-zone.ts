/**
 * Time zones for layouts. log4j formats in the JVM's default zone unless a pattern names one
 * (`%d{HH:mm:ss}{UTC}`); ours is the process's zone (the `TZ` variable, else the system's).
 * Fixed offsets (`UTC`, `GMT+2`, `GMT-05:30`, `+01:00`) are computed here; IANA names
 * (`Europe/Paris`) go through `Intl`, which carries the daylight-saving rules.
 */
import { type ConfigLocation, loggingConfigError } from "./config-error.js";

/** The calendar fields of one instant in one zone. */
export interface ZonedFields {
  readonly year: number;
  /** 1 = January. */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** 0 = Sunday. */
  readonly weekday: number;
  readonly dayOfYear: number;
  /** Minutes east of UTC. */
  readonly offsetMinutes: number;
}

/** A zone that can split instants into fields. */
export interface TimeZone {
  readonly id: string;
  fields(epochMs: number): ZonedFields;
  /** The short display name (`UTC`, `GMT+1`, `EST`), as far as `Intl` knows it. */
  shortName(epochMs: number): string;
}

const FIXED = /^(?:GMT|UTC|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const ZERO_NAMES = new Set(["UTC", "GMT", "UT", "Z"]);

function fieldsAt(epochMs: number, offsetMinutes: number): ZonedFields {
  const d = new Date(epochMs + offsetMinutes * 60_000);
  const year = d.getUTCFullYear();
  const startOfYear = Date.UTC(year, 0, 1);
  const startOfDay = Date.UTC(year, d.getUTCMonth(), d.getUTCDate());
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    dayOfYear: Math.round((startOfDay - startOfYear) / 86_400_000) + 1,
    offsetMinutes,
  };
}

function fixedZone(id: string, offsetMinutes: number): TimeZone {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  const name = offsetMinutes === 0 ? "UTC" : `GMT${sign}${hhmm}`;
  return { id, fields: (ms) => fieldsAt(ms, offsetMinutes), shortName: () => name };
}

function ianaZone(id: string): TimeZone {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: id,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  const names = new Intl.DateTimeFormat("en-US", { timeZone: id, timeZoneName: "short" });
  // Offsets change at most on minute boundaries, and a logger asks for the same minute often.
  let cachedMinute = Number.NaN;
  let cachedOffset = 0;
  const offsetAt = (ms: number): number => {
    const minute = Math.floor(ms / 60_000);
    if (minute === cachedMinute) return cachedOffset;
    const get = (type: string): number =>
      Number(parts.formatToParts(ms).find((p) => p.type === type)?.value ?? 0);
    const asUtc = Date.UTC(
      get("year"),
      get("month") - 1,
      get("day"),
      get("hour"),
      get("minute"),
      get("second"),
    );
    cachedMinute = minute;
    cachedOffset = Math.round((asUtc - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000);
    return cachedOffset;
  };
  return {
    id,
    fields: (ms) => fieldsAt(ms, offsetAt(ms)),
    shortName: (ms) => names.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value ?? id,
  };
}

/**
 * The zone the process runs in (what `TZ` says, else the system's).
 *
 * @example
 * ```ts
 * localZoneId(); // "Europe/Paris" when TZ=Europe/Paris
 * ```
 */
export function localZoneId(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Resolves a zone id as Java's `TimeZone.getTimeZone` would read it; the default is the
 * process's zone.
 *
 * @example
 * ```ts
 * resolveTimeZone("GMT+2").fields(Date.UTC(2024, 0, 31, 9)).hour; // 11
 * resolveTimeZone("Europe/Paris").shortName(Date.UTC(2024, 6, 1)); // "GMT+2"
 * ```
 * @throws ConfigError `LOG_INVALID_TIME_ZONE` for an id neither fixed nor known to `Intl`.
 */
export function resolveTimeZone(id: string = localZoneId(), where?: ConfigLocation): TimeZone {
  const trimmed = id.trim();
  if (ZERO_NAMES.has(trimmed.toUpperCase())) return fixedZone(trimmed, 0);
  const fixed = FIXED.exec(trimmed);
  if (fixed !== null) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? 0);
    return fixedZone(trimmed, fixed[1] === "-" ? -minutes : minutes);
  }
  try {
    return ianaZone(trimmed);
  } catch (e) {
    throw loggingConfigError(
      "LOG_INVALID_TIME_ZONE",
      where,
      `unknown time zone "${id}"`,
      "Use an IANA zone name such as Europe/Paris or America/New_York, or a fixed offset such as UTC or GMT+02:00.",
      e,
    );
  }
}
