/**
 * XXH64, the hash behind Spark's `xxhash64()`: the standard algorithm over little-endian
 * bytes (Spark's `hashInt` / `hashLong` equal it over the 4 / 8 bytes of the value). All
 * arithmetic is unsigned 64-bit, kept in range with `BigInt.asUintN`.
 */
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const rotl = (v: bigint, r: bigint): bigint => u64((v << r) | (v >> (64n - r)));

function round(acc: bigint, lane: bigint): bigint {
  return u64(rotl(u64(acc + u64(lane * P2)), 31n) * P1);
}

function mergeRound(acc: bigint, value: bigint): bigint {
  return u64(u64((acc ^ round(0n, value)) * P1) + P4);
}

function avalanche(h: bigint): bigint {
  let x = u64(h);
  x = u64((x ^ (x >> 33n)) * P2);
  x = u64((x ^ (x >> 29n)) * P3);
  return x ^ (x >> 32n);
}

/** XXH64 of the bytes with a signed 64-bit seed; the result as a signed long. */
export function xxhash64Bytes(bytes: Uint8Array, seed: bigint): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = bytes.length;
  const s = u64(seed);
  let i = 0;
  let h: bigint;
  if (length >= 32) {
    let v1 = u64(s + P1 + P2);
    let v2 = u64(s + P2);
    let v3 = s;
    let v4 = u64(s - P1);
    for (; i + 32 <= length; i += 32) {
      v1 = round(v1, view.getBigUint64(i, true));
      v2 = round(v2, view.getBigUint64(i + 8, true));
      v3 = round(v3, view.getBigUint64(i + 16, true));
      v4 = round(v4, view.getBigUint64(i + 24, true));
    }
    h = u64(rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n));
    h = mergeRound(mergeRound(mergeRound(mergeRound(h, v1), v2), v3), v4);
  } else {
    h = u64(s + P5);
  }
  h = u64(h + BigInt(length));
  for (; i + 8 <= length; i += 8) {
    h = u64(u64(rotl(h ^ round(0n, view.getBigUint64(i, true)), 27n) * P1) + P4);
  }
  if (i + 4 <= length) {
    h = u64(u64(rotl(h ^ u64(BigInt(view.getUint32(i, true)) * P1), 23n) * P2) + P3);
    i += 4;
  }
  for (; i < length; i++) {
    h = u64(rotl(h ^ u64(BigInt(view.getUint8(i)) * P5), 11n) * P1);
  }
  return BigInt.asIntN(64, avalanche(h));
}

/** `XXH64.hashInt`: the 4 little-endian bytes of a 32-bit value. */
export function xxhash64Int(value: number, seed: bigint): bigint {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value | 0, true);
  return xxhash64Bytes(bytes, seed);
}

/** `XXH64.hashLong`: the 8 little-endian bytes of a 64-bit value. */
export function xxhash64Long(value: bigint, seed: bigint): bigint {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt.asIntN(64, value), true);
  return xxhash64Bytes(bytes, seed);
}
