/**
 * Expectations answered from the schema alone (no query): column lists, a column's presence
 * and a column's type. Results follow GE: `observed_value` and, on a mismatch, `details`.
 */
import type { DataType, StructType } from "../../types/data-types.js";
import type { ExpectationKwargs } from "../kwargs.js";
import type { ExpectationResultBody, JsonValue } from "../results.js";
import { resolveField } from "./columns.js";
import { type Compiler, fromSchema } from "./plan.js";
import { sparkTypeClass, typeMatches } from "./type-names.js";

type K = ExpectationKwargs;

/** GE's result for BOOLEAN_ONLY is empty, whatever the expectation observed. */
function body(level: string, full: ExpectationResultBody): ExpectationResultBody {
  return level === "BOOLEAN_ONLY" ? {} : full;
}

function orderedListMismatch(expected: readonly string[], actual: readonly string[]): JsonValue[] {
  const mismatched: JsonValue[] = [];
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    const e = expected[i] ?? null;
    const f = actual[i] ?? null;
    if (e !== f) mismatched.push({ "Expected Column Position": i, Expected: e, Found: f });
  }
  return mismatched;
}

function setResult(schema: StructType, kw: K["expect_table_columns_to_match_set"]) {
  const actual = new Set(schema.fieldNames());
  const expected = new Set(kw.column_set);
  const unexpected = [...actual].filter((c) => !expected.has(c)).sort();
  const missing = [...expected].filter((c) => !actual.has(c)).sort();
  const observed = [...actual].sort();
  if (unexpected.length === 0 && missing.length === 0) {
    return { success: true, result: { observed_value: observed } };
  }
  const mismatched: Record<string, JsonValue> = {};
  if (unexpected.length > 0) mismatched.unexpected = unexpected;
  if (missing.length > 0) mismatched.missing = missing;
  // exact_match defaults to true in GE 1.x; without it only missing columns fail.
  const success = kw.exact_match === false && missing.length === 0;
  return { success, result: { observed_value: observed, details: { mismatched } } };
}

export const schemaCompilers = {
  expect_table_columns_to_match_ordered_list: (kw, ctx) => {
    const actual = ctx.schema.fieldNames();
    const same =
      actual.length === kw.column_list.length && actual.every((c, i) => c === kw.column_list[i]);
    const result: ExpectationResultBody = { observed_value: actual };
    if (!same) result.details = { mismatched: orderedListMismatch(kw.column_list, actual) };
    return fromSchema({ success: same, result: body(ctx.format.level, result) });
  },
  expect_table_columns_to_match_set: (kw, ctx) => {
    const { success, result } = setResult(ctx.schema, kw);
    return fromSchema({ success, result: body(ctx.format.level, result) });
  },
  expect_column_to_exist: (kw, ctx) => {
    const names = ctx.schema.fieldNames();
    // GE tests `if column_index:`, so an index of 0 only asks that the column exists.
    const success =
      kw.column_index !== undefined && kw.column_index !== null && kw.column_index !== 0
        ? names[kw.column_index] === kw.column
        : names.includes(kw.column);
    return fromSchema({ success, result: {} });
  },
  expect_column_values_to_be_of_type: (kw, ctx) => {
    const type: DataType = resolveField(ctx.schema, kw.column).dataType;
    const success = typeMatches(type, kw.type_);
    const result = { observed_value: sparkTypeClass(type) };
    return fromSchema({ success, result: body(ctx.format.level, result) });
  },
} satisfies {
  [T in
    | "expect_table_columns_to_match_ordered_list"
    | "expect_table_columns_to_match_set"
    | "expect_column_to_exist"
    | "expect_column_values_to_be_of_type"]: Compiler<T>;
};
