/**
 * Spark's string -> T casts, which accept less than DuckDB's: no `1_000`, no `0x1F`, no
 * `1e2` for integers; `Infinity` and `NaN` for floating point; surrounding whitespace
 * trimmed. Integers keep the whole part of `1.9` unless ANSI is on.
 */
import { BooleanType, type DataType, StringType } from "../../../types/data-types.js";
import { defaultTimestampSql } from "../datetime/default-cast.js";
import { integralDuckType, isIntegralType } from "../functions/integral.js";
import { toDuckDBType } from "../type-mapper.js";
import { type CastMode, checked, invalidInput, outOfRange } from "./cast-mode.js";

const INTEGER_TEXT = "^[+-]?[0-9]+$";
const INTEGER_WITH_FRACTION_TEXT = "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$";
const NUMBER_TEXT = "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$";
/** DuckDB also reads `infinity` and `epoch` as dates; Spark's dates start with the year. */
const DATE_START = "^[+-]?[0-9]";
const FLOAT_TEXT = "^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?[dDfF]?$";

/** Spark trims ASCII whitespace and control characters around the value. */
const trimmed = (sql: string): string =>
  `trim(${sql}, chr(32) || chr(9) || chr(10) || chr(13) || chr(11) || chr(12))`;

const matches = (sql: string, pattern: string): string =>
  `regexp_matches(${sql}, '${pattern.replaceAll("'", "''")}')`;

function toIntegral(sql: string, to: DataType, mode: CastMode): string {
  const t = trimmed(sql);
  const duck = integralDuckType(to);
  if (mode === "legacy") {
    // The whole part; `.5` and `-.5` have none, which is 0.
    const whole = `regexp_replace(regexp_replace(${t}, '\\.[0-9]*$', ''), '^([+-]?)$', '\\10')`;
    return `CASE WHEN ${matches(t, INTEGER_WITH_FRACTION_TEXT)} THEN TRY_CAST(${whole} AS ${duck}) END`;
  }
  const value = `CASE WHEN ${matches(t, INTEGER_TEXT)} THEN TRY_CAST(${t} AS ${duck}) END`;
  return checked(mode, value, sql, "CAST_INVALID_INPUT", invalidInput(sql, StringType, to));
}

function toFloating(sql: string, to: DataType, mode: CastMode): string {
  const t = trimmed(sql);
  const duck = toDuckDBType(to);
  const special = `lower(${t})`;
  const value = `CASE WHEN ${special} IN ('inf', '+inf', 'infinity', '+infinity') THEN CAST('Infinity' AS ${duck}) WHEN ${special} IN ('-inf', '-infinity') THEN CAST('-Infinity' AS ${duck}) WHEN ${special} = 'nan' THEN CAST('NaN' AS ${duck}) WHEN ${matches(t, FLOAT_TEXT)} THEN TRY_CAST(rtrim(${t}, 'dDfF') AS ${duck}) END`;
  return checked(mode, value, sql, "CAST_INVALID_INPUT", invalidInput(sql, StringType, to));
}

function toDecimal(sql: string, to: DataType, mode: CastMode): string {
  const t = trimmed(sql);
  // Plain text: DuckDB misrounds decimals written with an exponent (`9.999e-6`).
  const value = `TRY_CAST(tributary_plain_number(${t}) AS ${toDuckDBType(to)})`;
  if (mode !== "ansi") return `CASE WHEN ${matches(t, NUMBER_TEXT)} THEN ${value} END`;
  return `CASE WHEN ${sql} IS NULL THEN NULL WHEN NOT ${matches(t, NUMBER_TEXT)} THEN ${checked(mode, "NULL", sql, "CAST_INVALID_INPUT", invalidInput(sql, StringType, to))} ELSE ${checked(mode, value, sql, "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", outOfRange(t, to))} END`;
}

function toBoolean(sql: string, mode: CastMode): string {
  const v = `lower(${trimmed(sql)})`;
  const value = `CASE WHEN ${v} IN ('t', 'true', 'y', 'yes', '1') THEN TRUE WHEN ${v} IN ('f', 'false', 'n', 'no', '0') THEN FALSE END`;
  return checked(
    mode,
    value,
    sql,
    "CAST_INVALID_INPUT",
    invalidInput(sql, StringType, BooleanType),
  );
}

/** Spark's dates: `yyyy`, `yyyy-[m]m`, `yyyy-[m]m-[d]d`, optionally followed by a time. */
function toDate(sql: string, to: DataType, mode: CastMode): string {
  const t = trimmed(sql);
  const value = `CASE WHEN ${matches(t, DATE_START)} THEN coalesce(TRY_CAST(${t} AS DATE), CAST(TRY_CAST(${t} AS TIMESTAMP) AS DATE)) END`;
  return checked(mode, value, sql, "CAST_INVALID_INPUT", invalidInput(sql, StringType, to));
}

function toOther(sql: string, to: DataType, mode: CastMode, timeZone?: string): string {
  const t = trimmed(sql);
  const guard =
    to.typeName === "timestamp" || to.typeName === "timestamp_ntz"
      ? matches(t, DATE_START)
      : "TRUE";
  // A timestamp reads every shape Spark's cast takes (`2024-05-05 10:00:00 +02:00` too),
  // zone-less text as the session's wall clock: the same SQL as to_timestamp(text).
  const read =
    to.typeName === "timestamp"
      ? defaultTimestampSql(t, timeZone)
      : `TRY_CAST(${t} AS ${toDuckDBType(to)})`;
  const value = `CASE WHEN ${guard} THEN ${read} END`;
  return checked(mode, value, sql, "CAST_INVALID_INPUT", invalidInput(sql, StringType, to));
}

/** The SQL of `CAST(sql AS to)` for a string `sql`. */
export function castFromString(
  sql: string,
  to: DataType,
  mode: CastMode,
  timeZone?: string,
): string {
  if (isIntegralType(to)) return toIntegral(sql, to, mode);
  switch (to.typeName) {
    case "float":
    case "double":
      return toFloating(sql, to, mode);
    case "decimal":
      return toDecimal(sql, to, mode);
    case "boolean":
      return toBoolean(sql, mode);
    case "date":
      return toDate(sql, to, mode);
    case "binary":
      return `encode(${sql})`;
    default:
      return toOther(sql, to, mode, timeZone);
  }
}
