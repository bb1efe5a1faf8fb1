/**
 * Java's fixed-width integers in DuckDB SQL. Spark's non-ANSI arithmetic and casts wrap
 * around like Java's `int` and `long` (`Integer.MAX_VALUE + 1` is `Integer.MIN_VALUE`),
 * where DuckDB would fail: results are computed in HUGEINT and reduced to the width.
 */
import type { DataType } from "../../../types/data-types.js";

const BITS: Readonly<Record<string, number>> = { byte: 8, short: 16, integer: 32, long: 64 };
const DUCK: Readonly<Record<string, string>> = {
  byte: "TINYINT",
  short: "SMALLINT",
  integer: "INTEGER",
  long: "BIGINT",
};

/** The bit width of an integral Spark type, or undefined for any other type. */
export function integralBits(t: DataType | undefined): number | undefined {
  return t === undefined ? undefined : BITS[t.typeName];
}

export function isIntegralType(t: DataType | undefined): boolean {
  return integralBits(t) !== undefined;
}

/** DuckDB's name of an integral Spark type. */
export function integralDuckType(t: DataType): string {
  return DUCK[t.typeName] ?? "BIGINT";
}

/** The smallest and largest value of a `bits`-wide signed integer. */
export function integralRange(bits: number): { min: bigint; max: bigint } {
  const half = 1n << BigInt(bits - 1);
  return { min: -half, max: half - 1n };
}

/** `sql` (any integer, evaluated once) reduced modulo 2^bits into the signed range, as Java's casts do. */
export function wrapSql(sql: string, bits: number, duckType: string): string {
  const half = 1n << BigInt(bits - 1);
  const mask = (1n << BigInt(bits)) - 1n;
  return `CAST(((CAST(${sql} AS HUGEINT) + ${half}) & CAST(${mask} AS HUGEINT)) - ${half} AS ${duckType})`;
}

/** `sql` as HUGEINT, where a product of two longs still fits. */
export const huge = (sql: string): string => `CAST(${sql} AS HUGEINT)`;
