/**
 * Spark SQL literals: numbers (type from form and suffix, as Spark's AstBuilder decides),
 * strings (adjacent ones concatenated), and typed literals `DATE '...'`,
 * `TIMESTAMP '...'`, `TIMESTAMP_NTZ '...'`, `X'...'`.
 */
import { CastNode } from "../plan/expression/cast.js";
import { LiteralNode } from "../plan/expression/literal.js";
import type { ExprNode } from "../plan/node.js";
import {
  ByteType,
  type DataType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  ShortType,
  StringType,
  TimestampNTZType,
  TimestampType,
} from "../types/data-types.js";
import { Decimal } from "../types/decimal.js";
import type { Token } from "../types/sql-lexer.js";
import { Timestamp } from "../types/timestamp.js";
import type { ParseContext } from "./context.js";
import { parseDateText, parseTimestampText } from "./datetime-text.js";

const INTEGRAL: Readonly<
  Record<string, { type: DataType; min: bigint; max: bigint; name: string }>
> = {
  Y: { type: ByteType, min: -128n, max: 127n, name: "tinyint" },
  S: { type: ShortType, min: -32768n, max: 32767n, name: "smallint" },
  L: { type: LongType, min: -(2n ** 63n), max: 2n ** 63n - 1n, name: "bigint" },
};
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const FLOAT_MAX = 3.4028234663852886e38;

function outOfRange(ctx: ParseContext, token: Token, text: string, type: string): never {
  return ctx.c.failAt(
    token,
    "INVALID_NUMERIC_LITERAL_RANGE",
    `Numeric literal ${text} is outside the valid range for ${type}`,
    "Use a wider type: a BD suffix (decimal) or D suffix (double), or no suffix.",
  );
}

/** `1.5`, `1e3BD`...: an exact Decimal with Java BigDecimal's precision and scale. */
function decimalLiteral(
  ctx: ParseContext,
  token: Token,
  body: string,
  negative: boolean,
): LiteralNode {
  const m = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(body);
  const exponent = Number(m?.[3] ?? "0");
  if (m === null || Math.abs(exponent) > 100) outOfRange(ctx, token, body, "decimal");
  const fraction = m[2] ?? "";
  let unscaled = BigInt(`${m[1] ?? ""}${fraction}` || "0");
  let scale = fraction.length - exponent;
  if (scale < 0) {
    unscaled *= 10n ** BigInt(-scale);
    scale = 0;
  }
  const precision = Math.max(unscaled.toString().length, scale);
  if (precision > 38) outOfRange(ctx, token, `${negative ? "-" : ""}${body}`, "decimal(38)");
  const value = new Decimal(negative ? -unscaled : unscaled, scale);
  return LiteralNode.create(value, new DecimalType(Math.max(precision, 1), scale));
}

function floating(
  ctx: ParseContext,
  token: Token,
  body: string,
  negative: boolean,
  float: boolean,
): LiteralNode {
  const value = Number(`${negative ? "-" : ""}${body}`);
  if (!Number.isFinite(value) || (float && Math.abs(value) > FLOAT_MAX)) {
    outOfRange(ctx, token, body, float ? "float" : "double");
  }
  return LiteralNode.create(value, float ? FloatType : DoubleType);
}

/**
 * The literal for a number token (`negative` when a unary minus preceded it): `7` int,
 * `3000000000` bigint, larger a decimal; suffixes `L` `S` `Y` `D` `F` `BD`; `1.5` a
 * decimal(2,1); `1e3` a double.
 *
 * @example
 * ```ts
 * numberLiteral(ctx, token("10L"), false); // LiteralNode(10n, LongType)
 * ```
 */
