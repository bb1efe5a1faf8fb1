import { describe, expect, it } from "vitest";
import type { LiteralNode } from "../../../src/plan/expression/literal.js";
import { parseExpression } from "../../../src/sql-expr/index.js";
import { DecimalType } from "../../../src/types/data-types.js";
import { Decimal } from "../../../src/types/decimal.js";
import { analysisError, render } from "./render.js";

const parse = (text: string) => render(parseExpression(text));

function literal(text: string): LiteralNode {
  const node = parseExpression(text);
  if (node.kind !== "literal") throw new Error(`not a literal: ${render(node)}`);
  return node;
}

describe("numeric literals (Spark's AstBuilder types)", () => {
  it.each([
    ["7", "7"],
    ["-7", "-7"],
    ["2147483647", "2147483647"],
    ["-2147483648", "-2147483648"],
    ["2147483648", "2147483648:bigint"],
    ["9223372036854775807", "9223372036854775807:bigint"],
    ["-9223372036854775808", "-9223372036854775808:bigint"],
    ["9223372036854775808", "9223372036854775808:decimal(19,0)"],
    ["10L", "10:bigint"],
    ["10l", "10:bigint"],
    ["5S", "5:smallint"],
    ["-128Y", "-128:tinyint"],
    ["1.5", "1.5:decimal(2,1)"],
    ["-1.50", "-1.50:decimal(3,2)"],
    [".5", "0.5:decimal(1,1)"],
    ["0.05", "0.05:decimal(2,2)"],
    ["100.", "100:decimal(3,0)"],
    ["1e3", "1000:double"],
    ["1.5E-2", "0.015:double"],
    ["1.5D", "1.5:double"],
    ["2d", "2:double"],
    ["1.5F", "1.5:float"],
    ["1.50BD", "1.50:decimal(3,2)"],
    ["1e3BD", "1000:decimal(4,0)"],
    ["12345678901234567890.123456789BD", "12345678901234567890.123456789:decimal(29,9)"],
  ])("%s -> %s", (text, tree) => {
    expect(parse(text)).toBe(tree);
  });

  it("keeps decimals exact (never through a float)", () => {
    const node = literal("123456789012345678901234567.890");
    expect(node.value).toEqual(new Decimal(123456789012345678901234567890n, 3));
    expect(node.dataType).toEqual(new DecimalType(30, 3));
  });

  it("keeps 64-bit integers exact as bigint", () => {
    expect(literal("9007199254740993").value).toBe(9007199254740993n);
  });

  it.each([
    ["128Y", "tinyint"],
    ["32768S", "smallint"],
    ["9223372036854775808L", "bigint"],
    ["1e999", "double"],
    ["1e39F", "float"],
    ["123456789012345678901234567890123456789", "decimal(38)"],
  ])("rejects %s as out of range for %s", (text, type) => {
    const e = analysisError(() => parseExpression(text));
    expect(e.code).toBe("INVALID_NUMERIC_LITERAL_RANGE");
    expect(e.message).toContain(`outside the valid range for ${type}`);
  });
});

describe("string, boolean, null and typed literals", () => {
  it.each([
    ["'SFO'", "'SFO'"],
    ['"SFO"', "'SFO'"],
    ["'a' 'b' \"c\"", "'abc'"],
    ["'it\\'s'", "'it's'"],
    ["'it''s'", "'its'"],
    ["'tab\\there'", "'tab\there'"],
    ["r'C:\\new'", "'C:\\new'"],
    ["''", "''"],
    ["TRUE", "true"],
    ["false", "false"],
    ["NULL", "NULL"],
    ["DATE '2024-01-05'", "'2024-01-05':date"],
    ["date '2024-1-5'", "'2024-01-05':date"],
    ["DATE '2024-03'", "'2024-03-01':date"],
    ["TIMESTAMP_NTZ '2024-01-05 10:30:00.123456'", "2024-01-05T10:30:00.123Z:timestamp_ntz"],
    ["TIMESTAMP '2024-01-05T10:30:00Z'", "2024-01-05T10:30:00.000Z:timestamp"],
    ["TIMESTAMP '2024-01-05 10:30:00-08:00'", "2024-01-05T18:30:00.000Z:timestamp"],
    ["TIMESTAMP '2024-01-05 10:30:00'", "cast('2024-01-05 10:30:00' AS timestamp)"],
    [
      "TIMESTAMP_LTZ '2024-01-05 10:30 Europe/Paris'",
      "cast('2024-01-05 10:30 Europe/Paris' AS timestamp)",
    ],
    ["X'0AFF'", "X'0aff'"],
    ["x'abc'", "X'0abc'"],
    ["X''", "X''"],
  ])("%s -> %s", (text, tree) => {
    expect(parse(text)).toBe(tree);
  });

  it.each([
    ["DATE '2024-02-30'", "INVALID_TYPED_LITERAL"],
    ["DATE 'yesterday'", "INVALID_TYPED_LITERAL"],
    ["TIMESTAMP '2024-01-01 25:00:00'", "INVALID_TYPED_LITERAL"],
    ["TIMESTAMP '2024-01-01 10:00:00 +25:00'", "INVALID_TYPED_LITERAL"],
    ["X'0G'", "INVALID_TYPED_LITERAL"],
    ["INT '1'", "UNSUPPORTED_TYPED_LITERAL"],
  ])("rejects %s with %s", (text, code) => {
    expect(analysisError(() => parseExpression(text)).code).toBe(code);
  });
});

