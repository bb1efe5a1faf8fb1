/**
 * Compilers of the column-value expectations: each one is a predicate on a non-null value
 * (GE's `column_condition_partial`), handed to `mapCheck`. Regexes and lengths apply to the
 * value's text, as GE's `astype(str)` does; a regex matches anywhere unless anchored.
 */
import type { Column } from "../../column/column.js";
import * as F from "../../column/functions/index.js";
import { IllegalArgumentError } from "../../errors.js";
import { type DataType, IntegerType, type StructField } from "../../types/data-types.js";
import { instantOf } from "../between.js";
import type { BetweenKwargs, Bound, ExpectationKwargs } from "../kwargs.js";
import { column } from "./columns.js";
import { mapCheck } from "./map.js";
import type { CompileContext, Compiled, Compiler } from "./plan.js";
import { strftimeCheck } from "./strftime.js";

type K = ExpectationKwargs;

/** A column-map check on a non-null value of `kwargs.column`. */
function values(
  ctx: CompileContext,
  kwargs: { readonly column: string; readonly mostly?: number },
  ok: (col: Column, field: StructField) => Column,
  costly = false,
): Compiled {
  const { field, col } = column(ctx.schema, kwargs.column);
  return mapCheck(ctx, {
    considered: col.isNotNull(),
    ok: ok(col, field),
    sample: col,
    mostly: kwargs.mostly,
    column: field.name,
    costly,
  });
}

/** A bound as a literal comparable with a column of type `type`. */
function boundLiteral(bound: Bound, type: DataType): Column {
  const name = type.typeName;
  if (name === "timestamp") return F.lit(new Date(instantOf(String(bound))));
  if (name === "date" || name === "timestamp_ntz") return F.lit(String(bound)).cast(type);
  const textual = name === "string";
  if (textual !== (typeof bound === "string")) {
    // GE refuses to compare text with numbers rather than guess a conversion.
    throw new IllegalArgumentError(
      `Column values, min_value, and max_value must either be None or of the same type (the column is ${name}, the bound ${JSON.stringify(bound)} is ${typeof bound}).`,
      {
        hint: textual
          ? "Cast the column to a number in the transform, or give the bounds as strings."
          : "Give numeric bounds for a numeric column.",
      },
    );
  }
  return F.lit(bound);
}

/** `min <= v <= max` (strict where asked); a missing bound is no bound. */
export function betweenPredicate(v: Column, kwargs: BetweenKwargs, type: DataType): Column {
  let ok = F.lit(true);
  const { min_value: min, max_value: max } = kwargs;
  if (min !== undefined && min !== null) {
    const m = boundLiteral(min, type);
    ok = ok.and(kwargs.strict_min === true ? v.gt(m) : v.geq(m));
  }
  if (max !== undefined && max !== null) {
    const m = boundLiteral(max, type);
    ok = ok.and(kwargs.strict_max === true ? v.lt(m) : v.leq(m));
  }
  return ok;
}

function inSet(col: Column, set: K["expect_column_values_to_be_in_set"]["value_set"]): Column {
  if (set === null) return F.lit(true); // GE: no value_set is vacuously true
  return set.length === 0 ? F.lit(false) : col.isin([...set]);
}

const text = (col: Column): Column => col.cast("string");

export const columnValueCompilers = {
  expect_column_values_to_not_be_null: (kw: K["expect_column_values_to_not_be_null"], ctx) => {
    const { field, col } = column(ctx.schema, kw.column);
    return mapCheck(ctx, {
      considered: undefined,
      ok: col.isNotNull(),
      sample: col,
      mostly: kw.mostly,
      column: field.name,
    });
  },
  expect_column_values_to_be_null: (kw: K["expect_column_values_to_be_null"], ctx) => {
    const { field, col } = column(ctx.schema, kw.column);
    return mapCheck(ctx, {
      considered: undefined,
      ok: col.isNull(),
      sample: col,
      mostly: kw.mostly,
      column: field.name,
    });
  },
  expect_column_values_to_be_between: (kw: K["expect_column_values_to_be_between"], ctx) =>
    values(ctx, kw, (col, field) => betweenPredicate(col, kw, field.dataType)),
  expect_column_values_to_be_in_set: (kw: K["expect_column_values_to_be_in_set"], ctx) =>
    values(ctx, kw, (col) => inSet(col, kw.value_set)),
  expect_column_values_to_not_be_in_set: (kw: K["expect_column_values_to_not_be_in_set"], ctx) =>
    values(ctx, kw, (col) =>
      kw.value_set === null ? F.lit(true) : F.not(inSet(col, kw.value_set)),
    ),
  expect_column_values_to_match_regex: (kw: K["expect_column_values_to_match_regex"], ctx) =>
    values(ctx, kw, (col) => text(col).rlike(kw.regex), true),
  expect_column_values_to_not_match_regex: (
    kw: K["expect_column_values_to_not_match_regex"],
    ctx,
  ) => values(ctx, kw, (col) => F.not(text(col).rlike(kw.regex)), true),
  expect_column_value_lengths_to_be_between: (
    kw: K["expect_column_value_lengths_to_be_between"],
    ctx,
  ) => values(ctx, kw, (col) => betweenPredicate(F.length(text(col)), kw, IntegerType), true),
  expect_column_values_to_match_strftime_format: (
    kw: K["expect_column_values_to_match_strftime_format"],
    ctx,
  ) =>
    values(
      ctx,
      kw,
      (col, field) => {
        if (field.dataType.typeName !== "string") {
          throw new IllegalArgumentError(
            `Values passed to expect_column_values_to_match_strftime_format must be of type string; column "${field.name}" is ${field.dataType.simpleString()}.`,
          );
        }
        return strftimeCheck(col, kw.strftime_format);
      },
      true,
    ),
} satisfies { [T in keyof K]?: Compiler<T> };
