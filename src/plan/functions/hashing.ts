/** Hash functions. Arities are Spark 4.0.1's, checked with PySpark. */
import { type FunctionSpec, scalar, VARARGS } from "./spec.js";

export const hashingSpecs = {
  md5: scalar(1, 1, "string", ["binary"]),
  sha1: scalar(1, 1, "string", ["binary"]),
  sha: scalar(1, 1, "string", ["binary"], "expression"),
  sha2: scalar(2, 2, "string", ["binary", "int"]),
  crc32: scalar(1, 1, "long", ["binary"]),
  hash: scalar(1, VARARGS, "integer", ["any"]),
  xxhash64: scalar(1, VARARGS, "long", ["any"]),
} satisfies Record<string, FunctionSpec>;
