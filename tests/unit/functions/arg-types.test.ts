/**
 * Spark's argument type check (DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE) on the embedded
 * engine. Every refused call, its message, and every accepted call is what PySpark 4.0.1
 * (classic, local) answered for the same `selectExpr` over the same columns, with
 * spark.sql.ansi.enabled both false and true.
 */
import { describe, expect, it } from "vitest";
import { AnalysisError, type DataFrame } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const COLUMNS = [
  "array(1) AS x",
  "map('a', 1) AS m",
  "named_struct('a', 1) AS st",
  "true AS b",
  "X'61' AS bin",
  "1 AS n",
  "'1' AS s",
  "DATE'2024-01-02' AS d",
  "TIMESTAMP'2024-01-02 03:04:05' AS ts",
  "1.5D AS dbl",
];

/** Spark's message after "due to data type mismatch: ", for each refused expression. */
const REFUSED: readonly (readonly [string, string, string])[] = [
  [
    "upper(m)",
    "upper(m)",
    'The first parameter requires the "STRING" type, however "m" has the type "MAP<STRING, INT>".',
  ],
  [
    "year(st)",
    "year(st)",
    'The first parameter requires the "DATE" type, however "st" has the type "STRUCT<a: INT>".',
  ],
  [
    "substring(x, 1, 2)",
    "substring(x, 1, 2)",
    'The first parameter requires the ("STRING" or "BINARY") type, however "x" has the type "ARRAY<INT>".',
  ],
  [
    "date_add(n, 1)",
    "date_add(n, 1)",
    'The first parameter requires the "DATE" type, however "n" has the type "INT".',
  ],
  [
    "space(b)",
    "space(b)",
    'The first parameter requires the "INT" type, however "b" has the type "BOOLEAN".',
  ],
  [
    "bool_and(n)",
    "bool_and(n)",
    'The first parameter requires the "BOOLEAN" type, however "n" has the type "INT".',
  ],
  [
    "base64(n)",
    "base64(n)",
    'The first parameter requires the "BINARY" type, however "n" has the type "INT".',
  ],
  [
    "md5(n)",
    "md5(n)",
    'The first parameter requires the "BINARY" type, however "n" has the type "INT".',
  ],
  [
    "map_keys(x)",
    "map_keys(x)",
    'The first parameter requires the "MAP" type, however "x" has the type "ARRAY<INT>".',
  ],
  [
    "array_distinct(s)",
    "array_distinct(s)",
    'The first parameter requires the "ARRAY" type, however "s" has the type "STRING".',
  ],
  [
    "lpad(s, x, 'a')",
    "lpad(s, x, a)",
    'The second parameter requires the "INT" type, however "x" has the type "ARRAY<INT>".',
  ],
  [
    "regexp_replace(s, 'a', 'b', x)",
    "regexp_replace(s, a, b, x)",
    'The 4th parameter requires the "INT" type, however "x" has the type "ARRAY<INT>".',
  ],
  [
    "unix_seconds(b)",
    "unix_seconds(b)",
    'The first parameter requires the "TIMESTAMP" type, however "b" has the type "BOOLEAN".',
  ],
  [
    "bit_and(dbl)",
    "bit_and(dbl)",
    'The first parameter requires the "INTEGRAL" type, however "dbl" has the type "DOUBLE".',
  ],
  [
    "timestamp_millis(dbl)",
    "timestamp_millis(dbl)",
    'The first parameter requires the "INTEGRAL" type, however "dbl" has the type "DOUBLE".',
  ],
  [
    "sum(d)",
    "sum(d)",
    'The first parameter requires the "NUMERIC" or "ANSI INTERVAL" type, however "d" has the type "DATE".',
  ],
  [
    "avg(b)",
    "avg(b)",
    'The first parameter requires the "NUMERIC" or "ANSI INTERVAL" type, however "b" has the type "BOOLEAN".',
  ],
];

/**
 * Refused by Spark too, where Spark's text differs from ours only in the display name of the
 * call (`SQRT(b)`) or in a type list naming intervals tributary does not have.
 */
const REFUSED_CLASS_ONLY: readonly string[] = ["sqrt(b)", "abs(bin)", "hour(n)"];

/** Accepted by Spark in both ANSI modes: strings and dates are cast, nulls pass. */
const ACCEPTED: readonly string[] = [
  "upper(n)",
  "upper(bin)",
  "sqrt(s)",
  "abs(s)",
  "year(s)",
  "year(ts)",
  "year(NULL)",
  "date_add(s, 1)",
  "date_format(d, 'yyyy')",
  "hour(d)",
  "months_between(d, d)",
  "datediff(ts, s)",
  "length(bin)",
  "md5(s)",
  "base64(s)",
  "sha2(s, 256)",
  "round(dbl, 1)",
  "array_distinct(NULL)",
  "concat_ws(',', x)",
  "size(m)",
];

async function refusal(df: DataFrame, expr: string): Promise<AnalysisError> {
  try {
    await df.selectExpr(expr).collect();
  } catch (e) {
    if (e instanceof AnalysisError) return e;
    throw e;
  }
  throw new Error(`${expr} was accepted`);
}

describe.each(["false", "true"])("argument types (spark.sql.ansi.enabled=%s)", (ansi) => {
  const spark = useSpark({ "spark.sql.ansi.enabled": ansi });
  const table = (): DataFrame => spark().sql(`SELECT ${COLUMNS.join(", ")}`);

  it.each(REFUSED)("refuses %s as Spark does", async (expr, shown, detail) => {
    const e = await refusal(table(), expr);
    expect(e.code).toBe("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
    expect(e.message).toBe(`Cannot resolve "${shown}" due to data type mismatch: ${detail}`);
  });

  it.each(REFUSED_CLASS_ONLY)("refuses %s with Spark's error class", async (expr) => {
    const e = await refusal(table(), expr);
    expect(e.code).toBe("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE");
  });

  it.each(ACCEPTED)("accepts %s as Spark does", async (expr) => {
    const rows = await table().selectExpr(expr).collect();
    expect(rows).toHaveLength(1);
  });
});
