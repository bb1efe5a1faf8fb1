/**
 * Engine values to JSON values for results, and Python's ordering of them. Results must be
 * plain JSON (GE's are): 64-bit integers and decimals become numbers (GE's pandas engine
 * reports floats for them too), instants become ISO 8601 text, binary becomes base64.
 */
import { Decimal } from "../types/decimal.js";
import { Timestamp } from "../types/timestamp.js";
import type { JsonValue } from "./results.js";

/**
 * The JSON form of a value from `collect()`.
 *
 * @example
 * ```ts
 * toJsonValue(12n);                              // 12
 * toJsonValue(new Date("2024-01-01T00:00:00Z")); // "2024-01-01T00:00:00.000Z"
 * ```
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Decimal) return value.toNumber();
  if (value instanceof Timestamp) return value.toISOStringMicros();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value instanceof Map) {
    return Object.fromEntries([...value].map(([k, v]) => [String(k), toJsonValue(v)]));
  }
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  }
  return String(value);
}

/** A number from a count or sum that the engine may return as bigint, Decimal or number. */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return value;
  if (value instanceof Decimal) return value.toNumber();
  return null;
}

/**
 * Python 3's `<` between two JSON values as GE's pandas engine holds them: -1, 0 or 1, or
 * `undefined` where Python raises TypeError (text against numbers). A null is pandas' NaN:
 * it orders against nothing numeric (0) but still refuses text. Lists compare item by item,
 * as tuples do; booleans are numbers, as in Python.
 */
export function pythonCompare(a: JsonValue, b: JsonValue): number | undefined {
  const num = (v: JsonValue) => (typeof v === "boolean" ? Number(v) : v);
  const x = num(a);
  const y = num(b);
  const numeric = (v: JsonValue) => v === null || typeof v === "number";
  if (x === null || y === null) return numeric(x) && numeric(y) ? 0 : undefined;
  if (typeof x === "number" && typeof y === "number") return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === "string" && typeof y === "string") return x < y ? -1 : x > y ? 1 : 0;
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const xi = x[i] ?? null;
      const yi = y[i] ?? null;
      if (xi === yi && xi !== null) continue;
      const c = pythonCompare(xi, yi);
      if (c !== 0) return c;
    }
    return Math.sign(x.length - y.length);
  }
  return undefined;
}

/** A key under which equal values (as Python's `==` sees them) count together. */
export function valueKey(value: JsonValue): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "boolean" ? Number(v) : v));
}
