/**
 * Spark 4.0.1's decimal result types (DecimalPrecision, allowPrecisionLoss=true); every
 * expected type below is what PySpark 4.0.1 reports for the same expression.
 */
import { describe, expect, it } from "vitest";
import { ByteType, DecimalType, LongType } from "../../../src/types/data-types.js";
import { Decimal } from "../../../src/types/decimal.js";
import { decimalArithmetic } from "../../../src/types/decimal-arithmetic.js";
import {
  asDecimal,
  boundedDecimal,
  decimalResult,
  roundedDecimal,
} from "../../../src/types/decimal-precision.js";

const d = (p: number, s: number): DecimalType => new DecimalType(p, s);

describe("decimalResult", () => {
  it.each([
    ["+", d(4, 2), d(2, 1), "decimal(5,2)"],
    ["-", d(4, 2), d(2, 1), "decimal(5,2)"],
    ["*", d(4, 2), d(2, 1), "decimal(7,3)"],
    ["/", d(4, 2), d(2, 1), "decimal(9,6)"],
    ["%", d(4, 2), d(2, 1), "decimal(3,2)"],
    ["*", d(20, 1), d(20, 1), "decimal(38,2)"],
    ["*", d(22, 2), d(22, 2), "decimal(38,4)"],
    ["*", d(19, 3), d(15, 5), "decimal(35,8)"],
    ["*", d(38, 10), d(38, 10), "decimal(38,6)"],
    ["*", d(10, 5), d(10, 5), "decimal(21,10)"],
    ["/", d(38, 18), d(38, 18), "decimal(38,6)"],
    ["/", d(10, 2), d(10, 2), "decimal(23,13)"],
    ["/", d(38, 0), d(1, 0), "decimal(38,6)"],
    ["+", d(38, 0), d(1, 0), "decimal(38,0)"],
  ] as const)("%s of %s and %s is %s", (op, a, b, type) => {
    expect(decimalResult(op, a, b).simpleString()).toBe(type);
  });

  it("widens integers as Spark does: a literal by its digits, a column by its type", () => {
    expect(asDecimal(LongType, 1)?.simpleString()).toBe("decimal(1,0)");
    expect(asDecimal(ByteType)?.simpleString()).toBe("decimal(3,0)");
    expect(decimalResult("+", d(2, 1), asDecimal(LongType, 1n) ?? d(1, 0)).simpleString()).toBe(
      "decimal(3,1)",
    );
    expect(decimalResult("+", d(2, 1), asDecimal(ByteType) ?? d(1, 0)).simpleString()).toBe(
      "decimal(5,1)",
    );
  });

  it("rounds to Spark's types for round/bround/floor/ceil and sum/avg", () => {
    expect(roundedDecimal(d(4, 3), 2).simpleString()).toBe("decimal(4,2)");
    expect(roundedDecimal(d(2, 1), 0).simpleString()).toBe("decimal(2,0)");
    expect(roundedDecimal(d(5, 3), -1).simpleString()).toBe("decimal(3,0)");
    expect(roundedDecimal(d(5, 3), 1).simpleString()).toBe("decimal(4,1)");
    expect(boundedDecimal(10 + 10, 2).simpleString()).toBe("decimal(20,2)");
    expect(boundedDecimal(30 + 10, 2).simpleString()).toBe("decimal(38,2)");
    expect(boundedDecimal(36 + 4, 2 + 4).simpleString()).toBe("decimal(38,6)");
  });
});

describe("decimalArithmetic", () => {
  const run = (op: "+" | "*" | "/", a: string, b: string, p: number, s: number): string => {
    const out = decimalArithmetic(op, Decimal.parse(a), Decimal.parse(b), p, s);
    return out.kind === "value" ? out.value.toString() : out.kind;
  };
  it("gives Spark's exact values past 18 digits, HALF_UP", () => {
    expect(run("*", "123456789012345678.5", "123456789012345678.5", 38, 2)).toBe(
      "15241578753238836651425088777625362.25",
    );
    expect(run("*", "1234567890123456.789", "9876543210.12345", 35, 8)).toBe(
      "12193263112635260617162093.43060205",
    );
    expect(run("/", "12.34", "1.5", 9, 6)).toBe("8.226667");
    expect(run("/", "1", "3", 23, 13)).toBe("0.3333333333333");
  });
  it("reports overflow and a zero divisor", () => {
    expect(run("*", "99999999999999999999.99", "99999999999999999999.99", 38, 4)).toBe("overflow");
    expect(run("+", "99999999999999999999999999999999999999", "1", 38, 0)).toBe("overflow");
    expect(run("/", "7.5", "0", 7, 6)).toBe("divideByZero");
  });
});
