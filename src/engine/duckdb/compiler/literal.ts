/**
 * JS values -> DuckDB literal SQL of the exact Spark type: `1.5` is a DOUBLE (DuckDB would
 * read a bare `1.5` as DECIMAL), a `bigint` a BIGINT, a `Date` an instant.
 */
import type { LiteralValue } from "../../../plan/expression/literal.js";
import type { DataType } from "../../../types/data-types.js";
import { Decimal } from "../../../types/decimal.js";
import { Timestamp } from "../../../types/timestamp.js";
import { quoteString } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * `YYYY-MM-DD HH:MM:SS.ffffff` of a Date in UTC: six digits for a {@link Timestamp} (its
 * exact microseconds), milliseconds and three zeros for a plain Date.
 */
export function utcText(d: Date): string {
  const micros = d instanceof Timestamp ? pad(d.microsWithinMilli, 3) : "000";
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}${micros}`;
}

function numberSql(v: number, t: DataType): string {
  if (Number.isNaN(v)) return `CAST('NaN' AS ${toDuckDBType(t)})`;
  if (!Number.isFinite(v))
    return `CAST('${v > 0 ? "Infinity" : "-Infinity"}' AS ${toDuckDBType(t)})`;
  // DuckDB reads `-2147483648` as the negation of a BIGINT, so the smallest int needs a cast.
  if (t.typeName === "integer" && v > -2147483648) return String(v);
  // String(-0) is "0": the sign of a negative zero must reach the engine.
  if (Object.is(v, -0)) return `CAST('-0.0' AS ${toDuckDBType(t)})`;
  return `CAST(${quoteString(String(v))} AS ${toDuckDBType(t)})`;
}

function isList(v: LiteralValue): v is readonly LiteralValue[] {
  return Array.isArray(v);
}

/** The SQL literal for a value of Spark type `t`. */
export function literalSql(value: LiteralValue, t: DataType): string {
  if (value === null) return t.typeName === "null" ? "NULL" : `CAST(NULL AS ${toDuckDBType(t)})`;
  if (isList(value)) {
    const elementType = t.typeName === "array" ? t.elementType : t;
    return `[${value.map((v: LiteralValue) => literalSql(v, elementType)).join(", ")}]`;
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return numberSql(value, t);
  if (typeof value === "bigint") return `CAST(${value.toString()} AS ${toDuckDBType(t)})`;
  if (value instanceof Decimal)
    return `CAST(${quoteString(value.toString())} AS ${toDuckDBType(t)})`;
  if (value instanceof Date) {
    return t.typeName === "timestamp_ntz"
      ? `CAST(${quoteString(utcText(value))} AS TIMESTAMP)`
      : `CAST(${quoteString(`${utcText(value)}+00`)} AS TIMESTAMPTZ)`;
  }
  if (value instanceof Uint8Array)
    return `from_hex(${quoteString(Buffer.from(value).toString("hex"))})`;
  if (t.typeName === "string") return quoteString(value);
  return `CAST(${quoteString(value)} AS ${toDuckDBType(t)})`;
}
