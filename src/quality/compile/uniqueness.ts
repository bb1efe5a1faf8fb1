/**
 * Uniqueness, as GE's pandas `duplicated(keep=False)`: every copy of a repeated value is
 * unexpected, not only the second one. A windowed `count(*)` per value (one grouped window,
 * computed inside the same query as the other checks) gives each row its value's count.
 * Single columns leave nulls out; compound keys drop rows per `ignore_row_if` and treat
 * nulls within a key as equal, as pandas does.
 */
import type { Column } from "../../column/column.js";
import * as F from "../../column/functions/index.js";
import { Window } from "../../column/window.js";
import type { ExpectationKwargs } from "../kwargs.js";
import { colRef, column } from "./columns.js";
import { mapCheck } from "./map.js";
import type { Compiler } from "./plan.js";

type K = ExpectationKwargs;

/** Rows per distinct key, on every row. */
function copies(keys: readonly Column[]): Column {
  return F.count(F.lit(1)).over(Window.partitionBy(...keys));
}

export const uniquenessCompilers = {
  expect_column_values_to_be_unique: (kw: K["expect_column_values_to_be_unique"], ctx) => {
    const { col } = column(ctx.schema, kw.column);
    const n = ctx.name("copies");
    return mapCheck(ctx, {
      considered: col.isNotNull(),
      ok: colRef(n).leq(1),
      sample: col,
      derived: { [n]: copies([col]) },
      mostly: kw.mostly,
    });
  },
  expect_compound_columns_to_be_unique: (kw: K["expect_compound_columns_to_be_unique"], ctx) => {
    const cols = kw.column_list.map((name) => column(ctx.schema, name).col);
    const nulls = cols.map((c) => c.isNull());
    const ignore = kw.ignore_row_if ?? "all_values_are_missing";
    const anyNull = nulls.reduce((a, b) => a.or(b));
    const allNull = nulls.reduce((a, b) => a.and(b));
    const considered =
      ignore === "never"
        ? F.lit(true)
        : F.not(ignore === "any_value_is_missing" ? anyNull : allNull);
    const n = ctx.name("copies");
    return mapCheck(ctx, {
      considered,
      // The window counts only considered rows, so an ignored row never makes a duplicate.
      ok: colRef(n).leq(1),
      sample: F.struct(...cols),
      derived: { [n]: F.sum(F.when(considered, 1).otherwise(0)).over(Window.partitionBy(...cols)) },
      mostly: kw.mostly,
    });
  },
} satisfies { [T in keyof K]?: Compiler<T> };
