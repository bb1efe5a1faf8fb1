/** Null handling: `nullif`, `nvl`, `nvl2`, `ifnull`, `nanvl` (coalesce and when live in core). */
import type { Column } from "../column.js";
import { type ColumnOrName, c, fnNodes } from "./call.js";

export function nullif(a: ColumnOrName, b: ColumnOrName): Column {
  return fnNodes("nullif", [c(a), c(b)]);
}
export function nvl(a: ColumnOrName, b: ColumnOrName): Column {
  return fnNodes("nvl", [c(a), c(b)]);
}
export function ifnull(a: ColumnOrName, b: ColumnOrName): Column {
  return fnNodes("ifnull", [c(a), c(b)]);
}
/** `b` when `a` is not null, else `c`. */
export function nvl2(a: ColumnOrName, b: ColumnOrName, other: ColumnOrName): Column {
  return fnNodes("nvl2", [c(a), c(b), c(other)]);
}
/** `b` when `a` is NaN, else `a`. */
export function nanvl(a: ColumnOrName, b: ColumnOrName): Column {
  return fnNodes("nanvl", [c(a), c(b)]);
}
