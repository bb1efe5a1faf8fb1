/**
 * Text rules Spark takes from Java and DuckDB does not share, as plain functions (the UDFs in
 * `udfs.ts` run them per row): full Unicode case mapping (`ß` -> `SS`, final sigma, `İ`),
 * Spark's space-separated title case, Levenshtein distance over code points, and
 * `java.text.DecimalFormat` output for `format_number` (HALF_EVEN on the shortest digits).
 */
import { plainNumberText } from "../../types/java-number-text.js";

/**
 * Title-case forms that differ from the upper-case form (Unicode SpecialCasing and the
 * Latin digraphs): Java's `Character.toTitleCase` / ICU's title mapping, which Spark's
 * `initcap` applies to the first letter of each word.
 */
const TITLE: Readonly<Record<string, string>> = {
  ǆ: "ǅ",
  ǅ: "ǅ",
  Ǆ: "ǅ",
  ǈ: "ǈ",
  ǋ: "ǋ",
  ǲ: "ǲ",
  ǉ: "ǈ",
  Ǉ: "ǈ",
  ǌ: "ǋ",
  Ǌ: "ǋ",
  ǳ: "ǲ",
  Ǳ: "ǲ",
  ß: "Ss",
  ﬀ: "Ff",
  ﬁ: "Fi",
  ﬂ: "Fl",
  ﬃ: "Ffi",
  ﬄ: "Ffl",
  ﬅ: "St",
  ﬆ: "St",
  և: "Եւ",
  ﬓ: "Մն",
  ﬔ: "Մե",
  ﬕ: "Մի",
  ﬖ: "Վն",
  ﬗ: "Մխ",
};

function titleChar(ch: string): string {
  const mapped = TITLE[ch];
  if (mapped !== undefined) return mapped;
  const cp = ch.codePointAt(0) ?? 0;
  // Greek letters with ypogegrammeni title-case to the prosgegrammeni form, not to "ΑΙ".
  if (cp >= 0x1f80 && cp <= 0x1faf) return String.fromCodePoint(cp | 0x8);
  if (cp === 0x1fb3 || cp === 0x1fc3 || cp === 0x1ff3) return String.fromCodePoint(cp + 9);
  if (cp === 0x1fbc || cp === 0x1fcc || cp === 0x1ffc) return ch;
  return ch.toUpperCase();
}

/** Spark's `upper`: Java's full, locale-independent upper-case mapping. */
export function sparkUpper(s: string): string {
  return s.toUpperCase();
}

/** Spark's `lower`: Java's full lower-case mapping (final sigma, `İ` -> `i̇`). */
export function sparkLower(s: string): string {
  return s.toLowerCase();
}

/**
 * Spark's `initcap`: in each space-separated word, the first letter title-cased as written
 * (`İ` stays `İ`) and the rest lower-cased (with final sigma).
 */
export function sparkInitcap(s: string): string {
  return s
    .split(" ")
    .map((word) => {
      const first = word.codePointAt(0);
      if (first === undefined) return word;
      const head = String.fromCodePoint(first);
      return titleChar(head) + word.slice(head.length).toLowerCase();
    })
    .join(" ");
}

/**
 * Levenshtein distance over code points; with a threshold, -1 when the distance exceeds it
 * (Spark's `levenshtein(a, b, threshold)`).
 */
export function levenshtein(a: string, b: string, threshold?: number): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      row.push(Math.min((row[j - 1] ?? 0) + 1, (prev[j] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  const distance = prev[y.length] ?? 0;
  return threshold !== undefined && distance > threshold ? -1 : distance;
}

/** An exact decimal: `digits / 10^scale`, with the sign kept apart so -0 stays negative. */
interface ExactDecimal {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly scale: number;
}

/** The exact value of a finite double (every double is a finite binary fraction). */
function exactOfDouble(v: number): ExactDecimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (exponentBits === 0 ? 1 : exponentBits) - 1075;
  if (exponent >= 0) return { negative, digits: mantissa << BigInt(exponent), scale: 0 };
  // m / 2^k == m * 5^k / 10^k
  return { negative, digits: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/** The exact value of a plain decimal text such as `-12.3400` or `7`. */
function exactOfText(text: string): ExactDecimal | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (m === null) return undefined;
  const intPart = m[2] ?? "";
  const fracPart = m[3] ?? "";
  if (intPart === "" && fracPart === "") return undefined;
  return {
    negative: m[1] === "-",
    digits: BigInt(`${intPart}${fracPart}` || "0"),
    scale: fracPart.length,
  };
}

function roundHalfEven(value: ExactDecimal, decimals: number): bigint {
  if (value.scale <= decimals) return value.digits * 10n ** BigInt(decimals - value.scale);
  const divisor = 10n ** BigInt(value.scale - decimals);
  const quotient = value.digits / divisor;
  const twice = (value.digits % divisor) * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** -1, 0 or 1 as |a| is below, equal to or above |b|. */
function compareMagnitude(a: ExactDecimal, b: ExactDecimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.digits * 10n ** BigInt(scale - a.scale);
  const y = b.digits * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `java.text.DigitList` for a double: the shortest digits that read back (what
 * `Double.toString` prints), rounded HALF_EVEN; a tie in those digits goes to the side the
 * exact binary value lies on (`0.125` is a true tie, `1.005` lies below it).
 */
function roundShortest(v: number, decimals: number): ExactDecimal {
  const exact = exactOfDouble(v);
  const shortest = exactOfText(plainNumberText(String(Math.abs(v))) ?? "0") ?? exact;
  if (shortest.scale <= decimals) return { ...shortest, negative: exact.negative };
  const divisor = 10n ** BigInt(shortest.scale - decimals);
  const quotient = shortest.digits / divisor;
  const twice = (shortest.digits % divisor) * 2n;
  const side = twice === divisor ? compareMagnitude(exact, shortest) : twice > divisor ? 1 : -1;
  const up = side > 0 || (side === 0 && quotient % 2n === 1n);
  return { negative: exact.negative, digits: up ? quotient + 1n : quotient, scale: decimals };
}

function formatExact(value: ExactDecimal, decimals: number): string {
  const rounded = roundHalfEven(value, decimals)
    .toString()
    .padStart(decimals + 1, "0");
  const intDigits = rounded.slice(0, rounded.length - decimals);
  const fracDigits = rounded.slice(rounded.length - decimals);
  const body = groupThousands(intDigits) + (decimals > 0 ? `.${fracDigits}` : "");
  // DecimalFormat keeps the sign of a negative value that rounds to zero ("-0.00").
  return value.negative ? `-${body}` : body;
}

/**
 * Spark's `format_number(x, d)` for a double: `#,##0.00...` with Java's HALF_EVEN rounding
 * of the shortest digits (1e308 prints a 1 and zeros), `NaN`, `∞` and `-∞` as Java prints them; null for negative `d`.
 */
export function formatNumberDouble(v: number, decimals: number): string | null {
  if (decimals < 0) return null;
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "∞";
  if (v === Number.NEGATIVE_INFINITY) return "-∞";
  return formatExact(roundShortest(v, decimals), decimals);
}

/** `format_number` for an exact decimal or integer given as text. */
export function formatNumberText(text: string, decimals: number): string | null {
  if (decimals < 0) return null;
  const exact = exactOfText(text);
  return exact === undefined ? null : formatExact(exact, decimals);
}
