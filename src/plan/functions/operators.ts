/**
 * Operators, as the Column methods build them (`plus` -> `+`, `isin` -> `in`). Arities are Spark
 * 4.0.1's, checked with PySpark.
 */
import { type FunctionSpec, scalar, VARARGS } from "./spec.js";

export const operatorsSpecs = {
  "+": scalar(2, 2, "derived", "column"),
  "-": scalar(2, 2, "derived", "column"),
  "*": scalar(2, 2, "derived", "column"),
  "/": scalar(2, 2, "derived", "column"),
  "%": scalar(2, 2, "derived", "column"),
  div: scalar(2, 2, "long", "expression"),
  negative: scalar(1, 1, "input"),
  positive: scalar(1, 1, "input", "expression"),
  "==": scalar(2, 2, "boolean", "column"),
  "!=": scalar(2, 2, "boolean", "column"),
  "<": scalar(2, 2, "boolean", "column"),
  "<=": scalar(2, 2, "boolean", "column"),
  ">": scalar(2, 2, "boolean", "column"),
  ">=": scalar(2, 2, "boolean", "column"),
  "<=>": scalar(2, 2, "boolean", "column"),
  and: scalar(2, 2, "boolean", "column"),
  or: scalar(2, 2, "boolean", "column"),
  not: scalar(1, 1, "boolean"),
  "&": scalar(2, 2, "derived", "column"),
  "|": scalar(2, 2, "derived", "column"),
  "^": scalar(2, 2, "derived", "column"),
  "~": scalar(1, 1, "input", "expression"),
  isnull: scalar(1, 1, "boolean"),
  isnotnull: scalar(1, 1, "boolean"),
  isnan: scalar(1, 1, "boolean"),
  in: scalar(1, VARARGS, "boolean", "column"),
  when: scalar(2, VARARGS, "derived"),
  mod: scalar(2, 2, "derived", "expression"),
  try_mod: scalar(2, 2, "derived"),
} satisfies Record<string, FunctionSpec>;
