/**
 * Deletion vectors (PROTOCOL.md, "Deletion Vectors"): where a descriptor's bitmap lives and
 * how to read it. Three storage types:
 * - `u`: a file below the table, `<prefix>/deletion_vector_<uuid>.bin`, the UUID Z85-encoded
 *   in the last 20 characters of `pathOrInlineDv` and an optional random prefix before it;
 * - `p`: a file at an absolute location;
 * - `i`: the bitmap itself, Z85-encoded in the log.
 * A file holds a version byte (1), then per vector a big-endian uint32 size, the bitmap
 * (magic number 1681511377, little-endian, then the portable 64-bit Roaring bitmap) and a
 * big-endian CRC-32 of the bitmap. `offset` points at the size.
 */
import { crc32 } from "node:zlib";
import { DeltaError } from "../../errors.js";
import type { Storage } from "../../storage/storage.js";
import type { DeletionVectorDescriptor } from "../actions/types.js";
import { RoaringFormatError, readRoaring64, readRoaringNative, writeRoaring64 } from "./roaring.js";
import { Z85Error, z85Decode, z85Encode } from "./z85.js";

/** The first four bytes of a serialized deletion vector, portable format (little-endian). */
export const DV_MAGIC = 1681511377;
/** The magic number of the older native format (big-endian), read for compatibility. */
export const DV_MAGIC_NATIVE = 1681511376;
/** The version byte a deletion-vector file starts with. */
export const DV_FILE_VERSION = 1;
const UUID_Z85_LENGTH = 20;

