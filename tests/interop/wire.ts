/**
 * Test rows to the JSON the peers read. Loose on purpose: a test may write bigint, Date,
 * Uint8Array or Map values, or the peers' own string forms, and get the same table.
 */
export type WireValue = null | boolean | number | string | WireValue[] | { [k: string]: WireValue };

export function toWire(value: unknown): WireValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return value.toString(); // the peers parse longs from strings
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [toWire(k), toWire(v)]);
  if (Array.isArray(value)) return value.map(toWire);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return String(value); // e.g. a Decimal
  const out: { [k: string]: WireValue } = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toWire(v);
  return out;
}
