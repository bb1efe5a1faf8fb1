/**
 * Spark's `hash` and `xxhash64` fold every argument, and every element of an array or
 * field of a struct, into a running hash: the previous hash is the seed of the next value
 * and a null leaves it unchanged. So any row flattens to a list of primitive tokens (the
 * SQL side, `functions/spark-hash.ts`, builds it) that these functions fold in order.
 */
import { murmur3Bytes, murmur3Int, murmur3Long } from "./murmur3.js";
import { xxhash64Bytes, xxhash64Int, xxhash64Long } from "./xxhash64.js";

/**
 * The token kinds, shared with the SQL side: how Spark encodes each value before hashing.
 * The SQL struct's fields `n`, `d`, `b` decode to `long`, `double`, `bytes`.
 */
export const TokenKind = {
  /** byte, short, integer, boolean (0/1), date (days): a 4-byte int in `n`. */
  int: 0,
  /** long, timestamps (micros), decimals of precision <= 18 (unscaled): 8 bytes in `n`. */
  long: 1,
  /** float in `d`: its IEEE bits as an int, -0.0 as 0.0, every NaN as Java's one NaN. */
  float: 2,
  /** double in `d`: its IEEE bits as a long, with the same two rules. */
  double: 3,
  /** string (UTF-8) or binary bytes in `b`. */
  bytes: 4,
  /** decimal of precision > 18: the unscaled integer's text in `b`, hashed as Java's BigInteger.toByteArray. */
  bigDecimal: 5,
} as const;

interface Hasher<H> {
  int(value: number, seed: H): H;
  long(value: bigint, seed: H): H;
  bytes(value: Uint8Array, seed: H): H;
}

const murmur3: Hasher<number> = { int: murmur3Int, long: murmur3Long, bytes: murmur3Bytes };
const xxhash64: Hasher<bigint> = { int: xxhash64Int, long: xxhash64Long, bytes: xxhash64Bytes };

/** Spark's seed for both `hash` and `xxhash64`. */
const SEED = 42;

function floatBits(value: number): number {
  if (Number.isNaN(value)) return 0x7fc00000;
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value === 0 ? 0 : value);
  return view.getInt32(0);
}

function doubleBits(value: number): bigint {
  if (Number.isNaN(value)) return 0x7ff8000000000000n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value === 0 ? 0 : value);
  return view.getBigInt64(0);
}

/** Java's `BigInteger.toByteArray`: minimal big-endian two's complement, at least one byte. */
export function bigIntegerBytes(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let v = value;
  for (;;) {
    const byte = Number(BigInt.asUintN(8, v));
    bytes.unshift(byte);
    v >>= 8n;
    const signBitSet = (byte & 0x80) !== 0;
    if ((v === 0n && !signBitSet) || (v === -1n && signBitSet)) return Uint8Array.from(bytes);
  }
}

/** One decoded token: its kind and the payload that kind reads (null: a null value). */
export interface HashToken {
  readonly kind: number;
  readonly long: bigint | null;
  readonly double: number | null;
  readonly bytes: Uint8Array | null;
}

function foldToken<H>(hasher: Hasher<H>, token: HashToken, seed: H): H {
  const { long, double, bytes } = token;
  switch (token.kind) {
    case TokenKind.int:
      return long === null ? seed : hasher.int(Number(BigInt.asIntN(32, long)), seed);
    case TokenKind.long:
      return long === null ? seed : hasher.long(long, seed);
    case TokenKind.float:
      return double === null ? seed : hasher.int(floatBits(double), seed);
    case TokenKind.double:
      return double === null ? seed : hasher.long(doubleBits(double), seed);
    case TokenKind.bytes:
      return bytes === null ? seed : hasher.bytes(bytes, seed);
    case TokenKind.bigDecimal:
      return bytes === null
        ? seed
        : hasher.bytes(bigIntegerBytes(BigInt(Buffer.from(bytes).toString("utf8"))), seed);
    default:
      throw new RangeError(`unknown hash token kind ${token.kind}`);
  }
}

function fold<H>(hasher: Hasher<H>, tokens: readonly HashToken[], seed: H): H {
  return tokens.reduce((h, token) => foldToken(hasher, token, h), seed);
}

/** Spark's `hash(...)` (Murmur3_x86_32, seed 42) of a token list. */
export function sparkMurmur3(tokens: readonly HashToken[]): number {
  return fold(murmur3, tokens, SEED);
}

/** Spark's `xxhash64(...)` (XXH64, seed 42) of a token list. */
export function sparkXxhash64(tokens: readonly HashToken[]): bigint {
  return fold(xxhash64, tokens, BigInt(SEED));
}
