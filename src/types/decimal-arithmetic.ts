/**
 * Exact decimal arithmetic as Spark's `Decimal` does it on `java.math.BigDecimal`: the
 * exact result (a quotient first to 38 places), rounded HALF_UP to the result scale, and
 * an overflow when it needs more than `precision` digits. DuckDB runs it (as a UDF) where
 * its own 128-bit decimals would overflow or turn a quotient into a double.
 */
import { Decimal } from "./decimal.js";

export type DecimalArithmeticOp = "+" | "-" | "*" | "/" | "%" | "div";

export type DecimalOutcome =
  | { readonly kind: "value"; readonly value: Decimal }
  | { readonly kind: "overflow" }
  | { readonly kind: "divideByZero" };

const MAX_SCALE = 38;

/** `n / d` rounded HALF_UP to an integer. */
function divideHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const magnitude = d < 0n ? -d : d;
  if (twice < magnitude) return q;
  return n < 0n !== d < 0n ? q - 1n : q + 1n;
}

function quotient(a: Decimal, b: Decimal): Decimal {
  // a / b at scale 38: (ua * 10^(38 + sb - sa)) / ub, rounded HALF_UP.
  const shift = MAX_SCALE + b.scale - a.scale;
  const n = shift >= 0 ? a.unscaled * 10n ** BigInt(shift) : a.unscaled;
  const d = shift >= 0 ? b.unscaled : b.unscaled * 10n ** BigInt(-shift);
  return new Decimal(divideHalfUp(n, d), MAX_SCALE);
}

function exact(op: DecimalArithmeticOp, a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  const [x, y] = [a.withScale(scale).unscaled, b.withScale(scale).unscaled];
  switch (op) {
    case "+":
      return new Decimal(x + y, scale);
    case "-":
      return new Decimal(x - y, scale);
    case "*":
      return new Decimal(a.unscaled * b.unscaled, a.scale + b.scale);
    case "%":
      return new Decimal(x % y, scale);
    case "div":
      return new Decimal(x / y, 0);
    case "/":
      return quotient(a, b);
  }
}

/** `a op b` as a `decimal(precision, scale)`, or why there is none. */
export function decimalArithmetic(
  op: DecimalArithmeticOp,
  a: Decimal,
  b: Decimal,
  precision: number,
  scale: number,
): DecimalOutcome {
  if ((op === "/" || op === "%" || op === "div") && b.unscaled === 0n)
    return { kind: "divideByZero" };
  const value = exact(op, a, b).withScale(scale);
  const limit = 10n ** BigInt(precision);
  const magnitude = value.unscaled < 0n ? -value.unscaled : value.unscaled;
  if (magnitude >= limit) return { kind: "overflow" };
  return { kind: "value", value };
}
