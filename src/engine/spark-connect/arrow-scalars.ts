/**
 * Scalar conversions for Arrow decoding (arrow.ts): epoch days to `"YYYY-MM-DD"`, epoch
 * counts to milliseconds, two's-complement words to `bigint`, UTF-8 bytes to text. Each
 * is on the per-value hot path, hence the fast paths.
 */
import { TimeUnit } from "apache-arrow";

const utf8 = new TextDecoder();
export const MS_PER_DAY = 86_400_000;

/** Year, month and day of a day count, with integer arithmetic (no Date range limit). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/**
 * `"YYYY-MM-DD"` for days since 1970-01-01 (proleptic Gregorian, as Spark), for every day
 * Spark's 32-bit dates hold: years beyond 9999 get a `+`, years before 0 a `-`.
 */
export function formatEpochDay(days: number): string {
  const [y, m, d] = civilFromDays(days);
  const year =
    y >= 0 && y <= 9999
      ? String(y).padStart(4, "0")
      : y < 0
        ? `-${String(-y).padStart(4, "0")}`
        : `+${y}`;
  return `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Milliseconds (floored) for an epoch count in `unit`, exact beyond 2^53 too. */
/** Microseconds since the epoch of an Arrow timestamp value (nanoseconds floor to micros). */
export function epochMicros(value: bigint, unit: TimeUnit): bigint {
  if (unit === TimeUnit.SECOND) return value * 1_000_000n;
  if (unit === TimeUnit.MILLISECOND) return value * 1000n;
  if (unit === TimeUnit.MICROSECOND) return value;
  const q = value / 1000n;
  return value < 0n && q * 1000n !== value ? q - 1n : q;
}

/** The signed integer in `count` 32-bit little-endian words starting at `start`. */
export function signedWords(words: Uint32Array, start: number, count: number): bigint {
  const lo = words[start] ?? 0;
  const hi = (words[start + 1] ?? 0) | 0;
  // Most decimals fit in 53 bits: the upper words only extend the sign, and one
  // Number -> BigInt conversion replaces four BigInt shifts.
  const ext = hi < 0 ? 0xffff_ffff : 0;
  let small = hi >= -0x20_0000 && hi < 0x20_0000;
  for (let k = 2; small && k < count; k++) small = words[start + k] === ext;
  if (small) return BigInt(hi * 0x1_0000_0000 + lo);
  let v = 0n;
  for (let k = count - 1; k >= 0; k--) v = (v << 32n) | BigInt(words[start + k] ?? 0);
  const bits = BigInt(count * 32);
  return (words[start + count - 1] ?? 0) & 0x8000_0000 ? v - (1n << bits) : v;
}

// Dates repeat (a day per partition, per event...): formatting each day once pays off.
const DAY_CACHE_LIMIT = 65_536;
const dayCache = new Map<number, string>();

export function cachedDay(days: number): string {
  let text = dayCache.get(days);
  if (text === undefined) {
    if (dayCache.size >= DAY_CACHE_LIMIT) dayCache.clear();
    text = formatEpochDay(days);
    dayCache.set(days, text);
  }
  return text;
}

/** UTF-8 text; short ASCII (ids, codes, names) skips TextDecoder's per-call cost. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  if (end - start <= 32) {
    let out = "";
    for (let i = start; i < end; i++) {
      const b = bytes[i] ?? 0;
      if (b >= 0x80) return utf8.decode(bytes.subarray(start, end));
      out += String.fromCharCode(b);
    }
    return out;
  }
  return utf8.decode(bytes.subarray(start, end));
}
