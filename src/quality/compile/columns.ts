/**
 * Column resolution against the DataFrame's schema, before any query runs: an unknown column
 * fails that expectation alone (with the available columns and the closest one), instead of
 * failing the one aggregate query every expectation shares.
 */

import type { Column } from "../../column/column.js";
import * as F from "../../column/functions/index.js";
import { unresolvedColumn } from "../../errors.js";
import type { StructField, StructType } from "../../types/data-types.js";
import { quoteIdentifier } from "../../types/sql-string.js";

/** The field `name` resolves to (Spark's rule: exact, then case-insensitive). */
export function resolveField(schema: StructType, name: string): StructField {
  const field = schema.field(name);
  if (field === undefined) throw unresolvedColumn(name, schema.fieldNames());
  return field;
}

/** A reference to a top-level column, quoted so dots and spaces stay part of the name. */
export function colRef(name: string): Column {
  return F.col(quoteIdentifier(name));
}

/** A resolved column: its field and a reference to it. */
export function column(schema: StructType, name: string): { field: StructField; col: Column } {
  const field = resolveField(schema, name);
  return { field, col: colRef(field.name) };
}

/**
 * Rows where `cond` is true (null counts as false). `count_if` rather than a sum of 0/1:
 * a sum of longs carries Spark's overflow wrap, which costs every row of the pass.
 */
export function countWhere(cond: Column): Column {
  return F.count_if(cond);
}

/** `cond`, with null read as false. */
export function isTrue(cond: Column): Column {
  return F.coalesce(cond, F.lit(false));
}
