/**
 * The 64-bit Roaring bitmap in the portable format (RoaringFormatSpec, "extension for 64-bit
 * implementations"), as a Delta deletion vector stores it after its magic number: the row
 * indexes of a data file that are deleted.
 *
 * Layout, little-endian: a uint64 count of 32-bit bitmaps, then for each a uint32 key (the
 * high 32 bits of its values) and a standard 32-bit Roaring bitmap:
 * - a cookie: 12346 (no run containers) followed by a uint32 container count, or 12347 in the
 *   low 16 bits with (count - 1) in the high 16, followed by a bitset of which containers are
 *   runs;
 * - per container its uint16 key and uint16 cardinality - 1;
 * - a uint32 offset per container (absent with run containers and fewer than 4 containers);
 * - the containers: runs (uint16 count, then start / length - 1 pairs), arrays (up to 4096
 *   uint16 values) or bitsets (1024 uint64 words).
 */

const SERIAL_COOKIE_NO_RUNCONTAINER = 12346;
const SERIAL_COOKIE = 12347;
const NO_OFFSET_THRESHOLD = 4;
const ARRAY_MAX = 4096;

/** Thrown for bytes that are not a valid bitmap; the caller wraps it with the table context. */
export class RoaringFormatError extends Error {}

class Reader {
  private pos: number;
  constructor(
    private readonly view: DataView,
    start: number,
  ) {
    this.pos = start;
  }
  private need(n: number): void {
    if (this.pos + n > this.view.byteLength)
      throw new RoaringFormatError(
        `The bitmap ends early: ${n} more bytes needed at byte ${this.pos} of ${this.view.byteLength}.`,
      );
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  u64(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const v = new Uint8Array(this.view.buffer, this.view.byteOffset + this.pos, n);
    this.pos += n;
    return v;
  }
  get offset(): number {
    return this.pos;
  }
}

/** Reads one 32-bit Roaring bitmap, pushing `high + value` for every value, in order. */
function read32(reader: Reader, high: number, out: number[]): void {
  const cookie = reader.u32();
  let count: number;
  let runs: Uint8Array | undefined;
  if ((cookie & 0xffff) === SERIAL_COOKIE) {
    count = (cookie >>> 16) + 1;
    runs = reader.bytes(Math.ceil(count / 8));
  } else if (cookie === SERIAL_COOKIE_NO_RUNCONTAINER) {
    count = reader.u32();
  } else {
    throw new RoaringFormatError(`Unknown Roaring cookie ${cookie}.`);
  }
  const keys: number[] = [];
  const cardinalities: number[] = [];
  for (let i = 0; i < count; i++) {
    keys.push(reader.u16());
    cardinalities.push(reader.u16() + 1);
  }
  // Offsets only help random access; the containers follow each other anyway.
  if (runs === undefined || count >= NO_OFFSET_THRESHOLD) reader.bytes(4 * count);
  for (let i = 0; i < count; i++) {
    const base = high + (keys[i] ?? 0) * 65536;
    const isRun = runs !== undefined && ((runs[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0;
    const cardinality = cardinalities[i] ?? 0;
    if (isRun) {
      const n = reader.u16();
      for (let r = 0; r < n; r++) {
        const start = reader.u16();
        const length = reader.u16();
        for (let v = start; v <= start + length; v++) out.push(base + v);
      }
    } else if (cardinality <= ARRAY_MAX) {
      for (let j = 0; j < cardinality; j++) out.push(base + reader.u16());
    } else {
      const words = reader.bytes(8192);
      for (let byte = 0; byte < 8192; byte++) {
        const b = words[byte] ?? 0;
        if (b === 0) continue;
        for (let bit = 0; bit < 8; bit++) if (b & (1 << bit)) out.push(base + byte * 8 + bit);
      }
    }
  }
}

/**
 * The values of a portable 64-bit Roaring bitmap starting at `start` of `bytes`, ascending.
 * Row indexes above 2^53 cannot occur in a Parquet file, so they are numbers.
 */
export function readRoaring64(bytes: Uint8Array, start = 0): number[] {
  const reader = new Reader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), start);
  const buckets = reader.u64();
  if (buckets > 65536n) throw new RoaringFormatError(`Implausible bitmap count ${buckets}.`);
  const out: number[] = [];
  for (let b = 0n; b < buckets; b++) {
    const key = reader.u32();
    if (key > 0x1fffff) throw new RoaringFormatError(`Row index key ${key} is beyond 2^53.`);
    read32(reader, key * 2 ** 32, out);
  }
  return out;
}

/**
 * The values of RoaringBitmapArray's older "native" layout (the protocol's inline example uses
 * it): after the big-endian magic, a big-endian int32 count of 32-bit bitmaps, then each as a
 * big-endian int32 size and a standard 32-bit Roaring bitmap; bitmap i holds the values whose
 * high 32 bits are i.
 */
export function readRoaringNative(bytes: Uint8Array, start = 0): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (start + 4 > bytes.length) throw new RoaringFormatError("The bitmap ends before its count.");
  const count = view.getInt32(start, false);
  if (count < 0 || count > 0x200000)
    throw new RoaringFormatError(`Implausible bitmap count ${count}.`);
  const out: number[] = [];
  let at = start + 4;
  for (let i = 0; i < count; i++) {
    if (at + 4 > bytes.length)
      throw new RoaringFormatError("The bitmap ends before a bitmap size.");
    const size = view.getInt32(at, false);
    const reader = new Reader(view, at + 4);
    read32(reader, i * 2 ** 32, out);
    if (reader.offset !== at + 4 + size)
      throw new RoaringFormatError(
        `Bitmap ${i} is ${reader.offset - at - 4} bytes, its header says ${size}.`,
      );
    at += 4 + size;
  }
  return out;
}

/**
 * Writes sorted, distinct row indexes as a portable 64-bit Roaring bitmap (array and bitset
 * containers, no runs: every reader accepts them).
 */
export function writeRoaring64(values: readonly number[]): Uint8Array {
  const byHigh = new Map<number, number[]>();
  for (const v of values) {
    const high = Math.floor(v / 2 ** 32);
    const list = byHigh.get(high) ?? [];
    byHigh.set(high, list);
    list.push(v - high * 2 ** 32);
  }
  const parts: Uint8Array[] = [];
  const head = new DataView(new ArrayBuffer(8));
  head.setBigUint64(0, BigInt(byHigh.size), true);
  parts.push(new Uint8Array(head.buffer));
  for (const [high, lows] of [...byHigh].sort((a, b) => a[0] - b[0])) {
    const key = new DataView(new ArrayBuffer(4));
    key.setUint32(0, high, true);
    parts.push(new Uint8Array(key.buffer));
    parts.push(write32(lows));
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function write32(values: readonly number[]): Uint8Array {
  const containers = new Map<number, number[]>();
  for (const v of values) {
    const key = v >>> 16;
    const list = containers.get(key) ?? [];
    containers.set(key, list);
    list.push(v & 0xffff);
  }
  const entries = [...containers].sort((a, b) => a[0] - b[0]);
  const bodies = entries.map(([, lows]) => {
    if (lows.length <= ARRAY_MAX) {
      const body = new DataView(new ArrayBuffer(2 * lows.length));
      for (const [i, v] of lows.entries()) body.setUint16(2 * i, v, true);
      return new Uint8Array(body.buffer);
    }
    const bits = new Uint8Array(8192);
    for (const v of lows) bits[v >>> 3] = (bits[v >>> 3] ?? 0) | (1 << (v & 7));
    return bits;
  });
  const headerSize = 8 + 4 * entries.length + 4 * entries.length;
  const header = new DataView(new ArrayBuffer(headerSize));
  header.setUint32(0, SERIAL_COOKIE_NO_RUNCONTAINER, true);
  header.setUint32(4, entries.length, true);
  let at = 8;
  for (const [key, lows] of entries) {
    header.setUint16(at, key, true);
    header.setUint16(at + 2, lows.length - 1, true);
    at += 4;
  }
  let offset = headerSize;
  for (const body of bodies) {
    header.setUint32(at, offset, true);
    at += 4;
    offset += body.length;
  }
  const out = new Uint8Array(offset);
  out.set(new Uint8Array(header.buffer), 0);
  let pos = headerSize;
  for (const body of bodies) {
    out.set(body, pos);
    pos += body.length;
  }
  return out;
}