function uuidText(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function invalid(dv: DeletionVectorDescriptor, what: string, cause?: unknown): DeltaError {
  return new DeltaError(
    "DELTA_DELETION_VECTOR_INVALID",
    `The deletion vector ${dv.storageType}${dv.pathOrInlineDv}${dv.offset === undefined ? "" : `@${dv.offset}`} is invalid: ${what}`,
    {
      cause,
      hint: "The table's log or deletion-vector file is damaged; restore the file or the table to an earlier version.",
    },
  );
}

/**
 * The location of a file-stored deletion vector, or undefined for an inline one.
 *
 * @example
 * ```ts
 * deletionVectorLocation("s3://mytable", { storageType: "u", pathOrInlineDv: "ab^-aqEH.-t@S}K{vb[*k^", offset: 4, sizeInBytes: 40, cardinality: 6 });
 * // "s3://mytable/ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin"
 * ```
 */
export function deletionVectorLocation(
  tableLocation: string,
  dv: DeletionVectorDescriptor,
): string | undefined {
  if (dv.storageType === "i") return undefined;
  if (dv.storageType === "p") return dv.pathOrInlineDv;
  if (dv.storageType !== "u") throw invalid(dv, `unknown storage type '${dv.storageType}'.`);
  const text = dv.pathOrInlineDv;
  if (text.length < UUID_Z85_LENGTH) throw invalid(dv, "the path is shorter than a UUID.");
  const prefix = text.slice(0, text.length - UUID_Z85_LENGTH);
  let uuid: Uint8Array;
  try {
    uuid = z85Decode(text.slice(text.length - UUID_Z85_LENGTH));
  } catch (e) {
    throw invalid(dv, "the UUID is not Z85.", e);
  }
  const root = tableLocation.replace(/\/+$/, "");
  return `${root}/${prefix === "" ? "" : `${prefix}/`}deletion_vector_${uuidText(uuid)}.bin`;
}

/** The row indexes of a serialized deletion vector (magic number + bitmap). */
export function parseDeletionVector(dv: DeletionVectorDescriptor, data: Uint8Array): number[] {
  if (data.length < 4) throw invalid(dv, "it is shorter than its magic number.");
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const magic = view.getUint32(0, true);
  const native = view.getUint32(0, false) === DV_MAGIC_NATIVE;
  if (magic !== DV_MAGIC && !native)
    throw invalid(dv, `magic number ${magic}, expected ${DV_MAGIC}.`);
  let rows: number[];
  try {
    rows = native ? readRoaringNative(data, 4) : readRoaring64(data, 4);
  } catch (e) {
    if (e instanceof RoaringFormatError) throw invalid(dv, e.message, e);
    throw e;
  }
  if (rows.length !== dv.cardinality)
    throw invalid(dv, `it holds ${rows.length} rows but its cardinality says ${dv.cardinality}.`);
  return rows;
}

/**
 * Reads a deletion vector: the row indexes (0-based positions in the data file) it deletes,
 * ascending. A file-stored vector is read with one range request and its CRC-32 checked.
 */
export async function loadDeletionVector(
  storage: Storage,
  tableLocation: string,
  dv: DeletionVectorDescriptor,
): Promise<number[]> {
  if (dv.storageType === "i") {
    let bytes: Uint8Array;
    try {
      bytes = z85Decode(dv.pathOrInlineDv);
    } catch (e) {
      if (e instanceof Z85Error) throw invalid(dv, e.message, e);
      throw e;
    }
    return parseDeletionVector(dv, bytes.subarray(0, dv.sizeInBytes));
  }
  const location = deletionVectorLocation(tableLocation, dv);
  if (location === undefined) throw invalid(dv, "it has no location.");
  const offset = dv.offset ?? 1;
  const chunk = await storage.read(location, { offset, length: 4 + dv.sizeInBytes + 4 });
  if (chunk.length < 8 + dv.sizeInBytes)
    throw invalid(dv, `${location} ends before the vector (${chunk.length} bytes at ${offset}).`);
  const size = chunk.readUInt32BE(0);
  if (size !== dv.sizeInBytes)
    throw invalid(
      dv,
      `${location} says ${size} bytes at ${offset}, the log says ${dv.sizeInBytes}.`,
    );
  const data = chunk.subarray(4, 4 + size);
  const expected = chunk.readUInt32BE(4 + size);
  const actual = crc32(data);
  if (actual !== expected)
    throw invalid(dv, `checksum ${actual} of ${location} at ${offset} does not match ${expected}.`);
  return parseDeletionVector(dv, data);
}

/** A serialized deletion vector: the magic number and the bitmap of `rows` (sorted, distinct). */
export function serializeDeletionVector(rows: readonly number[]): Uint8Array {
  const bitmap = writeRoaring64(rows);
  const out = new Uint8Array(4 + bitmap.length);
  new DataView(out.buffer).setUint32(0, DV_MAGIC, true);
  out.set(bitmap, 4);
  return out;
}

/** An inline descriptor for `rows` (for small vectors). */
export function inlineDeletionVector(rows: readonly number[]): DeletionVectorDescriptor {
  const data = serializeDeletionVector(rows);
  return {
    storageType: "i",
    pathOrInlineDv: z85Encode(data),
    sizeInBytes: data.length,
    cardinality: rows.length,
  };
}

/**
 * The bytes of a deletion-vector file holding `vectors` (each sorted, distinct), and each
 * vector's offset and size for its descriptor.
 */
export function deletionVectorFile(vectors: readonly (readonly number[])[]): {
  bytes: Uint8Array;
  entries: { offset: number; sizeInBytes: number; cardinality: number }[];
} {
  const parts: Uint8Array[] = [Uint8Array.of(DV_FILE_VERSION)];
  const entries: { offset: number; sizeInBytes: number; cardinality: number }[] = [];
  let at = 1;
  for (const rows of vectors) {
    const data = serializeDeletionVector(rows);
    const framed = Buffer.alloc(8 + data.length);
    framed.writeUInt32BE(data.length, 0);
    framed.set(data, 4);
    framed.writeUInt32BE(crc32(data), 4 + data.length);
    entries.push({ offset: at, sizeInBytes: data.length, cardinality: rows.length });
    parts.push(framed);
    at += framed.length;
  }
  return { bytes: Buffer.concat(parts), entries };
}

/** The `u` descriptor path for a file `deletion_vector_<uuid>.bin` directly below the table. */
export function relativeDeletionVectorPath(uuid: string, prefix = ""): string {
  const bytes = Buffer.from(uuid.replace(/-/g, ""), "hex");
  return `${prefix}${z85Encode(bytes)}`;
}
