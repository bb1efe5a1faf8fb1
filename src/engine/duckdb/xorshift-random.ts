/**
 * Spark's seeded random numbers: `rand(seed)` and `randn(seed)` draw from an
 * `org.apache.spark.util.random.XORShiftRandom` seeded with `seed + partitionIndex`, through
 * `java.util.Random`'s `nextDouble` and `nextGaussian`. Reproduced exactly, so a seeded
 * query gives Spark's numbers (the embedded engine is one partition, index 0).
 */

const MASK64 = (1n << 64n) - 1n;

function rotl32(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function mix(h: number, k: number): number {
  let k1 = Math.imul(k, 0xcc9e2d51);
  k1 = rotl32(k1, 15);
  k1 = Math.imul(k1, 0x1b873593);
  const h1 = rotl32(h ^ k1, 13);
  return (Math.imul(h1, 5) + 0xe6546b64) | 0;
}

function mixLast(h: number, k: number): number {
  let k1 = Math.imul(k, 0xcc9e2d51);
  k1 = rotl32(k1, 15);
  k1 = Math.imul(k1, 0x1b873593);
  return h ^ k1;
}

function avalanche(h0: number): number {
  let h = h0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Scala's `MurmurHash3.bytesHash` (little-endian 4-byte blocks, then the tail). */
function bytesHash(data: Uint8Array, seed: number): number {
  let h = seed;
  let i = 0;
  for (; i + 4 <= data.length; i += 4) {
    const k =
      (data[i] ?? 0) |
      ((data[i + 1] ?? 0) << 8) |
      ((data[i + 2] ?? 0) << 16) |
      ((data[i + 3] ?? 0) << 24);
    h = mix(h, k);
  }
  const rest = data.length - i;
  let k = 0;
  if (rest === 3) k ^= (data[i + 2] ?? 0) << 16;
  if (rest >= 2) k ^= (data[i + 1] ?? 0) << 8;
  if (rest >= 1) {
    k ^= data[i] ?? 0;
    h = mixLast(h, k);
  }
  return avalanche(h ^ data.length);
}

/** Scala's `MurmurHash3.arraySeed`. */
const ARRAY_SEED = 0x3c074a61;

/** `XORShiftRandom.hashSeed`: the seed's 8 big-endian bytes hashed twice into 64 bits. */
export function hashSeed(seed: bigint): bigint {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt.asIntN(64, seed));
  const low = bytesHash(bytes, ARRAY_SEED);
  const high = bytesHash(bytes, low);
  return ((BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)) & MASK64;
}

/** One generator: Spark's `XORShiftRandom(seed)` as a `java.util.Random`. */
export class XorShiftRandom {
  private state: bigint;
  private nextGaussianValue: number | undefined;

  constructor(seed: bigint) {
    this.state = hashSeed(seed);
  }

  private next(bits: number): number {
    let s = this.state;
    s ^= (s << 21n) & MASK64;
    s ^= s >> 35n;
    s ^= (s << 4n) & MASK64;
    this.state = s;
    return Number(s & ((1n << BigInt(bits)) - 1n));
  }

  /** `java.util.Random.nextDouble`: 53 random bits. */
  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) * 2 ** -53;
  }

  /** `java.util.Random.nextGaussian`: the polar method, each pair giving two values. */
  nextGaussian(): number {
    const kept = this.nextGaussianValue;
    if (kept !== undefined) {
      this.nextGaussianValue = undefined;
      return kept;
    }
    let v1: number;
    let v2: number;
    let s: number;
    do {
      v1 = 2 * this.nextDouble() - 1;
      v2 = 2 * this.nextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s === 0);
    const multiplier = Math.sqrt((-2 * Math.log(s)) / s);
    this.nextGaussianValue = v2 * multiplier;
    return v1 * multiplier;
  }
}

/**
 * The `index`-th draw (from 0) of a generator per seed and kind. Rows usually ask in order,
 * so the generator is kept and advanced; an earlier index starts it again from the seed.
 */
export class SeededDraws {
  private readonly streams = new Map<
    string,
    { rng: XorShiftRandom; drawn: number; last: number }
  >();

  constructor(private readonly draw: (rng: XorShiftRandom) => number) {}

  at(seed: bigint, index: number): number {
    const key = seed.toString();
    let stream = this.streams.get(key);
    if (stream !== undefined && stream.drawn === index + 1) return stream.last;
    if (stream === undefined || stream.drawn > index) {
      stream = { rng: new XorShiftRandom(seed), drawn: 0, last: Number.NaN };
      this.streams.set(key, stream);
    }
    while (stream.drawn <= index) {
      stream.last = this.draw(stream.rng);
      stream.drawn++;
    }
    return stream.last;
  }
}
