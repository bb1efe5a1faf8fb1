/** Ranking and offset window functions. Arities are Spark 4.0.1's, checked with PySpark. */
import { type FunctionSpec, VARARGS, window } from "./spec.js";

export const windowSpecs = {
  row_number: window(0, 0, "integer"),
  // Spark accepts (and ignores for ranking) arguments to rank-like functions: rank(x).
  rank: window(0, VARARGS, "integer"),
  dense_rank: window(0, VARARGS, "integer"),
  percent_rank: window(0, VARARGS, "double"),
  cume_dist: window(0, 0, "double"),
  ntile: window(0, 1, "integer"),
  lag: window(1, 4, "input"),
  lead: window(1, 4, "input"),
  nth_value: window(2, 3, "input"),
} satisfies Record<string, FunctionSpec>;
