/**
 * The JS value of a Spark `decimal(p,s)`: an exact unscaled `bigint` and a scale. Never
 * goes through a float, so `12345678901234567890.12` stays what it is.
 *
 * @example
 * ```ts
 * const d = Decimal.parse("19.99");
 * d.toString(); // "19.99"
 * d.toNumber(); // 19.99 (lossy, on request)
 * ```
 */
export class Decimal {
  /** The digits without the decimal point: `19.99` is `1999n` with scale 2. */
  readonly unscaled: bigint;
  readonly scale: number;

  constructor(unscaled: bigint, scale: number) {
    if (!Number.isInteger(scale) || scale < 0)
      throw new RangeError(`Invalid decimal scale ${scale}.`);
    this.unscaled = unscaled;
    this.scale = scale;
    Object.freeze(this);
  }

  /** Parses plain decimal text (`-12.340`, `7`, `.5`); throws RangeError on anything else. */
  static parse(text: string): Decimal {
    const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
    if (m === null || (m[2] === "" && (m[3] ?? "") === "")) {
      throw new RangeError(`"${text}" is not a decimal number.`);
    }
    const sign = m[1] === "-" ? -1n : 1n;
    const frac = m[3] ?? "";
    return new Decimal(sign * BigInt(`${m[2] || "0"}${frac}`), frac.length);
  }

  /** This value at another scale (rounding half up when the scale shrinks, as Spark does). */
  withScale(scale: number): Decimal {
    if (scale === this.scale) return this;
    if (scale > this.scale)
      return new Decimal(this.unscaled * 10n ** BigInt(scale - this.scale), scale);
    const divisor = 10n ** BigInt(this.scale - scale);
    const q = this.unscaled / divisor;
    const r = this.unscaled % divisor;
    const abs = r < 0n ? -r : r;
    const up = abs * 2n >= divisor ? (this.unscaled < 0n ? -1n : 1n) : 0n;
    return new Decimal(q + up, scale);
  }

  toString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled)
      .toString()
      .padStart(this.scale + 1, "0");
    const body =
      this.scale === 0
        ? digits
        : `${digits.slice(0, digits.length - this.scale)}.${digits.slice(digits.length - this.scale)}`;
    return negative ? `-${body}` : body;
  }

  /** The nearest double: lossy for more than ~15 significant digits. */
  toNumber(): number {
    return Number(this.toString());
  }

  toJSON(): string {
    return this.toString();
  }

  equals(other: Decimal): boolean {
    const scale = Math.max(this.scale, other.scale);
    return this.withScale(scale).unscaled === other.withScale(scale).unscaled;
  }
}
