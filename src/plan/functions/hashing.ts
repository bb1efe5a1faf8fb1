/** Hash functions. Arities are Spark 4.0.1's, checked with PySpark. */
import { type FunctionSpec, scalar, VARARGS } from "./spec.js";

export const hashingSpecs = {
  md5: scalar(1, 1, "string"),
  sha1: scalar(1, 1, "string"),
  sha: scalar(1, 1, "string", "expression"),
  sha2: scalar(2, 2, "string"),
  crc32: scalar(1, 1, "long"),
  hash: scalar(1, VARARGS, "integer"),
  xxhash64: scalar(1, VARARGS, "long"),
} satisfies Record<string, FunctionSpec>;