describe("interval literals (make_interval(years, months, weeks, days, hours, mins, secs))", () => {
  const zero = "0.000000:decimal(18,6)";
  it.each([
    ["INTERVAL '1' DAY", `make_interval(0, 0, 0, 1, 0, 0, ${zero})`],
    ["INTERVAL 3 HOURS", `make_interval(0, 0, 0, 0, 3, 0, ${zero})`],
    ["INTERVAL 90 MINUTES", `make_interval(0, 0, 0, 0, 1, 30, ${zero})`],
    ["INTERVAL 1 YEAR 14 MONTHS", `make_interval(2, 2, 0, 0, 0, 0, ${zero})`],
    ["INTERVAL 2 WEEKS", `make_interval(0, 0, 0, 14, 0, 0, ${zero})`],
    ["INTERVAL 1.5 DAYS", `make_interval(0, 0, 0, 1, 12, 0, ${zero})`],
    ["INTERVAL -1 DAY", `make_interval(0, 0, 0, -1, 0, 0, ${zero})`],
    ["INTERVAL '-2' HOUR", `make_interval(0, 0, 0, 0, -2, 0, ${zero})`],
    ["INTERVAL 1.25 SECONDS", "make_interval(0, 0, 0, 0, 0, 0, 1.250000:decimal(18,6))"],
    [
      "INTERVAL 5 MILLISECONDS 7 MICROSECONDS",
      "make_interval(0, 0, 0, 0, 0, 0, 0.005007:decimal(18,6))",
    ],
    ["INTERVAL '1-2' YEAR TO MONTH", `make_interval(1, 2, 0, 0, 0, 0, ${zero})`],
    ["INTERVAL '-1-2' YEAR TO MONTH", `make_interval(-1, -2, 0, 0, 0, 0, ${zero})`],
    [
      "INTERVAL '3 04:05:06.5' DAY TO SECOND",
      "make_interval(0, 0, 0, 3, 4, 5, 6.500000:decimal(18,6))",
    ],
    ["INTERVAL '10:30' HOUR TO MINUTE", `make_interval(0, 0, 0, 0, 10, 30, ${zero})`],
    ["INTERVAL '1 day 2 hours'", `make_interval(0, 0, 0, 1, 2, 0, ${zero})`],
    ["INTERVAL 'interval 3 months'", `make_interval(0, 3, 0, 0, 0, 0, ${zero})`],
    ["ts + INTERVAL 1 DAY - x", `-(+(ts, make_interval(0, 0, 0, 1, 0, 0, ${zero})), x)`],
  ])("%s -> %s", (text, tree) => {
    expect(parse(text)).toBe(tree);
  });

  it("leaves a column named interval alone", () => {
    expect(parse("interval + 1")).toBe("+(interval, 1)");
  });

  it.each([
    "INTERVAL 1.5 YEARS",
    "INTERVAL 'abc'",
    "INTERVAL '1-13' YEAR TO MONTH",
    "INTERVAL '1' DAY TO YEAR",
  ])("rejects %s", (text) => {
    expect(analysisError(() => parseExpression(text)).code).toMatch(
      /INVALID_INTERVAL_FORMAT|PARSE_SYNTAX_ERROR/,
    );
  });
});
