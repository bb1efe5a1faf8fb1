/** Hash functions; `hash` and `xxhash64` are Spark's seeded Murmur3 / XXH64 on every engine. */
import type { Column } from "../column.js";
import { type ColumnOrName, c, fnNodes, l } from "./call.js";

export function md5(col: ColumnOrName): Column {
  return fnNodes("md5", [c(col)]);
}
export function sha1(col: ColumnOrName): Column {
  return fnNodes("sha1", [c(col)]);
}
/** SHA-2 of 224, 256 (or 0), 384 or 512 bits, as hex. */
export function sha2(col: ColumnOrName, numBits: number): Column {
  return fnNodes("sha2", [c(col), l(numBits)]);
}
/** CRC-32 as a long. */
export function crc32(col: ColumnOrName): Column {
  return fnNodes("crc32", [c(col)]);
}
export function hash(...cols: ColumnOrName[]): Column {
  return fnNodes("hash", cols.map(c));
}
export function xxhash64(...cols: ColumnOrName[]): Column {
  return fnNodes("xxhash64", cols.map(c));
}
