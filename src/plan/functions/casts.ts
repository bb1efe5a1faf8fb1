/**
 * Spark's cast functions (`int(x)` is `CAST(x AS INT)`), reached through expression text.
 * Arities are Spark 4.0.1's.
 */
import { type FunctionSpec, scalar } from "./spec.js";

// Spark checks a cast with its own rules (DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION).
const cast = scalar(1, 1, "derived", ["any"], "expression");

export const castsSpecs = {
  boolean: cast,
  tinyint: cast,
  smallint: cast,
  int: cast,
  bigint: cast,
  float: cast,
  double: cast,
  decimal: cast,
  date: cast,
  timestamp: cast,
  string: cast,
  binary: cast,
} satisfies Record<string, FunctionSpec>;
