/**
 * Partition values as the protocol serializes them (strings in `partitionValues`): numbers
 * as their text, dates `yyyy-MM-dd`, timestamps as ISO 8601 in UTC (the form the protocol
 * recommends), booleans `true`/`false`, null as null. Empty strings read as null.
 */
import type { DataType } from "../../types/data-types.js";

/** DuckDB's text of a partition value (from COPY's partition_keys) -> the protocol's text. */
export function serializePartitionValue(text: string | null, type: DataType): string | null {
  if (text === null) return null;
  if (type.typeName === "timestamp") return toIsoUtc(text);
  if (type.typeName === "timestamp_ntz") return text.replace("T", " ");
  if (type.typeName === "boolean") return text.toLowerCase();
  return text;
}

/** `2001-01-01 00:00:00+00` / `...05.123456+02:00` -> `2001-01-01T00:00:00.000000Z`. */
export function toIsoUtc(text: string): string {
  const m =
    /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      text.trim(),
    );
  if (m === null) return text;
  const [, y, mo, d, h, mi, s, frac = "", zone = "Z"] = m;
  const micros = `${frac}000000`.slice(0, 6);
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offsetMinutes = zoneMinutes(zone);
  const utc = new Date(base - offsetMinutes * 60_000);
  return `${utc.toISOString().slice(0, 19)}.${micros}Z`;
}

function zoneMinutes(zone: string): number {
  if (zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
}
