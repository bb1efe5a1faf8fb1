/**
 * Byte sizes as Spark's `JavaUtils.byteStringAs` reads them: a whole number and an optional
 * unit (`b`, `k`/`kb`, `m`/`mb`, `g`/`gb`, `t`/`tb`, `p`/`pb`, any case, powers of 1024). A bare
 * number is in the key's default unit: mebibytes for `spark.driver.memory` and friends, bytes
 * for most others. Results are exact bytes (Spark would round `1500k` down to whole MiB when it
 * reads a MiB setting; we keep the bytes).
 */
import { invalidValue } from "./invalid.js";

/** A unit a size may be written in. */
export type ByteUnit = "b" | "k" | "m" | "g" | "t" | "p";

const POWERS: Readonly<Record<ByteUnit, number>> = { b: 0, k: 1, m: 2, g: 3, t: 4, p: 5 };
const SUFFIXES: Readonly<Record<string, ByteUnit>> = {
  b: "b",
  k: "k",
  kb: "k",
  m: "m",
  mb: "m",
  g: "g",
  gb: "g",
  t: "t",
  tb: "t",
  p: "p",
  pb: "p",
};

/** Keys whose bare numbers are not bytes (from Spark's `bytesConf(ByteUnit...)` entries). */
export const SIZE_DEFAULT_UNITS: Readonly<Record<string, ByteUnit>> = {
  "spark.driver.memory": "m",
  "spark.driver.memoryOverhead": "m",
  "spark.executor.memory": "m",
  "spark.executor.memoryOverhead": "m",
  "spark.executor.pyspark.memory": "m",
  "spark.kryoserializer.buffer.max": "m",
  "spark.reducer.maxSizeInFlight": "m",
  "spark.kryoserializer.buffer": "k",
  "spark.shuffle.file.buffer": "k",
  "spark.broadcast.blockSize": "k",
};

const ACCEPTED =
  "a whole number with an optional unit: bytes (b), kibibytes (k, kb), mebibytes (m, mb), " +
  "gibibytes (g, gb), tebibytes (t, tb) or pebibytes (p, pb), e.g. 50b, 100k, 250m, 4g";

function suffixUnit(suffix: string): ByteUnit | undefined {
  return Object.hasOwn(SUFFIXES, suffix) ? SUFFIXES[suffix] : undefined;
}

/**
 * The unit a bare number means for `key`.
 *
 * @example
 * ```ts
 * defaultByteUnit("spark.driver.memory"); // "m"
 * ```
 */
export function defaultByteUnit(key: string): ByteUnit {
  return Object.hasOwn(SIZE_DEFAULT_UNITS, key) ? (SIZE_DEFAULT_UNITS[key] ?? "b") : "b";
}

/**
 * Parses a size into bytes.
 *
 * @example
 * ```ts
 * parseByteSize("spark.driver.memory", "4g");   // 4294967296
 * parseByteSize("spark.driver.memory", "512");  // 536870912 (a bare number is MiB here)
 * parseByteSize("spark.sql.files.maxPartitionBytes", "128mb"); // 134217728
 * ```
 * @throws ConfigError `CONFIG_INVALID_VALUE` naming the key, the value and the accepted forms.
 */
export function parseByteSize(
  key: string,
  value: string,
  defaultUnit: ByteUnit = defaultByteUnit(key),
): number {
  const text = value.trim().toLowerCase();
  const match = /^([0-9]+)([a-z]+)?$/.exec(text);
  if (match === null) {
    const reason = /^[0-9]+\.[0-9]+[a-z]*$/.test(text)
      ? "fractional values are not supported"
      : "not a size";
    throw invalidValue(key, value, reason, ACCEPTED);
  }
  const suffix = match[2];
  const unit = suffix === undefined ? defaultUnit : suffixUnit(suffix);
  if (unit === undefined) {
    throw invalidValue(key, value, `invalid suffix "${suffix}"`, ACCEPTED);
  }
  const bytes = BigInt(match[1] ?? "0") * 1024n ** BigInt(POWERS[unit]);
  if (bytes > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalidValue(key, value, "too large (8 PiB or more)", ACCEPTED);
  }
  return Number(bytes);
}
