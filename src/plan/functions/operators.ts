/**
 * Operators, as the Column methods build them (`plus` -> `+`, `isin` -> `in`). Arities are Spark
 * 4.0.1's, checked with PySpark.
 */
import { type FunctionSpec, scalar, VARARGS } from "./spec.js";

export const operatorsSpecs = {
  "+": scalar(2, 2, "derived", ["any", "any"], "column"),
  "-": scalar(2, 2, "derived", ["any", "any"], "column"),
  "*": scalar(2, 2, "derived", ["any", "any"], "column"),
  "/": scalar(2, 2, "derived", ["any", "any"], "column"),
  "%": scalar(2, 2, "derived", ["any", "any"], "column"),
  div: scalar(2, 2, "long", ["any", "any"], "expression"),
  negative: scalar(1, 1, "input", ["numeric"]),
  positive: scalar(1, 1, "input", ["numeric"], "expression"),
  "==": scalar(2, 2, "boolean", ["any", "any"], "column"),
  "!=": scalar(2, 2, "boolean", ["any", "any"], "column"),
  "<": scalar(2, 2, "boolean", ["any", "any"], "column"),
  "<=": scalar(2, 2, "boolean", ["any", "any"], "column"),
  ">": scalar(2, 2, "boolean", ["any", "any"], "column"),
  ">=": scalar(2, 2, "boolean", ["any", "any"], "column"),
  "<=>": scalar(2, 2, "boolean", ["any", "any"], "column"),
  and: scalar(2, 2, "boolean", ["any", "any"], "column"),
  or: scalar(2, 2, "boolean", ["any", "any"], "column"),
  not: scalar(1, 1, "boolean", ["boolean"]),
  "&": scalar(2, 2, "derived", ["any", "any"], "column"),
  "|": scalar(2, 2, "derived", ["any", "any"], "column"),
  "^": scalar(2, 2, "derived", ["any", "any"], "column"),
  "~": scalar(1, 1, "input", ["integral"], "expression"),
  isnull: scalar(1, 1, "boolean", ["any"]),
  isnotnull: scalar(1, 1, "boolean", ["any"]),
  isnan: scalar(1, 1, "boolean", ["double"]),
  in: scalar(1, VARARGS, "boolean", ["any"], "column"),
  when: scalar(2, VARARGS, "derived", ["any"]),
  mod: scalar(2, 2, "derived", ["any", "any"], "expression"),
  try_mod: scalar(2, 2, "derived", ["any", "any"]),
} satisfies Record<string, FunctionSpec>;
