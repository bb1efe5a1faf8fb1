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

export const unsupportedFunctions = {} satisfies Partial<
  Record<SparkFunctionName, UnsupportedFunction>
>;
