/**
 * `expect_column_pair_values_a_to_be_greater_than_b`, as GE's pandas engine runs it: rows
 * are dropped per `ignore_row_if` (default: both values missing), and in the rows left a
 * missing value fails the comparison (pandas compares NaN as false). Unexpected rows are
 * listed as `[a, b]` pairs, GE's tuples.
 */
import * as F from "../../column/functions/index.js";
import { toJsonValue } from "../json-value.js";
import type { ExpectationKwargs } from "../kwargs.js";
import type { JsonValue } from "../results.js";
import { column } from "./columns.js";
import { mapCheck } from "./map.js";
import type { Compiler } from "./plan.js";

type K = ExpectationKwargs;

/** A collected `struct(a, b)` as the pair `[a, b]`. */
function pair(value: unknown): JsonValue {
  if (value === null || typeof value !== "object") return toJsonValue(value);
  return Object.values(value).map(toJsonValue);
}

export const columnPairCompilers = {
  expect_column_pair_values_a_to_be_greater_than_b: (
    kw: K["expect_column_pair_values_a_to_be_greater_than_b"],
    ctx,
  ) => {
    const a = column(ctx.schema, kw.column_A).col;
    const b = column(ctx.schema, kw.column_B).col;
    const ignore = kw.ignore_row_if ?? "both_values_are_missing";
    const considered =
      ignore === "neither"
        ? F.lit(true)
        : ignore === "either_value_is_missing"
          ? a.isNotNull().and(b.isNotNull())
          : a.isNotNull().or(b.isNotNull());
    return mapCheck(ctx, {
      considered,
      ok: kw.or_equal === true ? a.geq(b) : a.gt(b),
      sample: F.struct(a.alias("a"), b.alias("b")),
      toJson: pair,
      mostly: kw.mostly,
    });
  },
} satisfies { [T in keyof K]?: Compiler<T> };
