/** Null handling and conditionals. Arities are Spark 4.0.1's, checked with PySpark. */
import { type FunctionSpec, scalar, VARARGS } from "./spec.js";

export const conditionalsSpecs = {
  coalesce: scalar(1, VARARGS, "derived"),
  nullif: scalar(2, 2, "input"),
  nvl: scalar(2, 2, "input"),
  ifnull: scalar(2, 2, "input"),
  nvl2: scalar(3, 3, "derived"),
  nanvl: scalar(2, 2, "input"),
  if: scalar(3, 3, "derived", "expression"),
} satisfies Record<string, FunctionSpec>;
