/**
 * Spark's casts between numbers (and booleans): without ANSI, integers wrap like Java's
 * `(int) someLong`, a double saturates to an int or long (NaN is 0) and narrows further
 * by wrapping; decimals round HALF_UP and give null when they do not fit. A double goes
 * to a decimal through its Java text, as Spark's `BigDecimal(Double.toString(d))` does, so
 * `1.005` rounds to `1.01`.
 */
import type { DataType } from "../../../types/data-types.js";
import {
  integralBits,
  integralDuckType,
  integralRange,
  isIntegralType,
  wrapSql,
} from "../functions/integral.js";
import { toDuckDBType } from "../type-mapper.js";
import { type CastMode, castOverflow, checked, outOfRange } from "./cast-mode.js";

const isFloating = (t: DataType): boolean => t.typeName === "double" || t.typeName === "float";

/** Java's `(int) d` / `(long) d`: saturating, NaN is 0. */
function saturate(sql: string, bits: 32 | 64): string {
  const { min, max } = integralRange(bits);
  const limit = bits === 32 ? "2147483648.0" : "9223372036854775808.0";
  return `CASE WHEN isnan(${sql}) THEN 0 WHEN ${sql} >= ${limit} THEN ${max} WHEN ${sql} <= -${limit} THEN ${min} ELSE CAST(trunc(${sql}) AS ${bits === 32 ? "INTEGER" : "BIGINT"}) END`;
}

function toIntegral(sql: string, from: DataType, to: DataType, mode: CastMode): string {
  const bits = integralBits(to) ?? 64;
  const duck = integralDuckType(to);
  const fromBits = integralBits(from);
  if (fromBits !== undefined && fromBits <= bits) return `CAST(${sql} AS ${duck})`;
  if (from.typeName === "boolean") return `CAST(${sql} AS ${duck})`;
  if (mode === "legacy") {
    if (isFloating(from)) {
      if (bits >= 32) return saturate(sql, bits === 64 ? 64 : 32);
      return wrapSql(saturate(sql, 32), bits, duck);
    }
    const whole = from.typeName === "decimal" ? `trunc(${sql})` : sql;
    return wrapSql(whole, bits, duck);
  }
  const whole = fromBits === undefined ? `trunc(${sql})` : sql;
  return checked(
    mode,
    `TRY_CAST(${whole} AS ${duck})`,
    sql,
    "CAST_OVERFLOW",
    castOverflow(sql, from, to),
  );
}

function toDecimal(sql: string, from: DataType, to: DataType, mode: CastMode): string {
  const duck = toDuckDBType(to);
  if (isFloating(from)) {
    // NaN and the infinities have no decimal: null even in ANSI mode, as in Spark.
    // Plain text: DuckDB misrounds decimals written with an exponent.
    const text = `tributary_plain_number(tributary_double_text(CAST(${sql} AS DOUBLE)))`;
    const finite = `CASE WHEN isfinite(${sql}) THEN ${sql} END`;
    return checked(
      mode,
      `TRY_CAST(${text} AS ${duck})`,
      finite,
      "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
      outOfRange(sql, to),
    );
  }
  const value =
    from.typeName === "boolean"
      ? `TRY_CAST(CAST(${sql} AS INTEGER) AS ${duck})`
      : `TRY_CAST(${sql} AS ${duck})`;
  return checked(
    mode,
    value,
    sql,
    "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
    outOfRange(sql, to),
  );
}

/** Spark's integer -> binary: the big-endian two's complement bytes of the value. */
function integralToBinary(sql: string, from: DataType): string {
  const bytes = (integralBits(from) ?? 64) / 8;
  return `unhex(right(lpad(hex(CAST(${sql} AS BIGINT)), 16, '0'), ${bytes * 2}))`;
}

/** The SQL of `CAST(sql AS to)` between numbers / booleans, or undefined for other pairs. */
export function castNumber(
  sql: string,
  from: DataType,
  to: DataType,
  mode: CastMode,
): string | undefined {
  const numeric = (t: DataType): boolean =>
    isIntegralType(t) || isFloating(t) || t.typeName === "decimal" || t.typeName === "boolean";
  if (!numeric(from)) return undefined;
  if (to.typeName === "binary" && isIntegralType(from)) return integralToBinary(sql, from);
  if (!numeric(to)) return undefined;
  if (isIntegralType(to)) return toIntegral(sql, from, to, mode);
  if (to.typeName === "decimal") return toDecimal(sql, from, to, mode);
  if (to.typeName === "boolean") return `CAST(${sql} AS BOOLEAN)`;
  return `CAST(${sql} AS ${toDuckDBType(to)})`;
}
