/**
 * The JS value of a Spark `timestamp` (and `timestamp_ntz`): a `Date` — so it works wherever
 * a Date does — that also keeps the exact microseconds Spark and Delta store, which a Date's
 * milliseconds would silently round away.
 *
 * @example
 * ```ts
 * const [row] = await spark.sql("SELECT TIMESTAMP '2024-01-02 01:30:00.123456+00' AS ts").collect();
 * row.ts instanceof Date;         // true
 * row.ts.toISOString();           // "2024-01-02T01:30:00.123Z"
 * row.ts.toISOStringMicros();     // "2024-01-02T01:30:00.123456Z"
 * row.ts.epochMicros;             // 1704159000123456n
 * ```
 */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

export class Timestamp extends Date {
  /** Microseconds since 1970-01-01T00:00:00Z (for timestamp_ntz: of the wall-clock time in UTC). */
  readonly epochMicros: bigint;

  constructor(epochMicros: bigint) {
    // Every timestamp Spark or Delta can hold is within 2^53 microseconds of the epoch
    // (year 2255): plain number arithmetic then is exact and far cheaper than bigint division.
    const n = Number(epochMicros);
    super(Number.isSafeInteger(n) ? Math.floor(n / 1000) : Number(floorDiv(epochMicros, 1000n)));
    this.epochMicros = epochMicros;
  }

  /** A Timestamp from a Date (microseconds 0) or from epoch microseconds. */
  static from(value: Date | bigint): Timestamp {
    if (value instanceof Timestamp) return value;
    return typeof value === "bigint"
      ? new Timestamp(value)
      : new Timestamp(BigInt(value.getTime()) * 1000n);
  }

  /** The microseconds within the current millisecond (0-999). */
  get microsWithinMilli(): number {
    return Number(this.epochMicros - floorDiv(this.epochMicros, 1000n) * 1000n);
  }

  /** ISO 8601 in UTC with six fractional digits. */
  toISOStringMicros(): string {
    const iso = this.toISOString();
    return `${iso.slice(0, 23)}${String(this.microsWithinMilli).padStart(3, "0")}Z`;
  }
}
