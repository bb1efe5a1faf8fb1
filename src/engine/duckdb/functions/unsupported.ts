/**
 * Catalog functions the DuckDB engine does not run, each with the reason. The registry
 * refuses them by name with an UnsupportedOperationError instead of an unknown-function
 * error, and `supports("function:name")` answers false.
 */
import type { SparkFunctionName } from "../../../plan/functions/index.js";

export interface UnsupportedFunction {
  /** Why the engine cannot give Spark's answer; completes "name() is not supported on DuckDB: ...". */
  readonly because: string;
  readonly hint?: string;
}

const notYet = (what: string): UnsupportedFunction => ({
  because: `${what} is not implemented on this engine yet`,
  hint: "Run it on a Spark engine (master sc://...), or write it with when/otherwise.",
});

// Spark's seeded hashes over its own value encoding: other numbers would be wrong, not close.
const sparkHash = (algorithm: string): UnsupportedFunction => ({
  because: `its values would differ from Spark's seeded ${algorithm}`,
  hint: "Use md5, sha1, sha2 or crc32, which give the same values on every engine.",
});

export const unsupportedFunctions = {
  hash: sparkHash("Murmur3"),
  xxhash64: sparkHash("xxHash64"),

  try_add: notYet("try_add"),
  try_subtract: notYet("try_subtract"),
  try_multiply: notYet("try_multiply"),
  try_divide: notYet("try_divide"),
  try_element_at: notYet("try_element_at"),
} satisfies Partial<Record<SparkFunctionName, UnsupportedFunction>>;
