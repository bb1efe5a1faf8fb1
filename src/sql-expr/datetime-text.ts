/**
 * The date and timestamp text Spark's typed literals accept (`DATE '2024-1-5'`,
 * `TIMESTAMP '2024-01-05 10:30:00.123+02:00'`), checked and taken apart without a time
 * zone database: an explicit offset is applied by the caller, a region id is left to the
 * engine.
 */

const DATE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[ T].*)?)?)?$/s;
const TIMESTAMP =
  /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[ T](\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{0,9}))?)?)?)?\s*(.*)$/s;
const OFFSET = /^(?:(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?|Z|UTC|GMT|UT)$/i;
const REGION = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+$/;

/** Milliseconds since the epoch of a UTC wall-clock time, or undefined if a field is out of range. */
function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  // Date.UTC rolls 2024-02-30 over to March; Spark rejects it.
  return date.getUTCDate() === d ? date.getTime() : undefined;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * `YYYY-MM-DD` for Spark's date forms (`2024`, `2024-1`, `2024-01-05`, `2024-01-05 xx`),
 * or undefined.
 *
 * @example
 * ```ts
 * parseDateText(" 2024-1-5 "); // "2024-01-05"
 * ```
 */
export function parseDateText(text: string): string | undefined {
  const m = DATE.exec(text.trim());
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? "1"), Number(m[3] ?? "1")];
  if (utcMs(y, mo, d) === undefined) return undefined;
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
}

/** A checked timestamp: its wall-clock time as UTC milliseconds, and the offset if one was written. */
export interface TimestampText {
  readonly wallClockMs: number;
  /** The wall-clock time as UTC microseconds (Spark keeps six fractional digits). */
  readonly wallClockMicros: bigint;
  /** Minutes east of UTC when the text has `Z` or `+hh:mm`; undefined for none or a region id. */
  readonly offsetMinutes: number | undefined;
}

/**
 * Takes Spark's timestamp text apart (`2024-01-05`, `2024-01-05 10:30`,
 * `2024-01-05T10:30:00.123456Z`, `... +02:00`, `... Europe/Paris`), or undefined.
 *
 * @example
 * ```ts
 * parseTimestampText("2024-01-05 10:00:00+01:00")?.offsetMinutes; // 60
 * ```
 */
export function parseTimestampText(text: string): TimestampText | undefined {
  const m = TIMESTAMP.exec(text.trim());
  if (m === null) return undefined;
  const n = (i: number, fallback: string): number => Number(m[i] ?? fallback);
  const fraction = (m[7] ?? "").padEnd(6, "0");
  const ms = Number(fraction.slice(0, 3));
  const wallClockMs = utcMs(n(1, "0"), n(2, "1"), n(3, "1"), n(4, "0"), n(5, "0"), n(6, "0"), ms);
  if (wallClockMs === undefined) return undefined;
  const wallClockMicros = BigInt(wallClockMs) * 1000n + BigInt(fraction.slice(3, 6));
  const zone = (m[8] ?? "").trim();
  if (zone === "" || REGION.test(zone))
    return { wallClockMs, wallClockMicros, offsetMinutes: undefined };
  const offset = OFFSET.exec(zone);
  if (offset === null) return undefined;
  if (offset[1] === undefined) return { wallClockMs, wallClockMicros, offsetMinutes: 0 };
  const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? "0");
  if (minutes > 18 * 60) return undefined;
  return { wallClockMs, wallClockMicros, offsetMinutes: offset[1] === "-" ? -minutes : minutes };
}