export function numberLiteral(ctx: ParseContext, token: Token, negative: boolean): LiteralNode {
  const text = token.text;
  const upper = text.toUpperCase();
  const sign = negative ? "-" : "";
  if (upper.endsWith("BD")) return decimalLiteral(ctx, token, text.slice(0, -2), negative);
  const suffix = upper.slice(-1);
  if (suffix === "D" || suffix === "F")
    return floating(ctx, token, text.slice(0, -1), negative, suffix === "F");
  const integral = INTEGRAL[suffix];
  if (integral !== undefined) {
    const value = BigInt(`${sign}${text.slice(0, -1)}`);
    if (value < integral.min || value > integral.max)
      outOfRange(ctx, token, `${sign}${text}`, integral.name);
    return LiteralNode.create(integral.type === LongType ? value : Number(value), integral.type);
  }
  if (upper.includes("E")) return floating(ctx, token, text, negative, false);
  if (upper.includes(".")) return decimalLiteral(ctx, token, text, negative);
  const value = BigInt(`${sign}${text}`);
  if (value >= INT_MIN && value <= INT_MAX) return LiteralNode.create(Number(value), IntegerType);
  if (value >= LONG_MIN && value <= LONG_MAX) return LiteralNode.create(value, LongType);
  return decimalLiteral(ctx, token, text, negative);
}

/**
 * One or more adjacent string tokens (`'a' 'b'` is `'ab'`, as in Spark).
 *
 * @example
 * ```ts
 * stringLiteral(newContext("'it\\'s' ' ok'")); // LiteralNode("it's ok")
 * ```
 */
export function stringLiteral(ctx: ParseContext): LiteralNode {
  let value = "";
  while (ctx.c.peek().kind === "string") value += ctx.c.next().value;
  return LiteralNode.create(value, StringType);
}

function invalidTyped(ctx: ParseContext, token: Token, type: string, value: string): never {
  return ctx.c.failAt(
    token,
    "INVALID_TYPED_LITERAL",
    `The value of the typed literal ${type} is not valid: '${value}'`,
    type === "X"
      ? "Write binary literals as hex digits: X'0AFF'."
      : "Write dates as 'YYYY-MM-DD' and timestamps as 'YYYY-MM-DD HH:MM:SS[.ffffff][+HH:MM]'.",
  );
}

function hexBytes(hex: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  // Spark pads an odd number of digits with a leading zero.
  const even = hex.length % 2 === 1 ? `0${hex}` : hex;
  return Uint8Array.from(Buffer.from(even, "hex"));
}

/** Words that start a typed literal when a string follows. */
export const TYPED_LITERALS = ["DATE", "TIMESTAMP", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ", "X"];

/**
 * `DATE '2024-01-01'` (a date literal, value normalized to `YYYY-MM-DD`), `TIMESTAMP_NTZ
 * '...'` (a Date holding the wall-clock time in its UTC fields), `X'0AFF'` (bytes), and
 * `TIMESTAMP '...'`: with an explicit offset it is an exact instant; without one it stays a
 * CastNode of the text, so each engine reads it in the session time zone as Spark does.
 *
 * @example
 * ```ts
 * typedLiteral(ctx, wordToken("DATE"), stringToken("2024-1-5")); // LiteralNode("2024-01-05", DateType)
 * ```
 */
export function typedLiteral(ctx: ParseContext, typeToken: Token, valueToken: Token): ExprNode {
  const type = typeToken.text.toUpperCase();
  const text = valueToken.value;
  if (type === "X") {
    const bytes = hexBytes(text);
    return bytes === undefined
      ? invalidTyped(ctx, valueToken, "X", text)
      : LiteralNode.create(bytes);
  }
  if (type === "DATE") {
    const date = parseDateText(text);
    return date === undefined
      ? invalidTyped(ctx, valueToken, type, text)
      : LiteralNode.create(date, DateType);
  }
  const ts = parseTimestampText(text);
  if (ts === undefined) return invalidTyped(ctx, valueToken, type, text);
  if (type === "TIMESTAMP_NTZ")
    return LiteralNode.create(new Timestamp(ts.wallClockMicros), TimestampNTZType);
  if (ts.offsetMinutes !== undefined) {
    const micros = ts.wallClockMicros - BigInt(ts.offsetMinutes) * 60_000_000n;
    return LiteralNode.create(new Timestamp(micros), TimestampType);
  }
  return CastNode.create(LiteralNode.create(text.trim(), StringType), TimestampType);
}
