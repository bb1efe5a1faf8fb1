/** Null handling: `nullif`, `nvl`, `nvl2`, `ifnull`, `nanvl` (coalesce and when live in core). */
import type { Column } from "../column.js";
import { type ColumnOrName, type ColumnOrValue, c, fnNodes, v } from "./call.js";

export function nullif(a: ColumnOrName, b: ColumnOrValue): Column {
  return fnNodes("nullif", [c(a), v(b)]);
}
export function nvl(a: ColumnOrName, b: ColumnOrValue): Column {
  return fnNodes("nvl", [c(a), v(b)]);
}
export function ifnull(a: ColumnOrName, b: ColumnOrValue): Column {
  return fnNodes("ifnull", [c(a), v(b)]);
}
/** `b` when `a` is not null, else `c`. */
export function nvl2(a: ColumnOrName, b: ColumnOrValue, other: ColumnOrValue): Column {
  return fnNodes("nvl2", [c(a), v(b), v(other)]);
}
/** `b` when `a` is NaN, else `a`. */
export function nanvl(a: ColumnOrName, b: ColumnOrName): Column {
  return fnNodes("nanvl", [c(a), c(b)]);
}
