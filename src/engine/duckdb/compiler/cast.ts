/**
 * Spark's CAST semantics (ANSI off, Spark's default before 4.0 and ours) on DuckDB: a value
 * that does not convert becomes null; fractional -> integral truncates toward zero
 * (DuckDB would round); strings are trimmed; timestamps print without a zone offset, in
 * the session time zone, with trailing zeros of the fraction dropped.
 */
import type { DataType } from "../../../types/data-types.js";
import { toDuckDBType } from "../type-mapper.js";
import { wallClock } from "./wall-clock.js";

const INTEGRAL = new Set(["byte", "short", "integer", "long"]);
const FRACTIONAL = new Set(["float", "double", "decimal"]);

/** Spark's timestamp -> string: `yyyy-MM-dd HH:mm:ss[.fraction]`. */
export function timestampToStringSql(sql: string): string {
  return `CASE WHEN microsecond(${sql}) % 1000000 = 0 THEN strftime(${sql}, '%Y-%m-%d %H:%M:%S') ELSE rtrim(strftime(${sql}, '%Y-%m-%d %H:%M:%S.%f'), '0') END`;
}

/** Spark's lenient string -> boolean. */
function stringToBoolean(sql: string): string {
  const v = `lower(trim(${sql}))`;
  return `CASE WHEN ${v} IN ('t', 'true', 'y', 'yes', '1') THEN TRUE WHEN ${v} IN ('f', 'false', 'n', 'no', '0') THEN FALSE END`;
}

export function castSql(
  sql: string,
  from: DataType | undefined,
  to: DataType,
  tryCast: boolean,
  ansi = false,
  timeZone?: string,
): string {
  const target = toDuckDBType(to);
  const op = ansi && !tryCast ? "CAST" : "TRY_CAST";
  const f = from?.typeName;
  if (f !== undefined && f === to.typeName && to.typeName !== "decimal") return sql;
  // A timestamp's date is its wall-clock date in the session zone.
  if (f === "timestamp" && to.typeName === "date")
    return `CAST(${wallClock(sql, timeZone)} AS DATE)`;
  if (to.typeName === "string") {
    if (f === "timestamp" || f === "timestamp_ntz") return timestampToStringSql(sql);
    if (f === "binary") return `decode(${sql})`;
    return `CAST(${sql} AS VARCHAR)`;
  }
  if (f === "string") {
    if (to.typeName === "boolean") return stringToBoolean(sql);
    if (to.typeName === "date")
      return `coalesce(TRY_CAST(trim(${sql}) AS DATE), CAST(TRY_CAST(trim(${sql}) AS TIMESTAMP) AS DATE))`;
    if (INTEGRAL.has(to.typeName))
      return `${op}(trunc(TRY_CAST(trim(${sql}) AS DECIMAL(38,9))) AS ${target})`;
    return `${op}(trim(${sql}) AS ${target})`;
  }
  if (f !== undefined && FRACTIONAL.has(f) && INTEGRAL.has(to.typeName))
    return `${op}(trunc(${sql}) AS ${target})`;
  if (
    f !== undefined &&
    INTEGRAL.has(f) &&
    (to.typeName === "timestamp" || to.typeName === "timestamp_ntz")
  ) {
    return `${op}(to_timestamp(${sql}) AS ${target})`;
  }
  if ((f === "timestamp" || f === "timestamp_ntz") && INTEGRAL.has(to.typeName)) {
    return `${op}(floor(epoch_us(${sql}) / 1000000) AS ${target})`;
  }
  if ((f === "timestamp" || f === "timestamp_ntz") && FRACTIONAL.has(to.typeName)) {
    return `${op}(epoch_us(${sql}) / 1000000.0 AS ${target})`;
  }
  return `${op}(${sql} AS ${target})`;
}
