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

function formatTimestamp(v: Date): string {
  const iso = Timestamp.from(v).toISOStringMicros();
  return iso.endsWith("Z") ? iso.slice(0, -1) : iso;
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
      return typeof v === "string" ? v : v instanceof Date ? v.toISOString().slice(0, 10) : odd(v);
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
