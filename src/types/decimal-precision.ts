/**
 * Spark's decimal result types (its `DecimalPrecision` rules with the default
 * `spark.sql.decimalOperations.allowPrecisionLoss=true`): exact results up to 38 digits,
 * beyond that the scale gives way (down to 6) so the integral digits still fit.
 */
import { type DataType, DecimalType } from "./data-types.js";

export const MAX_PRECISION = 38;
const MINIMUM_ADJUSTED_SCALE = 6;

/** The decimal an integral type widens to in decimal arithmetic. */
const INTEGRAL_DIGITS: Readonly<Record<string, number>> = {
  byte: 3,
  short: 5,
  integer: 10,
  long: 20,
};

/** `DecimalType.adjustPrecisionScale`: caps at 38 digits, giving up scale first. */
export function adjustPrecisionScale(precision: number, scale: number): DecimalType {
  if (precision <= MAX_PRECISION) return new DecimalType(Math.max(precision, 1), scale);
  const intDigits = precision - scale;
  const minScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
  return new DecimalType(MAX_PRECISION, Math.max(MAX_PRECISION - intDigits, minScale));
}

/** `DecimalType.bounded`: both capped at 38. */
export function boundedDecimal(precision: number, scale: number): DecimalType {
  const p = Math.min(precision, MAX_PRECISION);
  return new DecimalType(p, Math.min(scale, p));
}

/**
 * The decimal an operand stands for: itself, an integral type's width, or (Spark's
 * `literalPickMinimumPrecision`) an integral literal's own digits.
 */
export function asDecimal(t: DataType, literal?: bigint | number): DecimalType | undefined {
  if (t.typeName === "decimal") return t;
  const digits = INTEGRAL_DIGITS[t.typeName];
  if (digits === undefined) return undefined;
  if (literal !== undefined) {
    const text = (typeof literal === "bigint" ? literal : BigInt(Math.trunc(literal))).toString();
    return new DecimalType(Math.min(digits, text.replace("-", "").length), 0);
  }
  return new DecimalType(digits, 0);
}

export type DecimalOp = "+" | "-" | "*" | "/" | "%";

/** The unadjusted precision and scale of `a op b` (may exceed 38). */
export function exactDecimal(
  op: DecimalOp,
  a: DecimalType,
  b: DecimalType,
): { precision: number; scale: number } {
  const [p1, s1, p2, s2] = [a.precision, a.scale, b.precision, b.scale];
  switch (op) {
    case "+":
    case "-": {
      const scale = Math.max(s1, s2);
      return { precision: Math.max(p1 - s1, p2 - s2) + scale + 1, scale };
    }
    case "*":
      return { precision: p1 + p2 + 1, scale: s1 + s2 };
    case "/": {
      const scale = Math.max(MINIMUM_ADJUSTED_SCALE, s1 + p2 + 1);
      return { precision: p1 - s1 + s2 + scale, scale };
    }
    case "%": {
      const scale = Math.max(s1, s2);
      return { precision: Math.min(p1 - s1, p2 - s2) + scale, scale };
    }
  }
}

/** The result type of `a op b` on decimals. */
export function decimalResult(op: DecimalOp, a: DecimalType, b: DecimalType): DecimalType {
  const { precision, scale } = exactDecimal(op, a, b);
  return op === "%" ? boundedDecimal(precision, scale) : adjustPrecisionScale(precision, scale);
}

/** `round` / `bround` / `floor` / `ceil` of a decimal to `digits` places. */
export function roundedDecimal(t: DecimalType, digits: number): DecimalType {
  const scale = Math.max(Math.min(digits, t.scale), 0);
  return boundedDecimal(t.precision - t.scale + scale + 1, scale);
}
