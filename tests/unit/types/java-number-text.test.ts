/** Java's Double.toString / Float.toString, as Spark 4.0.1 casts them to strings (checked with PySpark). */
import { describe, expect, it } from "vitest";
import {
  javaDoubleToString,
  javaFloatToString,
  plainNumberText,
} from "../../../src/types/java-number-text.js";

describe("javaDoubleToString", () => {
  it.each([
    [1e10, "1.0E10"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
    [1.5, "1.5"],
    [-2.5, "-2.5"],
    [-0, "-0.0"],
    [1e-300, "1.0E-300"],
    [1e7, "1.0E7"],
    [1.23456789e8, "1.23456789E8"],
    [0.1, "0.1"],
    [100, "100.0"],
    [1e-3, "0.001"],
    [1e-4, "1.0E-4"],
    [123456.789, "123456.789"],
    [1e20, "1.0E20"],
    [12345678.9, "1.23456789E7"],
  ])("%s prints as %s", (value, text) => {
    expect(javaDoubleToString(value)).toBe(text);
  });
});

describe("javaFloatToString", () => {
  it.each([
    [1e7, "1.0E7"],
    [0.1, "0.1"],
    [1.1, "1.1"],
    [1e-5, "1.0E-5"],
    [123456.78, "123456.78"],
    [3.99, "3.99"],
  ])("float %s prints as %s", (value, text) => {
    expect(javaFloatToString(Math.fround(value))).toBe(text);
  });
});

describe("plainNumberText", () => {
  it("writes scientific notation out in full, as BigDecimal.toPlainString", () => {
    expect(plainNumberText("9.999999747378752E-6")).toBe("0.000009999999747378752");
    expect(plainNumberText("1.23456789E8")).toBe("123456789");
    expect(plainNumberText("-1.5e2")).toBe("-150");
    expect(plainNumberText("+7")).toBe("7");
  });
  it("refuses what is not a decimal number", () => {
    expect(plainNumberText("NaN")).toBeNull();
    expect(plainNumberText("1_000")).toBeNull();
    expect(plainNumberText(".")).toBeNull();
  });
});
