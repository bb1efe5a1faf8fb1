/** Null handling and conditionals. Arities are Spark 4.0.1's, checked with PySpark. */
import { type FunctionSpec, scalar, VARARGS } from "./spec.js";

export const conditionalsSpecs = {
  coalesce: scalar(1, VARARGS, "derived", ["any"]),
  nullif: scalar(2, 2, "input", ["any", "any"]),
  nvl: scalar(2, 2, "input", ["any", "any"]),
  ifnull: scalar(2, 2, "input", ["any", "any"]),
  nvl2: scalar(3, 3, "derived", ["any", "any", "any"]),
  nanvl: scalar(2, 2, "input", ["double", "double"]),
  if: scalar(3, 3, "derived", ["boolean", "any", "any"], "expression"),
} satisfies Record<string, FunctionSpec>;
