/**
 * Java's `Double.toString` / `Float.toString`, which Spark uses to cast floating point
 * numbers to strings: the shortest digits that read back to the same value, in plain
 * notation for magnitudes in [1e-3, 1e7) (`100.0`, `0.001`) and computerized scientific
 * notation otherwise (`1.0E7`, `1.0E-300`); `NaN`, `Infinity`, `-0.0`.
 */

/** The shortest decimal digits (no dot, no leading zeros) and the exponent of the first. */
function digitsOf(shortest: string): { digits: string; exponent: number } {
  const [mantissa = "", exp = "0"] = shortest.split("e");
  const [whole = "", frac = ""] = mantissa.split(".");
  const all = `${whole}${frac}`;
  const lead = all.length - all.replace(/^0+/, "").length;
  const digits = all.slice(lead).replace(/0+$/, "") || "0";
  return { digits, exponent: whole.length - 1 - lead + Number(exp) };
}

function javaText(value: number, shortest: string): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const sign = value < 0 ? "-" : "";
  const { digits, exponent } = digitsOf(shortest.replace(/^-/, ""));
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
    return `${sign}${whole}.${digits.slice(exponent + 1) || "0"}`;
  }
  return `${sign}${digits[0]}.${digits.slice(1) || "0"}E${exponent}`;
}

/** `Double.toString(value)`. */
export function javaDoubleToString(value: number): string {
  if (!Number.isFinite(value)) return javaText(value, "");
  return javaText(
    value,
    twoDigitsWhenOne(value, value.toExponential(), (v) => v),
  );
}

/**
 * Java (JDK 19+) picks, when one digit would do, the closest decimal of one *or two*
 * digits: `Double.MIN_VALUE` is `4.9E-324`, where the shortest digits are `5e-324`.
 */
function twoDigitsWhenOne(value: number, shortest: string, round: (v: number) => number): string {
  if (/^-?\d(e|$)/.test(shortest) === false) return shortest;
  const two = value.toExponential(1);
  return round(Number(two)) === value ? two : shortest;
}

/** `Float.toString(value)` for a value that is exactly a 32-bit float. */
export function javaFloatToString(value: number): string {
  if (!Number.isFinite(value) || value === 0) return javaText(value, "");
  for (let p = 1; p <= 9; p++) {
    const text = value.toExponential(p - 1);
    if (Math.fround(Number(text)) === value)
      return javaText(value, twoDigitsWhenOne(value, text, Math.fround));
  }
  return javaText(value, value.toExponential());
}

/**
 * A number's text without an exponent (`1.0E-5` is `0.000010`, `-1.5e2` is `-150`), as
 * `new BigDecimal(text).toPlainString()`; null when `text` is not a plain or scientific
 * decimal number (`NaN`, `1_000`, `0x1F`).
 */
export function plainNumberText(text: string): string | null {
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (m === null) return null;
  const [, sign = "", whole = "", frac = "", exp] = m;
  if (whole === "" && frac === "") return null;
  const minus = sign === "-" ? "-" : "";
  if (exp === undefined) return `${minus}${whole || "0"}${frac === "" ? "" : `.${frac}`}`;
  const digits = `${whole}${frac}`;
  const point = whole.length + Number(exp);
  const body =
    point <= 0
      ? `0.${"0".repeat(-point)}${digits}`
      : point >= digits.length
        ? digits.padEnd(point, "0")
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${minus}${body}`;
}

/**
 * Java's `BigDecimal.toString` of plain decimal text (`-0.000000012`): scientific when the
 * exponent of the first digit is below -6 (`-1.2E-8`, `0E-18` for a zero of scale 18).
 */
export function javaDecimalText(plain: string): string {
  const negative = plain.startsWith("-");
  const [whole = "", frac = ""] = plain.replace(/^[+-]/, "").split(".");
  const unscaled = `${whole}${frac}`.replace(/^0+(?=.)/, "");
  const adjusted = unscaled.length - 1 - frac.length;
  if (adjusted >= -6) return plain;
  const digits = unscaled === "" ? "0" : unscaled;
  const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  return `${negative ? "-" : ""}${mantissa}E${adjusted}`;
}
