/** Arrays, maps, structs and higher-order functions (lambdas are JS functions over Columns). */
import { LambdaNode, LambdaVarNode } from "../../plan/expression/lambda.js";
import type { SparkFunctionName } from "../../plan/functions/index.js";
import { Column } from "../column.js";
import { type ColumnOrName, type ColumnOrValue, c, fnNodes, l, v } from "./call.js";

const one =
  (name: SparkFunctionName) =>
  (col: ColumnOrName): Column =>
    fnNodes(name, [c(col)]);
const two =
  (name: SparkFunctionName) =>
  (a: ColumnOrName, b: ColumnOrName): Column =>
    fnNodes(name, [c(a), c(b)]);

export function array(...cols: ColumnOrName[]): Column {
  return fnNodes("array", cols.map(c));
}
export function array_contains(col: ColumnOrName, value: ColumnOrValue): Column {
  return fnNodes("array_contains", [c(col), v(value)]);
}
/** Elements of an array or entries of a map; -1 for null (Spark 3's default). */
export const size = one("size");
/** 1-based element of an array (negative from the end), or a map's value for a key. */
/** `element_at` that gives null for an index out of bounds or a missing key, in both ANSI modes. */
export function try_element_at(col: ColumnOrName, key: ColumnOrValue): Column {
  return fnNodes("try_element_at", [c(col), v(key)]);
}
export function element_at(col: ColumnOrName, key: ColumnOrValue): Column {
  return fnNodes("element_at", [c(col), v(key)]);
}
/** One row per element (`col`), or per map entry (`key`, `value`). */
export const explode = one("explode");
export const explode_outer = one("explode_outer");
export const posexplode = one("posexplode");
export const posexplode_outer = one("posexplode_outer");
/**
 * One row per struct of an array, one column per field.
 *
 * @example
 * ```ts
 * df.select(F.inline("points")); // columns x, y from array<struct<x, y>>
 * ```
 */
export const inline = one("inline");
/** `inline`, keeping a row of nulls for an empty or null array. */
export const inline_outer = one("inline_outer");
/** A struct of the columns, named after them. */
export function struct(...cols: ColumnOrName[]): Column {
  return fnNodes("struct", cols.map(c));
}
/** A map from alternating key and value columns. */
export function create_map(...cols: ColumnOrName[]): Column {
  return fnNodes("create_map", cols.map(c));
}
export const map_keys = one("map_keys");
export const map_values = one("map_values");
export const map_from_arrays = two("map_from_arrays");
export function map_contains_key(col: ColumnOrName, key: ColumnOrValue): Column {
  return fnNodes("map_contains_key", [c(col), v(key)]);
}
export const array_distinct = one("array_distinct");
export const array_union = two("array_union");
export const array_intersect = two("array_intersect");
export const array_except = two("array_except");
export const arrays_overlap = two("arrays_overlap");
export function array_join(col: ColumnOrName, delimiter: string, nullReplacement?: string): Column {
  return fnNodes(
    "array_join",
    nullReplacement === undefined
      ? [c(col), l(delimiter)]
      : [c(col), l(delimiter), l(nullReplacement)],
  );
}
/** 1-based position of a value, 0 when absent. */
export function array_position(col: ColumnOrName, value: ColumnOrValue): Column {
  return fnNodes("array_position", [c(col), v(value)]);
}
export function array_remove(col: ColumnOrName, value: ColumnOrValue): Column {
  return fnNodes("array_remove", [c(col), v(value)]);
}
export function array_repeat(col: ColumnOrName, count: number): Column {
  return fnNodes("array_repeat", [c(col), l(count)]);
}
/** Sorts ascending with nulls first, or descending with nulls last. */
export function sort_array(col: ColumnOrName, asc = true): Column {
  return fnNodes("sort_array", [c(col), l(asc)]);
}
/** Sorts ascending with nulls last. */
export const array_sort = one("array_sort");
export const flatten = one("flatten");
export const array_max = one("array_max");
export const array_min = one("array_min");
/** `length` elements from 1-based `start` (negative counts from the end). */
export function slice(col: ColumnOrName, start: number, length: number): Column {
  return fnNodes("slice", [c(col), l(start), l(length)]);
}
export function sequence(start: ColumnOrName, stop: ColumnOrName, step?: ColumnOrName): Column {
  return fnNodes(
    "sequence",
    step === undefined ? [c(start), c(stop)] : [c(start), c(stop), c(step)],
  );
}

let lambdaCounter = 0;

function lambda(arity: number, body: (...vars: Column[]) => Column): LambdaNode {
  const names = Array.from({ length: arity }, (_, i) => `x_${++lambdaCounter}_${i}`);
  return LambdaNode.create(
    names,
    body(...names.map((n) => new Column(LambdaVarNode.create(n)))).expr,
  );
}

/** Applies a function to every element: `transform("xs", (x) => x.multiply(2))`. */
export function transform(col: ColumnOrName, f: (x: Column) => Column): Column {
  return fnNodes("transform", [c(col), lambda(1, f)]);
}
/** Keeps the elements for which the function is true. */
export function filter(col: ColumnOrName, f: (x: Column) => Column): Column {
  return fnNodes("filter", [c(col), lambda(1, f)]);
}
export function exists(col: ColumnOrName, f: (x: Column) => Column): Column {
  return fnNodes("exists", [c(col), lambda(1, f)]);
}
export function forall(col: ColumnOrName, f: (x: Column) => Column): Column {
  return fnNodes("forall", [c(col), lambda(1, f)]);
}
/** Folds the array from `initial` with `merge(acc, x)`, then applies `finish(acc)`. */
export function aggregate(
  col: ColumnOrName,
  initial: ColumnOrValue,
  merge: (acc: Column, x: Column) => Column,
  finish?: (acc: Column) => Column,
): Column {
  const args = [c(col), v(initial), lambda(2, merge)];
  return fnNodes("aggregate", finish === undefined ? args : [...args, lambda(1, finish)]);
}
