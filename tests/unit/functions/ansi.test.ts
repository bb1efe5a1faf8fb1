/**
 * ANSI mode: invalid casts, overflow, division by zero, bad indexes and dates fail with Spark's error
 * class; try_* functions give null.
 * Every expected value or error class is what PySpark 4.0.1 (classic, local) answered for
 * the same expression with spark.sql.ansi.enabled=true.
 */
import { describe, it } from "vitest";
import { useSpark } from "../../helpers/session.js";
import { dec, type Expected, expectSpark } from "./spark-answer.js";

const spark = useSpark({ "spark.sql.ansi.enabled": "true" });

const CASES: readonly (readonly [string, Expected])[] = [
  ["CAST('1e2' AS int)", { error: "CAST_INVALID_INPUT" }],
  ["CAST('1.5' AS int)", { error: "CAST_INVALID_INPUT" }],
  ["CAST('abc' AS int)", { error: "CAST_INVALID_INPUT" }],
  ["CAST('2147483648' AS int)", { error: "CAST_INVALID_INPUT" }],
  ["CAST(' 12 ' AS int)", { type: "int", value: 12 }],
  ["CAST('abc' AS double)", { error: "CAST_INVALID_INPUT" }],
  ["CAST('Infinity' AS double)", { type: "double", value: Number.POSITIVE_INFINITY }],
  ["CAST('1e2' AS decimal(3,2))", { error: "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION" }],
  ["CAST('abc' AS decimal(10,2))", { error: "CAST_INVALID_INPUT" }],
  ["CAST('12.345' AS decimal(10,2))", { type: "decimal(10,2)", value: dec("12.35") }],
  ["CAST('abc' AS boolean)", { error: "CAST_INVALID_INPUT" }],
  ["CAST('2024-02-30' AS date)", { error: "CAST_INVALID_INPUT" }],
  ["CAST('2024-02-29' AS date)", { type: "date", value: "2024-02-29" }],
  ["CAST('abc' AS timestamp)", { error: "CAST_INVALID_INPUT" }],
  ["CAST(2147483648L AS int)", { error: "CAST_OVERFLOW" }],
  ["CAST(-129 AS tinyint)", { error: "CAST_OVERFLOW" }],
  ["CAST(double('NaN') AS int)", { error: "CAST_OVERFLOW" }],
  ["CAST(1e10 AS int)", { error: "CAST_OVERFLOW" }],
  ["CAST(3.99F AS int)", { type: "int", value: 3 }],
  ["CAST(9.5 AS DECIMAL(1,0))", { error: "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION" }],
  ["CAST(123.456BD AS DECIMAL(4,2))", { error: "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION" }],
  ["CAST(double('NaN') AS decimal(10,2))", { type: "decimal(10,2)", value: null }],
  ["CAST(1.5 AS DECIMAL(1,0))", { type: "decimal(1,0)", value: dec("2") }],
  ["CAST(double('NaN') AS timestamp)", { error: "CAST_INVALID_INPUT" }],
  ["CAST(1e20D AS timestamp)", { error: "CAST_OVERFLOW" }],
  ["2147483647 + 1", { error: "ARITHMETIC_OVERFLOW" }],
  ["-2147483648 - 1", { error: "ARITHMETIC_OVERFLOW" }],
  ["2147483647 * 2", { error: "ARITHMETIC_OVERFLOW" }],
  ["-(-2147483647 - 1)", { error: "ARITHMETIC_OVERFLOW" }],
  ["abs(-2147483647 - 1)", { error: "ARITHMETIC_OVERFLOW" }],
  ["9223372036854775807L + 1L", { error: "ARITHMETIC_OVERFLOW" }],
  ["CAST(127 AS TINYINT) + CAST(1 AS TINYINT)", { error: "BINARY_ARITHMETIC_OVERFLOW" }],
  ["CAST(100 AS TINYINT) * CAST(2 AS TINYINT)", { error: "BINARY_ARITHMETIC_OVERFLOW" }],
  ["-(CAST(-128 AS TINYINT))", { error: "ARITHMETIC_OVERFLOW" }],
  ["shiftleft(1, 31)", { type: "int", value: -2147483648 }],
  ["7 / 0", { error: "DIVIDE_BY_ZERO" }],
  ["7.0D / 0", { error: "DIVIDE_BY_ZERO" }],
  ["7 % 0", { error: "DIVIDE_BY_ZERO" }],
  ["7 div 0", { error: "DIVIDE_BY_ZERO" }],
  ["pmod(7, 0)", { error: "DIVIDE_BY_ZERO" }],
  ["7.5BD % 0", { error: "DIVIDE_BY_ZERO" }],
  [
    "CAST(99999999999999999999.99 AS DECIMAL(22,2)) * CAST(99999999999999999999.99 AS DECIMAL(22,2))",
    { error: "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION" },
  ],
  [
    "CAST(99999999999999999999999999999999999999 AS DECIMAL(38,0)) + 1",
    { error: "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION" },
  ],
  [
    "CAST('9999999999999999999999999999.9999' AS DECIMAL(32,4)) * CAST('99999999999999.99' AS DECIMAL(16,2))",
    { error: "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION" },
  ],
  [
    "CAST('99999999999999999999.9999' AS DECIMAL(32,4)) * CAST('9999999999.99' AS DECIMAL(16,2))",
    { type: "decimal(38,6)", value: dec("999999999998999999999999000000.000001") },
  ],

  ["1L + 1.5F", { type: "double", value: 2.5 }],
  ["element_at(array(1,2), 5)", { error: "INVALID_ARRAY_INDEX_IN_ELEMENT_AT" }],
  ["element_at(array(1,2), 0)", { error: "INVALID_INDEX_OF_ZERO" }],
  ["element_at(array(1,2), -1)", { type: "int", value: 2 }],
  ["element_at(map('a', 1), 'b')", { type: "int", value: null }],
  ["array(1,2)[5]", { error: "INVALID_ARRAY_INDEX" }],
  ["array(1,2)[-1]", { error: "INVALID_ARRAY_INDEX" }],
  ["to_date('2024-02-30')", { error: "CAST_INVALID_INPUT" }],
  ["to_date('abc')", { error: "CAST_INVALID_INPUT" }],
  ["to_date('2024/01/01', 'yyyy-MM-dd')", { error: "CANNOT_PARSE_TIMESTAMP" }],
  ["make_date(2024, 13, 1)", { error: "DATETIME_FIELD_OUT_OF_BOUNDS" }],
  ["to_timestamp('abc')", { error: "CAST_INVALID_INPUT" }],
  ["try_add(2147483647, 1)", { type: "int", value: null }],
  ["try_subtract(-2147483648, 1)", { type: "int", value: null }],
  ["try_multiply(2147483647, 2)", { type: "int", value: null }],
  ["try_divide(1, 0)", { type: "double", value: null }],
  ["try_divide(7, 2)", { type: "double", value: 3.5 }],
  ["try_mod(7, 0)", { type: "int", value: null }],
  ["try_cast('abc' AS INT)", { type: "int", value: null }],
  ["try_cast(2147483648L AS INT)", { type: "int", value: null }],
  ["try_element_at(array(1,2), 5)", { type: "int", value: null }],
  ["try_element_at(map('a', 1), 'b')", { type: "int", value: null }],
  ["sum(CAST(1.5 AS DECIMAL(10,2)))", { type: "decimal(20,2)", value: dec("1.50") }],
  ["avg(CAST(1.5 AS DECIMAL(36,2)))", { type: "decimal(38,6)", value: dec("1.500000") }],
  ["CAST(CAST(0 AS DECIMAL(38,18)) AS STRING)", { type: "string", value: "0.000000000000000000" }],
  ["CAST('.5' AS INT)", { error: "CAST_INVALID_INPUT" }],
  ["CAST(CAST(300.5 AS DECIMAL(4,1)) AS TINYINT)", { error: "CAST_OVERFLOW" }],
  ["size(CAST(NULL AS ARRAY<INT>))", { type: "int", value: null }],
  ["abs(CAST(-128 AS TINYINT))", { error: "ARITHMETIC_OVERFLOW" }],
  ["round(2147483647, -1)", { error: "ARITHMETIC_OVERFLOW" }],
  // A float meeting an integer or a decimal widens to double under ANSI (float without it).
  ["greatest(float(1), 0)", { type: "double", value: 1 }],
  ["least(float(1), tinyint(0))", { type: "double", value: 0 }],
  // factorial casts its argument to int first, which overflows for a long.
  ["factorial(-9223372036854775808L)", { error: "CAST_OVERFLOW" }],
];

describe("ANSI mode (spark.sql.ansi.enabled=true)", () => {
  it.each(CASES)("%s", async (expr, expected) => {
    await expectSpark(spark(), expr, expected);
  });
});
