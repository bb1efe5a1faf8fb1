/**
 * Deletion-vector codecs: Z85, the portable 64-bit Roaring bitmap, descriptors and DV files.
 * The expected values are the Delta protocol's own examples (PROTOCOL.md, "Deletion Vector
 * Descriptor Schema") and the RoaringFormatSpec layout; reading tables delta-spark writes is
 * covered in tests/interop.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  deletionVectorFile,
  deletionVectorLocation,
  inlineDeletionVector,
  loadDeletionVector,
  relativeDeletionVectorPath,
} from "../../../src/delta/deletion-vectors/descriptor.js";
import { readRoaring64, writeRoaring64 } from "../../../src/delta/deletion-vectors/roaring.js";
import { z85Decode, z85Encode } from "../../../src/delta/deletion-vectors/z85.js";
import { DeltaError } from "../../../src/errors.js";
import { LocalStorage } from "../../../src/storage/local.js";

const storage = new LocalStorage();

describe("Z85", () => {
  it("decodes and encodes RFC 32's example", () => {
    expect(Buffer.from(z85Decode("HelloWorld")).toString("hex")).toBe("864fd26fb559f75b");
    expect(z85Encode(Buffer.from("864fd26fb559f75b", "hex"))).toBe("HelloWorld");
  });

  it("refuses text that is not Z85", () => {
    expect(() => z85Decode("abcd")).toThrow(/multiple of 5/);
    expect(() => z85Decode("abc~e")).toThrow(/'~' at 3/);
  });
});

describe("deletion vector descriptors (the protocol's examples)", () => {
  it("resolves a relative path with a random prefix", () => {
    const dv = {
      storageType: "u",
      pathOrInlineDv: "ab^-aqEH.-t@S}K{vb[*k^",
      offset: 4,
      sizeInBytes: 40,
      cardinality: 6,
    };
    expect(deletionVectorLocation("s3://mytable/", dv)).toBe(
      "s3://mytable/ab/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin",
    );
    expect(relativeDeletionVectorPath("d2c639aa-8816-431a-aaf6-d3fe2512ff61", "ab")).toBe(
      dv.pathOrInlineDv,
    );
  });

  it("keeps an absolute path as it is", () => {
    const dv = {
      storageType: "p",
      pathOrInlineDv: "s3://mytable/deletion_vector_d2c639aa-8816-431a-aaf6-d3fe2512ff61.bin",
      offset: 4,
      sizeInBytes: 40,
      cardinality: 6,
    };
    expect(deletionVectorLocation("s3://other", dv)).toBe(dv.pathOrInlineDv);
  });

  it("reads the inline example: rows 3, 4, 7, 11, 18, 29", async () => {
    const dv = {
      storageType: "i",
      pathOrInlineDv: "wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L",
      sizeInBytes: 40,
      cardinality: 6,
    };
    expect(deletionVectorLocation("/t", dv)).toBeUndefined();
    expect(await loadDeletionVector(storage, "/t", dv)).toEqual([3, 4, 7, 11, 18, 29]);
  });

  it("refuses a cardinality the bitmap does not have, naming the vector", async () => {
    const dv = { ...inlineDeletionVector([1, 2, 3]), cardinality: 4 };
    const error = await loadDeletionVector(storage, "/t", dv).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeltaError);
    expect((error as DeltaError).code).toBe("DELTA_DELETION_VECTOR_INVALID");
    expect((error as DeltaError).message).toMatch(/holds 3 rows but its cardinality says 4/);
  });
});

describe("the portable 64-bit Roaring bitmap", () => {
  it("round-trips array containers, bitset containers and several high keys", () => {
    const rows: number[] = [];
    for (let i = 0; i < 10_000; i += 2) rows.push(i); // 5,000 in one container: a bitset
    rows.push(65_536 + 7, 65_536 + 9); // a second, small container
    rows.push(2 ** 32 + 1, 3 * 2 ** 32 + 5); // beyond 32 bits: more bitmaps
    expect(readRoaring64(writeRoaring64(rows))).toEqual(rows);
    expect(readRoaring64(writeRoaring64([]))).toEqual([]);
  });

  it("reads run containers (as Java's runOptimize writes them)", () => {
    // One bitmap, key 0: cookie 12347 with 1 container, run bitset 0b1, key 0 / cardinality-1
    // 1004, no offsets (fewer than 4 containers), then 2 runs: [5, 9] and [100, 1099].
    const bytes = Buffer.alloc(8 + 4 + 4 + 1 + 4 + 2 + 8);
    let at = bytes.writeBigUInt64LE(1n, 0);
    at = bytes.writeUInt32LE(0, at);
    at = bytes.writeUInt32LE(12347, at);
    at = bytes.writeUInt8(1, at);
    at = bytes.writeUInt16LE(0, at);
    at = bytes.writeUInt16LE(1004, at);
    at = bytes.writeUInt16LE(2, at);
    at = bytes.writeUInt16LE(5, at);
    at = bytes.writeUInt16LE(4, at);
    at = bytes.writeUInt16LE(100, at);
    bytes.writeUInt16LE(999, at);
    const rows = readRoaring64(bytes);
    expect(rows.length).toBe(1005);
    expect(rows.slice(0, 6)).toEqual([5, 6, 7, 8, 9, 100]);
    expect(rows.at(-1)).toBe(1099);
  });

  it("refuses a truncated bitmap", () => {
    const bytes = writeRoaring64([1, 2, 3]);
    expect(() => readRoaring64(bytes.subarray(0, bytes.length - 1))).toThrow(/ends early/);
  });
});

describe("deletion vector files", () => {
  it("writes several vectors with checksums and reads each back by offset", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trib-dv-"));
    const uuid = "0b0c1d2e-3f40-4152-8364-758697a8b9ca";
    const vectors = [[0, 5, 9], [1], Array.from({ length: 5000 }, (_, i) => i * 3)];
    const { bytes, entries } = deletionVectorFile(vectors);
    writeFileSync(join(dir, `deletion_vector_${uuid}.bin`), bytes);
    for (const [i, entry] of entries.entries()) {
      const dv = { storageType: "u", pathOrInlineDv: relativeDeletionVectorPath(uuid), ...entry };
      expect(await loadDeletionVector(storage, dir, dv)).toEqual(vectors[i]);
    }
  });

  it("detects a damaged file by its checksum", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trib-dv-"));
    const uuid = "0b0c1d2e-3f40-4152-8364-758697a8b9ca";
    const { bytes, entries } = deletionVectorFile([[1, 2, 3]]);
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 6] = (damaged[damaged.length - 6] ?? 0) ^ 0xff;
    writeFileSync(join(dir, `deletion_vector_${uuid}.bin`), damaged);
    const entry = entries[0];
    if (entry === undefined) throw new Error("no entry");
    const dv = { storageType: "u", pathOrInlineDv: relativeDeletionVectorPath(uuid), ...entry };
    await expect(loadDeletionVector(storage, dir, dv)).rejects.toThrow(/checksum/);
  });
});
