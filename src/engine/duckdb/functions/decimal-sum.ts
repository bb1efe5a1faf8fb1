/**
 * Spark's sum of decimals is a `decimal(p + 10, s)` (at most 38 digits); a sum past it is
 * null, or NUMERIC_VALUE_OUT_OF_RANGE under ANSI. DuckDB sums every decimal in 128 bits as
 * DECIMAL(38, s) and does not check the 38 digits, so the bound is compared explicitly.
 */
import type { DecimalType } from "../../../types/data-types.js";
import { outOfRange } from "../compiler/cast-mode.js";
import { raiseSql } from "../runtime-errors.js";
import { quoteString } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";

/** `inner` (DuckDB's decimal sum) in Spark's sum type `t`, checked against its bound. */
export function decimalSumSql(inner: string, t: DecimalType, ansi: boolean): string {
  const whole = "9".repeat(t.precision - t.scale);
  const max = t.scale > 0 ? `${whole}.${"9".repeat(t.scale)}` : whole;
  const duck = toDuckDBType(t);
  const over = ansi
    ? raiseSql("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", ...outOfRange(inner, t))
    : "NULL";
  return `CASE WHEN abs(${inner}) > CAST(${quoteString(max)} AS ${duck}) THEN ${over} ELSE CAST(${inner} AS ${duck}) END`;
}
