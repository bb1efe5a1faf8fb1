/**
 * Spark's CAST on DuckDB, for every pair of types, in the three modes of `cast-mode.ts`
 * (non-ANSI, ANSI, try_cast). Pairs Spark refuses fail at analysis with its error class;
 * the rules of each family live in `cast-from-string.ts`, `cast-number.ts` and
 * `cast-to-string.ts`.
 */
import { AnalysisError } from "../../../errors.js";
import { type DataType, DoubleType, LongType } from "../../../types/data-types.js";
import { isIntegralType } from "../functions/integral.js";
import { toDuckDBType } from "../type-mapper.js";
import { castFromString } from "./cast-from-string.js";
import {
  type CastMode,
  castMode,
  castOverflow,
  checked,
  invalidInput,
  sqlTypeName,
} from "./cast-mode.js";
import { castNumber } from "./cast-number.js";
import { castToString } from "./cast-to-string.js";
import { wallClock } from "./wall-clock.js";

const NUMERIC = new Set(["byte", "short", "integer", "long", "float", "double", "decimal"]);
const COMPLEX = new Set(["array", "map", "struct"]);
const isTimestamp = (t: DataType): boolean =>
  t.typeName === "timestamp" || t.typeName === "timestamp_ntz";

/** The Spark error class refusing `from` -> `to`, or undefined when the cast is allowed. */
type CastMismatch =
  | "CAST_WITHOUT_SUGGESTION"
  | "CAST_WITH_CONF_SUGGESTION"
  | "CAST_WITH_FUNC_SUGGESTION";

function mismatch(from: DataType, to: DataType, mode: CastMode): CastMismatch | undefined {
  const strict = mode !== "legacy";
  // try_cast refuses what ANSI refuses, without ANSI's suggestion.
  const suggest = (s: CastMismatch): CastMismatch =>
    mode === "ansi" ? s : "CAST_WITHOUT_SUGGESTION";
  const complex = (t: DataType): boolean => COMPLEX.has(t.typeName);
  if ((complex(from) || complex(to)) && to.typeName !== "string" && from.typeName !== to.typeName)
    return "CAST_WITHOUT_SUGGESTION";
  const numberLike = (t: DataType): boolean => NUMERIC.has(t.typeName) || t.typeName === "boolean";
  if (to.typeName === "date" && numberLike(from))
    return strict && from.typeName !== "boolean"
      ? suggest("CAST_WITH_FUNC_SUGGESTION")
      : "CAST_WITHOUT_SUGGESTION";
  if (from.typeName === "timestamp_ntz" && numberLike(to)) return "CAST_WITHOUT_SUGGESTION";
  if (strict && from.typeName === "date" && numberLike(to))
    return suggest(
      to.typeName === "boolean" ? "CAST_WITH_CONF_SUGGESTION" : "CAST_WITH_FUNC_SUGGESTION",
    );
  if (strict && from.typeName === "timestamp" && to.typeName === "boolean")
    return suggest("CAST_WITH_CONF_SUGGESTION");
  if (strict && from.typeName === "boolean" && isTimestamp(to))
    return suggest("CAST_WITH_CONF_SUGGESTION");
  if (to.typeName === "timestamp_ntz" && numberLike(from)) return "CAST_WITHOUT_SUGGESTION";
  if (to.typeName === "binary" && from.typeName !== "string" && from.typeName !== "binary") {
    if (isIntegralType(from)) return strict ? suggest("CAST_WITH_CONF_SUGGESTION") : undefined;
    return "CAST_WITHOUT_SUGGESTION";
  }
  if (from.typeName === "binary" && to.typeName !== "string" && to.typeName !== "binary")
    return "CAST_WITHOUT_SUGGESTION";
  return undefined;
}

