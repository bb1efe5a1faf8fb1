/**
 * Spark's arithmetic without ANSI mode: Java wrap-around, Java shifts, pmod / % / div / '/', decimal
 * result types and exact values past 18 digits, rounding, try_* functions and indexing.
 * Every expected value or error class is what PySpark 4.0.1 (classic, local) answered for
 * the same expression with spark.sql.ansi.enabled=false.
 */
import { describe, it } from "vitest";
import { useSpark } from "../../helpers/session.js";
import { dec, type Expected, expectSpark } from "./spark-answer.js";

const spark = useSpark({ "spark.sql.ansi.enabled": "false" });

const CASES: readonly (readonly [string, Expected])[] = [
  ["2147483647 + 1", { type: "int", value: -2147483648 }],
  ["-2147483648 - 1", { type: "int", value: 2147483647 }],
  ["2147483647 * 2", { type: "int", value: -2 }],
  ["-(-2147483647 - 1)", { type: "int", value: -2147483648 }],
  ["abs(-2147483647 - 1)", { type: "int", value: -2147483648 }],
  ["9223372036854775807L + 1L", { type: "bigint", value: -9223372036854775808n }],
  ["9223372036854775807L * 2L", { type: "bigint", value: -2n }],
  ["-(-9223372036854775807L - 1L)", { type: "bigint", value: -9223372036854775808n }],
  ["CAST(127 AS TINYINT) + CAST(1 AS TINYINT)", { type: "tinyint", value: -128 }],
  ["CAST(100 AS TINYINT) * CAST(2 AS TINYINT)", { type: "tinyint", value: -56 }],
  ["-(CAST(-128 AS TINYINT))", { type: "tinyint", value: -128 }],
  ["shiftleft(1, 31)", { type: "int", value: -2147483648 }],
  ["shiftleft(1, 32)", { type: "int", value: 1 }],
  ["shiftleft(1L, 63)", { type: "bigint", value: -9223372036854775808n }],
  ["shiftleft(3, -1)", { type: "int", value: -2147483648 }],
  ["shiftright(-8, 33)", { type: "int", value: -4 }],
  ["shiftrightunsigned(-8, 1)", { type: "int", value: 2147483644 }],
  ["shiftrightunsigned(-8L, 1)", { type: "bigint", value: 9223372036854775804n }],
  ["pmod(-7, 3)", { type: "int", value: 2 }],
  ["pmod(7, -3)", { type: "int", value: 1 }],
  ["pmod(-7, -3)", { type: "int", value: -1 }],
  ["pmod(7, 0)", { type: "int", value: null }],
  ["pmod(-7.5D, 2)", { type: "double", value: 0.5 }],
  ["pmod(-7.5BD, 2)", { type: "decimal(2,1)", value: dec("0.5") }],
  ["7 % -3", { type: "int", value: 1 }],
  ["-7 % 3", { type: "int", value: -1 }],
  ["7 % 0", { type: "int", value: null }],
  ["7.5D % 0", { type: "double", value: null }],
  ["signum(double('NaN'))", { type: "double", value: Number.NaN }],
  ["signum(-0.0D)", { type: "double", value: -0 }],
  ["hypot(1e200D, 1e200D)", { type: "double", value: 1.414213562373095e200 }],
  ["hypot(3, 4)", { type: "double", value: 5.0 }],
  ["7 / 2", { type: "double", value: 3.5 }],
  ["7 / 0", { type: "double", value: null }],
  ["0.0D / 0", { type: "double", value: null }],
  ["7 div 2", { type: "bigint", value: 3n }],
  ["-7 div 2", { type: "bigint", value: -3n }],
  ["7 div 0", { type: "bigint", value: null }],
  ["7.5BD div 2", { type: "bigint", value: 3n }],
  ["7.5BD / 2", { type: "decimal(7,6)", value: dec("3.750000") }],
  ["1 / 3BD", { type: "decimal(7,6)", value: dec("0.333333") }],
  [
    "CAST(12.34 AS DECIMAL(4,2)) * CAST(1.5 AS DECIMAL(2,1))",
    { type: "decimal(7,3)", value: dec("18.510") },
  ],
  [
    "CAST(12.34 AS DECIMAL(4,2)) / CAST(1.5 AS DECIMAL(2,1))",
    { type: "decimal(9,6)", value: dec("8.226667") },
  ],
  [
    "CAST(12.34 AS DECIMAL(4,2)) % CAST(1.5 AS DECIMAL(2,1))",
    { type: "decimal(3,2)", value: dec("0.34") },
  ],
  [
    "pmod(CAST(-12.34 AS DECIMAL(4,2)), CAST(1.5 AS DECIMAL(2,1)))",
    { type: "decimal(3,2)", value: dec("1.16") },
  ],
  ["CAST(1.5 AS DECIMAL(2,1)) + 1", { type: "decimal(3,1)", value: dec("2.5") }],
  ["CAST(1.5 AS DECIMAL(2,1)) + CAST(1 AS TINYINT)", { type: "decimal(5,1)", value: dec("2.5") }],
  ["CAST(1.5 AS DECIMAL(2,1)) * 2.5D", { type: "double", value: 3.75 }],
  [
    "CAST(123456789012345678.5 AS DECIMAL(20,1)) * CAST(123456789012345678.5 AS DECIMAL(20,1))",
    { type: "decimal(38,2)", value: dec("15241578753238836651425088777625362.25") },
  ],
  [
    "CAST(99999999999999999999.99 AS DECIMAL(22,2)) * CAST(99999999999999999999.99 AS DECIMAL(22,2))",
    { type: "decimal(38,4)", value: null },
  ],
  [
    "CAST(99999999999999999999999999999999999999 AS DECIMAL(38,0)) + 1",
    { type: "decimal(38,0)", value: null },
  ],
  // Products past 38 digits that keep their scale: native below the limit, exact near it.
  [
    "CAST(1.5 AS DECIMAL(32,4)) * CAST(-2.25 AS DECIMAL(16,2))",
    { type: "decimal(38,6)", value: dec("-3.375000") },
  ],
  [
    "CAST('99999999999999999999.9999' AS DECIMAL(32,4)) * CAST('9999999999.99' AS DECIMAL(16,2))",
    { type: "decimal(38,6)", value: dec("999999999998999999999999000000.000001") },
  ],
  [
    "CAST('99999999999999999999.9999' AS DECIMAL(32,4)) * CAST('99999999999.99' AS DECIMAL(16,2))",
    { type: "decimal(38,6)", value: dec("9999999999998999999999990000000.000001") },
  ],
  [
    "CAST('9999999999999999999999999999.9999' AS DECIMAL(32,4)) * CAST('99999999999999.99' AS DECIMAL(16,2))",
    { type: "decimal(38,6)", value: null },
  ],
  [
    "CAST(NULL AS DECIMAL(32,4)) * CAST(1 AS DECIMAL(16,2))",
    { type: "decimal(38,6)", value: null },
  ],

  [
    "CAST(1 AS DECIMAL(38,18)) / CAST(3 AS DECIMAL(38,18))",
    { type: "decimal(38,6)", value: dec("0.333333") },
  ],
  [
    "CAST(2 AS DECIMAL(38,10)) * CAST(3 AS DECIMAL(38,10))",
    { type: "decimal(38,6)", value: dec("6.000000") },
  ],
  ["floor(CAST(-12.345 AS DECIMAL(5,3)))", { type: "decimal(3,0)", value: dec("-13") }],
  ["ceil(CAST(12.345 AS DECIMAL(5,3)), 1)", { type: "decimal(4,1)", value: dec("12.4") }],
  ["round(CAST(-1.005 AS DECIMAL(4,3)), 2)", { type: "decimal(4,2)", value: dec("-1.01") }],
  ["round(CAST(12.345 AS DECIMAL(5,3)), -1)", { type: "decimal(3,0)", value: dec("10") }],
  ["bround(CAST(2.5 AS DECIMAL(2,1)))", { type: "decimal(2,0)", value: dec("2") }],
  ["bround(CAST(12.345 AS DECIMAL(5,3)), 2)", { type: "decimal(5,2)", value: dec("12.34") }],
  ["round(1.005D, 2)", { type: "double", value: 1.01 }],
  ["round(-2.5D)", { type: "double", value: -3.0 }],
  ["bround(2.5D)", { type: "double", value: 2.0 }],
  ["round(25, -1)", { type: "int", value: 30 }],
  ["bround(25, -1)", { type: "int", value: 20 }],
  ["floor(-2.5D)", { type: "bigint", value: -3n }],
  ["sum(CAST(1.5 AS DECIMAL(10,2)))", { type: "decimal(20,2)", value: dec("1.50") }],
  ["avg(CAST(1.5 AS DECIMAL(10,2)))", { type: "decimal(14,6)", value: dec("1.500000") }],
  ["sum(CAST(1.5 AS DECIMAL(30,2)))", { type: "decimal(38,2)", value: dec("1.50") }],
  ["avg(CAST(1.5 AS DECIMAL(36,2)))", { type: "decimal(38,6)", value: dec("1.500000") }],
  ["sum(9223372036854775807L)", { type: "bigint", value: 9223372036854775807n }],
  ["floor(2.55D, 1)", { type: "decimal(17,1)", value: dec("2.5") }],
  ["ceil(5, -1)", { type: "decimal(11,0)", value: dec("10") }],
  ["round(2147483647, -1)", { type: "int", value: -2147483646 }],
  ["7.5D div 2", { error: "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES" }],
  ["size(CAST(NULL AS ARRAY<INT>))", { type: "int", value: -1 }],
  ["try_element_at(array(1,2), 0)", { error: "INVALID_INDEX_OF_ZERO" }],
  ["(-9223372036854775807L - 1L) % -1L", { type: "bigint", value: 0n }],
  // Constant divisors take the native-width path: Java's answers still.
  ["(-9223372036854775807L - 1L) % 3L", { type: "bigint", value: -2n }],
  ["(-9223372036854775807L - 1L) div 2", { type: "bigint", value: -4611686018427387904n }],
  ["CAST(NULL AS BIGINT) % 3L", { type: "bigint", value: null }],
  ["9223372036854775807L * 3L", { type: "bigint", value: 9223372036854775805n }],
  ["CAST(NULL AS INT) + 1", { type: "int", value: null }],
  ["pmod(-9223372036854775807L - 1L, -1L)", { type: "bigint", value: 0n }],
  [
    "greatest(CAST(1.5 AS DECIMAL(2,1)), CAST(12.34 AS DECIMAL(4,2)))",
    { type: "decimal(4,2)", value: dec("12.34") },
  ],
  ["try_add(2147483647, 1)", { type: "int", value: null }],
  ["try_multiply(2147483647, 2)", { type: "int", value: null }],
  ["try_divide(1, 0)", { type: "double", value: null }],
  ["try_mod(7, 0)", { type: "int", value: null }],
  ["try_cast('1.5' AS INT)", { type: "int", value: null }],
  ["try_element_at(array(1,2), 5)", { type: "int", value: null }],
  ["element_at(array(1,2), 5)", { type: "int", value: null }],
  ["element_at(array(1,2), -1)", { type: "int", value: 2 }],
  ["array(1,2)[5]", { type: "int", value: null }],
  ["array(1,2)[-1]", { type: "int", value: null }],
  ["map('a', 1)['b']", { type: "int", value: null }],
  ["to_date('2024-02-30')", { type: "date", value: null }],
  ["make_date(2024, 2, 30)", { type: "date", value: null }],
];

describe("arithmetic without ANSI mode (tributary's default)", () => {
  it.each(CASES)("%s", async (expr, expected) => {
    await expectSpark(spark(), expr, expected);
  });
});
