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

// Spark's seeded hashes over its own value encoding: other numbers would be wrong, not close.
const sparkHash = (algorithm: string): UnsupportedFunction => ({
  because: `its values would differ from Spark's seeded ${algorithm}`,
  hint: "Use md5, sha1, sha2 or crc32, which give the same values on every engine.",
});

export const unsupportedFunctions = {
  hash: sparkHash("Murmur3"),
  xxhash64: sparkHash("xxHash64"),
} satisfies Partial<Record<SparkFunctionName, UnsupportedFunction>>;
