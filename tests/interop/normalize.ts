/**
 * One value representation for comparing row sets from any source: our engine, delta-rs
 * or delta-spark. It is the peers' JSON form (see scripts/interop/peerkit/values.py):
 *   64-bit integers  number when |n| <= 2^53, else a decimal string
 *   decimals         string with exactly the type's scale (needs the schema), else String(v)
 *   floats           number; NaN and infinities as "NaN", "Infinity", "-Infinity"
 *   dates            "YYYY-MM-DD" (needs the schema for a JS Date)
 *   timestamps       "YYYY-MM-DDTHH:MM:SS.ffffffZ"; timestamp_ntz without the "Z"
 *   binary           base64;  maps: [key, value] pairs sorted by key;  structs: objects
 * Rows come back sorted by their canonical JSON, so order never matters.
 */
import { type DataType, decimalScale, type StructType } from "./schema.js";

export type NormalValue =
  | null
  | boolean
  | number
  | string
  | NormalValue[]
  | { [key: string]: NormalValue };

export type NormalRow = { [column: string]: NormalValue };

const SAFE = 2n ** 53n;

/** Normalizes and sorts rows; pass the schema to pin decimals, dates and timestamps. */
export function normalizeRows(rows: readonly unknown[], schema?: StructType): NormalRow[] {
  const out = rows.map((row) => normalizeStruct(row, schema) as NormalRow);
  return out.sort((a, b) => compareText(canonicalJson(a), canonicalJson(b)));
}

/** Normalizes one value, by its Spark type when given. */
export function normalizeValue(value: unknown, type?: DataType): NormalValue {
  if (value === null || value === undefined) return null;
  if (type === undefined) return generic(value);
  if (typeof type !== "string") {
    if (type.type === "struct") return normalizeStruct(value, type);
    if (type.type === "array") {
      return asArray(value).map((v) => normalizeValue(v, type.elementType));
    }
    return normalizeMap(value, type.keyType, type.valueType);
  }
  const scale = decimalScale(type);
  if (scale !== undefined) return rescale(String(value), scale);
  switch (type) {
    case "long":
    case "integer":
    case "short":
    case "byte":
      return integer(value);
    case "date":
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    case "timestamp":
      return instant(value, true);
    case "timestamp_ntz":
      return instant(value, false);
    default:
      return generic(value);
  }
}

function normalizeStruct(value: unknown, type: StructType | undefined): NormalValue {
  if (type === undefined) return generic(value);
  const record = value as Record<string, unknown>;
  const out: NormalRow = {};
  for (const field of type.fields) out[field.name] = normalizeValue(record[field.name], field.type);
  return out;
}

function normalizeMap(value: unknown, keyType?: DataType, valueType?: DataType): NormalValue {
  const entries: [unknown, unknown][] =
    value instanceof Map
      ? [...value.entries()]
      : Array.isArray(value)
        ? value.map((pair) => asArray(pair) as [unknown, unknown])
        : Object.entries(value as Record<string, unknown>);
  const pairs = entries.map(([k, v]) => ({
    key: normalizeValue(k, keyType),
    value: normalizeValue(v, valueType),
  }));
  pairs.sort((a, b) => compareText(canonicalJson(a.key), canonicalJson(b.key)));
  return pairs.map(({ key, value }) => [key, value]);
}

function generic(value: unknown): NormalValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return integer(value);
  if (typeof value === "number") return float(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return instant(value, true);
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (value instanceof Map) return normalizeMap(value);
  if (Array.isArray(value)) return value.map(generic);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return String(value); // e.g. a Decimal
  const out: NormalRow = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = generic(v);
  return out;
}

function integer(value: unknown): NormalValue {
  if (typeof value === "number") return value;
  const n = BigInt(String(value));
  return n >= -SAFE && n <= SAFE ? Number(n) : n.toString();
}

function float(value: number): NormalValue {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  return value;
}

/** Pads a decimal's fraction to `scale` digits with string arithmetic: no float rounding. */
function rescale(text: string, scale: number): string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return text;
  const [, sign = "", whole = "", frac = ""] = match;
  if (frac.length > scale && /[1-9]/.test(frac.slice(scale))) return text; // would round
  const digits = frac.slice(0, scale).padEnd(scale, "0");
  const intPart = whole.replace(/^0+(?=\d)/, "") || "0";
  const isZero = /^0*$/.test(intPart + digits);
  const body = scale > 0 ? `${intPart}.${digits}` : intPart;
  return sign === "-" && !isZero ? `-${body}` : body;
}

const ISO = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)?$/;

/** An instant as "...ss.ffffffZ" in UTC (or wall-clock time when withZone is false). */
function instant(value: unknown, withZone: boolean): NormalValue {
  if (value instanceof Date) {
    // tributary's Timestamp (a Date) keeps microseconds; a plain Date has milliseconds.
    const micros =
      "toISOStringMicros" in value && typeof value.toISOStringMicros === "function"
        ? String(value.toISOStringMicros())
        : `${value.toISOString().slice(0, 23)}000Z`;
    return withZone ? micros : micros.slice(0, 26);
  }
  const text = String(value);
  const match = ISO.exec(text);
  if (!match) return text;
  const [, day, time, frac = "", zone] = match;
  const micros = frac.slice(0, 6).padEnd(6, "0");
  if (!withZone) return `${day}T${time}.${micros}`;
  const seconds = Date.parse(`${day}T${time}${zone ?? "Z"}`);
  return `${new Date(seconds).toISOString().slice(0, 19)}.${micros}Z`;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : Array.from(value as Iterable<unknown>);
}

/** JSON with object keys sorted, so equal values give equal text. */
export function canonicalJson(value: NormalValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort(compareText);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
