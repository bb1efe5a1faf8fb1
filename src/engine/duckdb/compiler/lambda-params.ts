/**
 * The Spark types of a lambda's parameters, from the higher-order function and its other
 * arguments: `transform(arr, (x, i) -> ...)` binds x to the array's element and i to an
 * int index; `aggregate(arr, zero, (acc, x) -> ..., acc -> ...)` binds acc to the zero's
 * type; `array_sort`'s comparator compares two elements. Typed parameters get Spark's arithmetic (an int `x + 1` wraps without ANSI).
 */
import { type DataType, IntegerType } from "../../../types/data-types.js";

const ELEMENT_AND_INDEX = new Set(["transform", "filter", "exists", "forall"]);
const FOLDS = new Set(["aggregate", "reduce"]);

/**
 * Parameter types for the lambda at argument `index` of `fn`, given the types of the
 * arguments before it; undefined where the type is not known.
 */
export function lambdaParamTypes(
  fn: string,
  index: number,
  before: readonly (DataType | undefined)[],
): readonly (DataType | undefined)[] {
  const arr = before[0];
  const element = arr?.typeName === "array" ? arr.elementType : undefined;
  const name = fn.toLowerCase();
  if (ELEMENT_AND_INDEX.has(name) && index === 1) return [element, IntegerType];
  if (FOLDS.has(name) && index === 2) return [before[1], element];
  if (FOLDS.has(name) && index === 3) return [before[1]];
  if (name === "array_sort" && index === 1) return [element, element];
  return [];
}
