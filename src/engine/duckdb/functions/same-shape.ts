/**
 * Structs whose field names differ, as Spark types them and DuckDB does not: Spark's common
 * type of two structs needs the same fields (names compared case-insensitively), so it
 * refuses to mix them in one value (coalesce, CASE, array, map, concat, array_union...:
 * DATA_DIFF_TYPES and friends), and it compares two structs field by field, by position.
 * DuckDB unifies structs by name instead: each side gets the other's fields as nulls, and
 * `struct(1 AS a) = struct(1 AS b)` is false. Checked once per call (compiler/expression.ts),
 * before any function's SQL, and by set operations (relation-set-op.ts).
 */
import { AnalysisError, ErrorCode } from "../../../errors.js";
import { ArrayType, type DataType, MapType, StructType } from "../../../types/data-types.js";
import { renameNested } from "../delta/nested-names.js";
import type { FnArg } from "./types.js";

/** Whether two types agree on every nested struct's field names (case-insensitive). */
export function sameFieldNames(a: DataType, b: DataType): boolean {
  if (a.typeName === "null" || b.typeName === "null") return true;
  if (a instanceof StructType || b instanceof StructType) {
    if (!(a instanceof StructType && b instanceof StructType)) return true;
    if (a.fields.length !== b.fields.length) return false;
    return a.fields.every((f, i) => {
      const g = b.fields[i];
      return (
        g !== undefined &&
        f.name.toLowerCase() === g.name.toLowerCase() &&
        sameFieldNames(f.dataType, g.dataType)
      );
    });
  }
  if (a instanceof ArrayType && b instanceof ArrayType)
    return sameFieldNames(a.elementType, b.elementType);
  if (a instanceof MapType && b instanceof MapType)
    return sameFieldNames(a.keyType, b.keyType) && sameFieldNames(a.valueType, b.valueType);
  return true;
}

/** A type's struct nesting with every name and leaf type left out: what pairs by position. */
function shapeOf(t: DataType): string {
  if (t instanceof StructType)
    return `struct<${t.fields.map((f) => shapeOf(f.dataType)).join(",")}>`;
  if (t instanceof ArrayType) return `array<${shapeOf(t.elementType)}>`;
  if (t instanceof MapType) return `map<${shapeOf(t.keyType)},${shapeOf(t.valueType)}>`;
  return "_";
}

/**
 * `sql`, a value of type `from`, under the field names of `to` when the two differ only in
 * nested field names (paired by position, as Spark pairs them); else `sql` unchanged.
 */
export function alignFields(
  sql: string,
  to: DataType | undefined,
  from: DataType | undefined,
): string {
  if (to === undefined || from === undefined || sameFieldNames(to, from)) return sql;
  return shapeOf(to) === shapeOf(from) ? renameNested(sql, to, from) : sql;
}

const elementOf = (t: DataType | undefined): DataType | undefined =>
  t instanceof ArrayType ? t.elementType : undefined;

type Group = readonly [ErrorCode, readonly (DataType | undefined)[]];
const diff = ErrorCode["DATATYPE_MISMATCH.DATA_DIFF_TYPES"];
const types = (args: readonly (FnArg | undefined)[]) => args.map((a) => a?.type);
const all = (args: readonly FnArg[]): Group[] => [[diff, types(args)]];
const values = (args: readonly FnArg[]): Group[] => [
  [
    diff,
    types(args.filter((_, i) => i % 2 === 1 || (args.length % 2 === 1 && i === args.length - 1))),
  ],
];
const arrays = (args: readonly FnArg[]): Group[] => [
  [ErrorCode["DATATYPE_MISMATCH.BINARY_ARRAY_DIFF_TYPES"], types(args)],
];
const element =
  (at: number) =>
  (args: readonly FnArg[]): Group[] => [
    [
      ErrorCode["DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES"],
      [elementOf(args[0]?.type), args[at]?.type],
    ],
  ];
const mapEntries = (args: readonly FnArg[]): Group[] => [
  [
    ErrorCode["DATATYPE_MISMATCH.CREATE_MAP_KEY_DIFF_TYPES"],
    types(args.filter((_, i) => i % 2 === 0)),
  ],
  [
    ErrorCode["DATATYPE_MISMATCH.CREATE_MAP_VALUE_DIFF_TYPES"],
    types(args.filter((_, i) => i % 2 === 1)),
  ],
];

/** The functions whose arguments Spark types as one common type, by group. */
const SAME_TYPE: Readonly<Record<string, (args: readonly FnArg[]) => Group[]>> = {
  coalesce: all,
  nvl: all,
  ifnull: all,
  greatest: all,
  least: all,
  array: all,
  concat: all,
  map_concat: all,
  if: (args) => [[diff, types([args[1], args[2]])]],
  nvl2: (args) => [[diff, types([args[1], args[2]])]],
  when: values,
  array_union: arrays,
  array_intersect: arrays,
  array_except: arrays,
  arrays_overlap: arrays,
  array_append: element(1),
  array_prepend: element(1),
  array_contains: element(1),
  array_position: element(1),
  array_remove: element(1),
  array_insert: element(2),
  map: mapEntries,
  create_map: mapEntries,
};

/** Spark's comparisons: a struct on the right is compared field by field with the left's. */
const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">=", "<=>", "nullif"]);

/**
 * A call's arguments as Spark types them: refused (Spark's error class) when they must share
 * one type and their structs' field names differ; for a comparison, the right operand
 * renamed to the left's field names.
 */
export function withSparkStructs(fn: string, args: readonly FnArg[]): readonly FnArg[] {
  for (const [code, group] of SAME_TYPE[fn]?.(args) ?? []) {
    const typed = group.filter((t): t is DataType => t !== undefined);
    const [first] = typed;
    if (first === undefined || typed.every((t) => sameFieldNames(first, t))) continue;
    throw new AnalysisError(
      code,
      `[${code}] Input to \`${fn}\` should all be the same type, but it's (${typed.map((t) => t.simpleString()).join(", ")}).`,
      {
        hint: "Give the structs the same field names (named_struct, or struct(x AS name)), or cast them to one type.",
      },
    );
  }
  const [left, right] = args;
  if (!COMPARISONS.has(fn) || left === undefined || right === undefined) return args;
  const sql = alignFields(right.sql, left.type, right.type);
  return sql === right.sql ? args : [left, { ...right, sql, type: left.type }, ...args.slice(2)];
}
