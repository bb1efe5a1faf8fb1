/** `col`, `lit`, `expr`, `when`, `coalesce`... the functions everything else builds on. */
import { nameToExpr, toExprOrLiteral } from "../../coerce/coerce.js";
import { CallNode } from "../../plan/expression/call.js";
import type { LiteralValue } from "../../plan/expression/literal.js";
import { parseSelectItem } from "../../sql-expr/index.js";
import { Column } from "../column.js";
import { type ColumnOrName, type ColumnOrValue, c, fnNodes } from "./call.js";

/** A column by name (`"a"`, `"t.a"`, `"s.field"`, `` "`odd.name`" ``, `"*"`). */
export function col(name: string): Column {
  return new Column(nameToExpr(name));
}

/** Alias of {@link col}. */
export const column = col;

/** A literal value (a Column passes through). */
export function lit(value: ColumnOrValue): Column {
  return value instanceof Column ? value : new Column(toExprOrLiteral(value));
}

/** Spark SQL expression text, parsed by tributary's own parser: `expr("upper(name) AS n")`. */
export function expr(text: string): Column {
  return new Column(parseSelectItem(text));
}

/** Starts a `when(...).when(...).otherwise(...)` chain. */
export function when(condition: Column, value: ColumnOrValue): Column {
  return new Column(CallNode.create("when", [condition.expr, toExprOrLiteral(value)]));
}

/** The first non-null argument. */
export function coalesce(...cols: ColumnOrName[]): Column {
  return fnNodes("coalesce", cols.map(c));
}

/** Negation of a boolean column. */
export function not(col: ColumnOrName): Column {
  return fnNodes("not", [c(col)]);
}

export function isnull(col: ColumnOrName): Column {
  return fnNodes("isnull", [c(col)]);
}

export function isnotnull(col: ColumnOrName): Column {
  return fnNodes("isnotnull", [c(col)]);
}

export function isnan(col: ColumnOrName): Column {
  return fnNodes("isnan", [c(col)]);
}

/** Ascending sort key of a column name. */
export function asc(name: string): Column {
  return col(name).asc();
}

export function desc(name: string): Column {
  return col(name).desc();
}

export function asc_nulls_last(name: string): Column {
  return col(name).asc_nulls_last();
}

export function desc_nulls_first(name: string): Column {
  return col(name).desc_nulls_first();
}

/** A literal typed value; kept for symmetry with `lit` when a value must not be a name. */
export function typedLit(value: LiteralValue): Column {
  return lit(value);
}
