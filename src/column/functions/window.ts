/** Ranking and offset window functions: use them with `.over(Window...)`. */
import type { LiteralValue } from "../../plan/expression/literal.js";
import type { Column } from "../column.js";
import { type ColumnOrName, c, fnNodes, l } from "./call.js";

export function row_number(): Column {
  return fnNodes("row_number", []);
}
export function rank(): Column {
  return fnNodes("rank", []);
}
export function dense_rank(): Column {
  return fnNodes("dense_rank", []);
}
export function percent_rank(): Column {
  return fnNodes("percent_rank", []);
}
export function cume_dist(): Column {
  return fnNodes("cume_dist", []);
}
export function ntile(n: number): Column {
  return fnNodes("ntile", [l(n)]);
}
/** The value `offset` rows before (default 1), or `defaultValue`. */
export function lag(col: ColumnOrName, offset = 1, defaultValue?: LiteralValue): Column {
  return fnNodes(
    "lag",
    defaultValue === undefined ? [c(col), l(offset)] : [c(col), l(offset), l(defaultValue)],
  );
}
export function lead(col: ColumnOrName, offset = 1, defaultValue?: LiteralValue): Column {
  return fnNodes(
    "lead",
    defaultValue === undefined ? [c(col), l(offset)] : [c(col), l(offset), l(defaultValue)],
  );
}
export function nth_value(col: ColumnOrName, n: number): Column {
  return fnNodes("nth_value", [c(col), l(n)]);
}
