/** Aggregate functions, Spark's names and semantics (`count("*")` counts rows). */
import { StarNode } from "../../plan/expression/star.js";
import type { Column } from "../column.js";
import { type ColumnOrName, c, fnNodes, l } from "./call.js";

export function count(col: ColumnOrName): Column {
  return fnNodes("count", [col === "*" ? StarNode.create() : c(col)]);
}
/** Distinct non-null values (all columns non-null when several are given). */
export function countDistinct(col: ColumnOrName, ...cols: ColumnOrName[]): Column {
  return fnNodes("count", [col, ...cols].map(c), true);
}
export const count_distinct = countDistinct;
/** HyperLogLog estimate of distinct values (`rsd`, Spark's relative error, is accepted). */
export function approx_count_distinct(col: ColumnOrName, rsd?: number): Column {
  return fnNodes("approx_count_distinct", rsd === undefined ? [c(col)] : [c(col), l(rsd)]);
}
export const approxCountDistinct = approx_count_distinct;
export function sum(col: ColumnOrName): Column {
  return fnNodes("sum", [c(col)]);
}
export function sumDistinct(col: ColumnOrName): Column {
  return fnNodes("sum", [c(col)], true);
}
export const sum_distinct = sumDistinct;
export function avg(col: ColumnOrName): Column {
  return fnNodes("avg", [c(col)]);
}
export function mean(col: ColumnOrName): Column {
  return fnNodes("mean", [c(col)]);
}
export function min(col: ColumnOrName): Column {
  return fnNodes("min", [c(col)]);
}
export function max(col: ColumnOrName): Column {
  return fnNodes("max", [c(col)]);
}
/** The first value in the group (nulls included unless `ignoreNulls`). */
export function first(col: ColumnOrName, ignoreNulls = false): Column {
  return fnNodes("first", ignoreNulls ? [c(col), l(true)] : [c(col)]);
}
export function last(col: ColumnOrName, ignoreNulls = false): Column {
  return fnNodes("last", ignoreNulls ? [c(col), l(true)] : [c(col)]);
}
export function any_value(col: ColumnOrName): Column {
  return fnNodes("any_value", [c(col)]);
}
/** Rows where `col` is true (null and false rows are not counted; 0 when none is true). */
export function count_if(col: ColumnOrName): Column {
  return fnNodes("count_if", [c(col)]);
}
/** The values of the group as an array (nulls left out, as Spark does). */
export function collect_list(col: ColumnOrName): Column {
  return fnNodes("collect_list", [c(col)]);
}
export function collect_set(col: ColumnOrName): Column {
  return fnNodes("collect_set", [c(col)]);
}
export function stddev(col: ColumnOrName): Column {
  return fnNodes("stddev", [c(col)]);
}
export function stddev_samp(col: ColumnOrName): Column {
  return fnNodes("stddev_samp", [c(col)]);
}
export function stddev_pop(col: ColumnOrName): Column {
  return fnNodes("stddev_pop", [c(col)]);
}
export function variance(col: ColumnOrName): Column {
  return fnNodes("variance", [c(col)]);
}
export function var_samp(col: ColumnOrName): Column {
  return fnNodes("var_samp", [c(col)]);
}
export function var_pop(col: ColumnOrName): Column {
  return fnNodes("var_pop", [c(col)]);
}
export function skewness(col: ColumnOrName): Column {
  return fnNodes("skewness", [c(col)]);
}
export function kurtosis(col: ColumnOrName): Column {
  return fnNodes("kurtosis", [c(col)]);
}
export function corr(a: ColumnOrName, b: ColumnOrName): Column {
  return fnNodes("corr", [c(a), c(b)]);
}
export function covar_samp(a: ColumnOrName, b: ColumnOrName): Column {
  return fnNodes("covar_samp", [c(a), c(b)]);
}
export function covar_pop(a: ColumnOrName, b: ColumnOrName): Column {
  return fnNodes("covar_pop", [c(a), c(b)]);
}
export function median(col: ColumnOrName): Column {
  return fnNodes("median", [c(col)]);
}
/** Approximate percentile(s): `p` in [0, 1], or an array of them. */
export function percentile_approx(
  col: ColumnOrName,
  p: number | readonly number[],
  accuracy?: number,
): Column {
  const args = [
    c(col),
    Array.isArray(p)
      ? fnNodes(
          "array",
          p.map((x) => l(x)),
        ).expr
      : l(p as number),
  ];
  return fnNodes("percentile_approx", accuracy === undefined ? args : [...args, l(accuracy)]);
}
export function max_by(col: ColumnOrName, ord: ColumnOrName): Column {
  return fnNodes("max_by", [c(col), c(ord)]);
}
export function min_by(col: ColumnOrName, ord: ColumnOrName): Column {
  return fnNodes("min_by", [c(col), c(ord)]);
}
export function bool_and(col: ColumnOrName): Column {
  return fnNodes("bool_and", [c(col)]);
}
export function bool_or(col: ColumnOrName): Column {
  return fnNodes("bool_or", [c(col)]);
}
