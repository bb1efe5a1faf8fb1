/** Ranking and offset window functions. Arities are Spark 4.0.1's, checked with PySpark. */
import { type FunctionSpec, VARARGS, window } from "./spec.js";

export const windowSpecs = {
  row_number: window(0, 0, "integer", []),
  // Spark accepts (and ignores for ranking) arguments to rank-like functions: rank(x).
  rank: window(0, VARARGS, "integer", ["any"]),
  dense_rank: window(0, VARARGS, "integer", ["any"]),
  percent_rank: window(0, VARARGS, "double", ["any"]),
  cume_dist: window(0, 0, "double", []),
  ntile: window(0, 1, "integer", ["int"]),
  lag: window(1, 4, "input", ["any", "any", "any", "any"]),
  lead: window(1, 4, "input", ["any", "int", "any", "any"]),
  nth_value: window(2, 3, "input", ["any", "int", "any"]),
} satisfies Record<string, FunctionSpec>;
