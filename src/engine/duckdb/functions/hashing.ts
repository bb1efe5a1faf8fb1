/**
 * Hashes: `md5`, `sha1`, `sha2`, `crc32` give Spark's values (hex strings; crc32 a long).
 * `hash` and `xxhash64` (Spark's seeded Murmur3 and xxHash64 over its own value encoding)
 * are declared unsupported rather than answered with different numbers.
 */
import { UnsupportedOperationError } from "../../../errors.js";
import { LongType, StringType } from "../../../types/data-types.js";
import { type FnArg, type FunctionDef, type FunctionTable, returns } from "./types.js";

function bytes(a: FnArg | undefined): string {
  if (a === undefined) throw new RangeError("argument missing");
  if (a.type?.typeName === "binary") return a.sql;
  return `encode(${a.type === undefined || a.type.typeName === "string" ? a.sql : `CAST(${a.sql} AS VARCHAR)`})`;
}

const unsupported = (name: string): FunctionDef => ({
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  compile: () => {
    throw new UnsupportedOperationError(
      "duckdb",
      name,
      `${name}() is not supported on the DuckDB engine: its values would differ from Spark's seeded ${name === "hash" ? "Murmur3" : "xxHash64"}.`,
      {
        hint: "Use md5, sha1, sha2 or crc32, which give the same values on every engine.",
      },
    );
  },
});

export const hashingFunctions: FunctionTable = {
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
  hash: unsupported("hash"),
  xxhash64: unsupported("xxhash64"),
};