function timestampSource(
  sql: string,
  from: DataType,
  to: DataType,
  mode: CastMode,
  zone?: string,
): string | undefined {
  if (to.typeName === "date") {
    return from.typeName === "timestamp"
      ? `CAST(${wallClock(sql, zone)} AS DATE)`
      : `CAST(${sql} AS DATE)`;
  }
  if (to.typeName === "boolean") return `(epoch_us(${sql}) <> 0)`;
  if (NUMERIC.has(to.typeName)) {
    const fractional =
      to.typeName === "double" || to.typeName === "float" || to.typeName === "decimal";
    const seconds = fractional
      ? `(epoch_us(${sql}) / 1000000.0)`
      : `CAST(floor(epoch_us(${sql}) / 1000000) AS BIGINT)`;
    return castNumber(seconds, fractional ? DoubleType : LongType, to, mode);
  }
  return undefined;
}

/**
 * A number -> timestamp: seconds since the epoch, truncated to microseconds as Spark does
 * (a boolean is one microsecond); NaN, the infinities and values past a long of
 * microseconds do not convert.
 */
function numberToTimestamp(sql: string, from: DataType, to: DataType, mode: CastMode): string {
  const micros =
    from.typeName === "boolean"
      ? `CAST(${sql} AS HUGEINT)`
      : isIntegralType(from)
        ? `(CAST(${sql} AS HUGEINT) * 1000000)`
        : from.typeName === "decimal" && from.precision <= 31
          ? `trunc(${sql} * CAST(1000000 AS DECIMAL(7,0)))`
          : `trunc(CAST(${sql} AS DOUBLE) * 1000000.0)`;
  const fits = `CASE WHEN abs(${micros}) < 9223372036854775807 THEN CAST(${micros} AS BIGINT) END`;
  const instant = `TRY_CAST(to_timestamp(0) + to_microseconds(${fits}) AS ${toDuckDBType(to)})`;
  const finite =
    from.typeName === "double" || from.typeName === "float" ? `isfinite(${sql})` : "TRUE";
  if (mode !== "ansi") return `CASE WHEN ${finite} THEN ${instant} END`;
  const text = `CAST(${sql} AS VARCHAR)`;
  return checked(
    mode,
    checked(
      mode,
      instant,
      `CASE WHEN ${finite} THEN ${sql} END`,
      "CAST_OVERFLOW",
      castOverflow(sql, from, to),
    ),
    sql,
    "CAST_INVALID_INPUT",
    invalidInput(text, from, to),
  );
}

export function castSql(
  sql: string,
  from: DataType | undefined,
  to: DataType,
  tryCast: boolean,
  ansi = false,
  timeZone?: string,
): string {
  const mode = castMode(tryCast, ansi);
  const target = toDuckDBType(to);
  if (from === undefined) return `${mode === "ansi" ? "CAST" : "TRY_CAST"}(${sql} AS ${target})`;
  if (from.typeName === to.typeName && to.typeName !== "decimal" && NUMERIC.has(to.typeName))
    return sql;
  if (from.typeName === "null") return `CAST(${sql} AS ${target})`;
  const refused = mismatch(from, to, mode);
  if (refused !== undefined) {
    throw new AnalysisError(
      `DATATYPE_MISMATCH.${refused}` as const,
      `Cannot cast ${sqlTypeName(from)} to ${sqlTypeName(to)}.`,
      {
        hint: "Convert the value with a function instead (for example date_from_unix_date, unhex or encode).",
      },
    );
  }
  if (to.typeName === "string") return castToString(sql, from, mode);
  if (from.typeName === "string") return castFromString(sql, to, mode, timeZone);
  if (isTimestamp(from)) {
    const out = timestampSource(sql, from, to, mode, timeZone);
    if (out !== undefined) return out;
  }
  if (isTimestamp(to) && (NUMERIC.has(from.typeName) || from.typeName === "boolean"))
    return numberToTimestamp(sql, from, to, mode);
  const number = castNumber(sql, from, to, mode);
  if (number !== undefined) return number;
  if (from.typeName === to.typeName && to.typeName !== "decimal") return sql;
  return `${mode === "ansi" ? "CAST" : "TRY_CAST"}(${sql} AS ${target})`;
}
