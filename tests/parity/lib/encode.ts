/**
 * Lossless, engine-neutral encoding of result values, the same as scripts/parity/oracle.py
 * writes: long and decimal as text, doubles as numbers except "NaN", "Infinity",
 * "-Infinity", "-0.0", dates "yyyy-mm-dd", timestamps "yyyy-mm-ddThh:mm:ss.ffffff" (UTC),
 * binary as hex, arrays as lists, maps as [key, value] pairs, structs as lists.
 */
import type { DataType } from "../../../src/types/data-types.js";
import { Timestamp } from "../../../src/types/timestamp.js";

export type Encoded = null | boolean | number | string | Encoded[];

function encodeDouble(v: number): Encoded {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "Infinity";
  if (v === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (Object.is(v, -0)) return "-0.0";
  return v;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/** Proleptic Gregorian y-m-d of days since 1970-01-01, for any year (as the oracle does). */
function civilFromDays(days: bigint): [bigint, number, number] {
  const z = days + 719468n;
  const era = (z >= 0n ? z : z - 146096n) / 146097n;
  const doe = z - era * 146097n;
  const yoe = (doe - doe / 1460n + doe / 36524n - doe / 146096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const d = Number(doy - (153n * mp + 2n) / 5n + 1n);
  const m = Number(mp < 10n ? mp + 3n : mp - 9n);
  return [yoe + era * 400n + (m <= 2 ? 1n : 0n), m, d];
}

const two = (n: number | bigint): string => String(n).padStart(2, "0");

function formatYear(y: bigint): string {
  if (y >= 0n && y <= 9999n) return String(y).padStart(4, "0");
  return y > 0n ? `+${y}` : `-${String(-y).padStart(6, "0")}`;
}

function formatDays(days: bigint): string {
  const [y, m, d] = civilFromDays(days);
  return `${formatYear(y)}-${two(m)}-${two(d)}`;
}

const floorDiv = (a: bigint, b: bigint): bigint => (a % b !== 0n && a < 0n ? a / b - 1n : a / b);

function formatTimestamp(v: Date): string {
  const us = Timestamp.from(v).epochMicros;
  const days = floorDiv(us, 86_400_000_000n);
  const rest = us - days * 86_400_000_000n;
  const secs = rest / 1_000_000n;
  const micros = String(rest % 1_000_000n).padStart(6, "0");
  return `${formatDays(days)}T${two(secs / 3600n)}:${two((secs / 60n) % 60n)}:${two(secs % 60n)}.${micros}`;
}

/** A date as tributary returns it ("yyyy-mm-dd", or more digits past 9999) in the oracle's form. */
function formatDate(v: string): string {
  const m = /^([+-]?)(\d+)-(\d{2})-(\d{2})$/.exec(v);
  if (m === null) return v;
  const year = BigInt(m[2] ?? "0") * (m[1] === "-" ? -1n : 1n);
  return `${formatYear(year)}-${m[3]}-${m[4]}`;
}

/** Why a value could not be encoded as its declared type: a disagreement, not a crash. */
function odd(v: unknown): string {
  return `<${typeof v}:${String(v)}>`;
}

export function encodeValue(v: unknown, t: DataType): Encoded {
  if (v === null || v === undefined) return null;
  switch (t.typeName) {
    case "float":
    case "double":
      return typeof v === "number" ? encodeDouble(v) : odd(v);
    case "long":
      return typeof v === "bigint" || typeof v === "number" ? String(v) : odd(v);
    case "byte":
    case "short":
    case "integer":
      return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : odd(v);
    case "decimal":
      return String(v);
    case "boolean":
      return typeof v === "boolean" ? v : odd(v);
    case "string":
      return typeof v === "string" ? v : odd(v);
    case "binary":
      return v instanceof Uint8Array ? hex(v) : odd(v);
    case "date":
      if (typeof v === "string") return formatDate(v);
      return v instanceof Date ? formatDays(floorDiv(BigInt(v.getTime()), 86_400_000n)) : odd(v);
    case "timestamp":
    case "timestamp_ntz":
      return v instanceof Date ? formatTimestamp(v) : odd(v);
    case "array":
      return Array.isArray(v) ? v.map((x) => encodeValue(x, t.elementType)) : odd(v);
    case "map": {
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as object);
      return entries.map(([k, x]) => [encodeValue(k, t.keyType), encodeValue(x, t.valueType)]);
    }
    case "struct": {
      const obj = v as Record<string, unknown>;
      return t.fields.map((f) => encodeValue(obj[f.name], f.dataType));
    }
    default:
      return String(v);
  }
}

/**
 * A result row's values in column order. Columns sharing a name are read by position, as the
 * oracle reads PySpark's rows (src/engine/rows.ts keeps each value at its position).
 */
export function rowValues(row: Readonly<Record<string, unknown>>, names: readonly string[]) {
  const byPosition = new Set(names).size !== names.length;
  return names.map((n, j) => (byPosition ? row[j] : row[n]));
}
