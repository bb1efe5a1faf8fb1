/**
 * Spark's CAST for every family of types without ANSI mode: nulls for malformed input, Java wrap-around and
 * saturation, Java's number text, Spark's text of arrays, maps and structs, HALF_UP decimals.
 * Every expected value or error class is what PySpark 4.0.1 (classic, local) answered for
 * the same expression with spark.sql.ansi.enabled=false.
 */
import { describe, it } from "vitest";
import { useSpark } from "../../helpers/session.js";
import { bin, dec, type Expected, expectSpark, ts } from "./spark-answer.js";

const spark = useSpark({ "spark.sql.ansi.enabled": "false" });

const CASES: readonly (readonly [string, Expected])[] = [
  ["CAST('1e2' AS int)", { type: "int", value: null }],
  ["CAST('1.5' AS int)", { type: "int", value: 1 }],
  ["CAST(' 12 ' AS int)", { type: "int", value: 12 }],
  ["CAST('0x1F' AS int)", { type: "int", value: null }],
  ["CAST('1_000' AS int)", { type: "int", value: null }],
  ["CAST('2147483648' AS int)", { type: "int", value: null }],
  ["CAST('+7' AS tinyint)", { type: "tinyint", value: 7 }],
  ["CAST('1e2' AS double)", { type: "double", value: 100.0 }],
  ["CAST('Infinity' AS double)", { type: "double", value: Number.POSITIVE_INFINITY }],
  ["CAST('-inf' AS float)", { type: "float", value: Number.NEGATIVE_INFINITY }],
  ["CAST('1_000' AS double)", { type: "double", value: null }],
  ["CAST('12.345' AS decimal(10,2))", { type: "decimal(10,2)", value: dec("12.35") }],
  ["CAST('1e2' AS decimal(3,2))", { type: "decimal(3,2)", value: null }],
  ["CAST('t' AS boolean)", { type: "boolean", value: true }],
  ["CAST('2024-02-30' AS date)", { type: "date", value: null }],
  ["CAST('2024-01-01 12:34:56.789' AS date)", { type: "date", value: "2024-01-01" }],
  ["CAST('Infinity' AS date)", { type: "date", value: null }],
  ["CAST('abc' AS binary)", { type: "binary", value: bin("616263") }],
  ["CAST(double('NaN') AS int)", { type: "int", value: 0 }],
  ["CAST(double('Infinity') AS bigint)", { type: "bigint", value: 9223372036854775807n }],
  ["CAST(double('-Infinity') AS int)", { type: "int", value: -2147483648 }],
  ["CAST(1e10 AS int)", { type: "int", value: 2147483647 }],
  ["CAST(1e10 AS tinyint)", { type: "tinyint", value: -1 }],
  ["CAST(1e7D AS smallint)", { type: "smallint", value: -27008 }],
  ["CAST(2147483648L AS int)", { type: "int", value: -2147483648 }],
  ["CAST(-129 AS tinyint)", { type: "tinyint", value: 127 }],
  ["CAST(9223372036854775807L AS smallint)", { type: "smallint", value: -1 }],
  ["CAST(123.456BD AS tinyint)", { type: "tinyint", value: 123 }],
  ["CAST(3.99F AS int)", { type: "int", value: 3 }],
  ["CAST(double('NaN') AS string)", { type: "string", value: "NaN" }],
  ["CAST(1e-300D AS string)", { type: "string", value: "1.0E-300" }],
  ["CAST(-0.0D AS string)", { type: "string", value: "-0.0" }],
  ["CAST(1e7D AS string)", { type: "string", value: "1.0E7" }],
  ["CAST(1.23456789e8D AS string)", { type: "string", value: "1.23456789E8" }],
  ["CAST(1e-4D AS string)", { type: "string", value: "1.0E-4" }],
  ["CAST(100.0D AS string)", { type: "string", value: "100.0" }],
  ["CAST(float(1e7) AS string)", { type: "string", value: "1.0E7" }],
  ["CAST(float(1.1) AS string)", { type: "string", value: "1.1" }],
  ["CAST(3.99F AS string)", { type: "string", value: "3.99" }],
  ["CAST(true AS string)", { type: "string", value: "true" }],
  [
    "CAST(TIMESTAMP'2024-03-05 07:08:09.123' AS string)",
    { type: "string", value: "2024-03-05 07:08:09.123" },
  ],
  ["CAST(array(1, null) AS string)", { type: "string", value: "[1, null]" }],
  ["CAST(array('a', null) AS string)", { type: "string", value: "[a, null]" }],
  ["CAST(map('a', 1) AS string)", { type: "string", value: "{a -> 1}" }],
  ["CAST(map(1, null) AS string)", { type: "string", value: "{1 -> null}" }],
  [
    "CAST(named_struct('a', 1, 'b', CAST(null AS INT)) AS string)",
    { type: "string", value: "{1, null}" },
  ],
  ["CAST(array(array(1), null) AS string)", { type: "string", value: "[[1], null]" }],
  [
    "CAST(named_struct('x', array(1,2), 'y', map('k', 'v')) AS string)",
    { type: "string", value: "{[1, 2], {k -> v}}" },
  ],
  ["CAST(array(1.5D, null) AS string)", { type: "string", value: "[1.5, null]" }],
  ["CAST(-1.005 AS DECIMAL(3,2))", { type: "decimal(3,2)", value: dec("-1.01") }],
  ["CAST(1.005D AS DECIMAL(3,2))", { type: "decimal(3,2)", value: dec("1.01") }],
  ["CAST(-0.125D AS DECIMAL(3,2))", { type: "decimal(3,2)", value: dec("-0.13") }],
  ["CAST(3.99F AS decimal(38,18))", { type: "decimal(38,18)", value: dec("3.990000009536743000") }],
  ["CAST(9.5 AS DECIMAL(1,0))", { type: "decimal(1,0)", value: null }],
  ["CAST(double('NaN') AS decimal(10,2))", { type: "decimal(10,2)", value: null }],
  ["CAST(1.23456789e8D AS decimal(10,2))", { type: "decimal(10,2)", value: null }],
  ["CAST(float(1e-5) AS decimal(3,2))", { type: "decimal(3,2)", value: dec("0.00") }],
  ["CAST(128 AS binary)", { type: "binary", value: bin("00000080") }],
  ["CAST(-129 AS binary)", { type: "binary", value: bin("ffffff7f") }],
  ["CAST(true AS timestamp)", { type: "timestamp", value: ts("1970-01-01T00:00:00.000001") }],
  ["CAST(1.5D AS timestamp)", { type: "timestamp", value: ts("1970-01-01T00:00:01.500000") }],
  ["CAST(double('NaN') AS timestamp)", { type: "timestamp", value: null }],
  ["CAST(TIMESTAMP'2024-03-05 07:08:09.123' AS boolean)", { type: "boolean", value: true }],
  ["CAST(TIMESTAMP'1969-12-31 23:59:59.5' AS bigint)", { type: "bigint", value: -1n }],
  ["CAST(CAST(0 AS DECIMAL(38,18)) AS STRING)", { type: "string", value: "0E-18" }],
  [
    "CAST(CAST(0.00000000000000000001 AS DECIMAL(38,30)) AS STRING)",
    { type: "string", value: "1.0000000000E-20" },
  ],
  ["CAST('1.' AS INT)", { type: "int", value: 1 }],
  ["CAST('.5' AS INT)", { type: "int", value: 0 }],
  ["CAST('-.5' AS INT)", { type: "int", value: 0 }],
  ["CAST('1.5d' AS DOUBLE)", { type: "double", value: 1.5 }],
  ["CAST('1e-2' AS DECIMAL(5,2))", { type: "decimal(5,2)", value: dec("0.01") }],
  ["CAST(array(X'41') AS STRING)", { type: "string", value: "[A]" }],
  ["CAST(CAST(300.5 AS DECIMAL(4,1)) AS TINYINT)", { type: "tinyint", value: 44 }],
  [
    "CAST(CAST(12345678901234567890123 AS DECIMAL(38,0)) AS BIGINT)",
    { type: "bigint", value: 4807115922877859019n },
  ],
  [
    "CAST(TIMESTAMP'2024-03-05 07:08:09.123' AS decimal(20,6))",
    { type: "decimal(20,6)", value: dec("1709622489.123000") },
  ],
  ["CAST(true AS decimal(3,2))", { type: "decimal(3,2)", value: dec("1.00") }],
  ["CAST(128 AS timestamp_ntz)", { error: "DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION" }],
];

describe("casts without ANSI mode (tributary's default)", () => {
  it.each(CASES)("%s", async (expr, expected) => {
    await expectSpark(spark(), expr, expected);
  });
});
