/**
 * Hashes: `md5`, `sha1`, `sha2`, `crc32` give Spark's values (hex strings; crc32 a long);
 * `hash` and `xxhash64` (Spark's seeded Murmur3 / XXH64) come from spark-hash.ts.
 */
import { LongType, StringType } from "../../../types/data-types.js";
import { sparkHashFunctions } from "./spark-hash.js";
import { type FamilyTable, type FnArg, returns } from "./types.js";

function bytes(a: FnArg | undefined): string {
  if (a === undefined) throw new RangeError("argument missing");
  if (a.type?.typeName === "binary") return a.sql;
  // Spark hashes a string's bytes, which for a cast from binary need not be valid UTF-8.
  if (a.bytesSql !== undefined) return a.bytesSql;
  return `encode(${a.type === undefined || a.type.typeName === "string" ? a.sql : `CAST(${a.sql} AS VARCHAR)`})`;
}

export const hashingFunctions = {
  md5: { minArgs: 1, compile: (args) => `md5(${bytes(args[0])})`, returnType: returns(StringType) },
  sha1: {
    minArgs: 1,
    compile: (args) => `sha1(${bytes(args[0])})`,
    returnType: returns(StringType),
  },
  sha: {
    minArgs: 1,
    compile: (args) => `sha1(${bytes(args[0])})`,
    returnType: returns(StringType),
  },
  sha2: {
    minArgs: 2,
    compile: (args, ctx) => {
      const bits = ctx.literalInt(1);
      if (bits === 256 || bits === 0) return `sha256(${bytes(args[0])})`;
      if (![224, 384, 512].includes(bits)) return "CAST(NULL AS VARCHAR)";
      return `tributary_sha2(${bytes(args[0])}, ${bits})`;
    },
    returnType: returns(StringType),
  },
  crc32: {
    minArgs: 1,
    compile: (args) => `tributary_crc32(${bytes(args[0])})`,
    returnType: returns(LongType),
  },
  ...sparkHashFunctions,
} satisfies FamilyTable;
