/**
 * Spark refuses to mix structs whose field names differ in one value (coalesce, CASE, array,
 * map, greatest...: DATA_DIFF_TYPES): its common type of two structs needs the same fields,
 * names compared case-insensitively. DuckDB instead unifies structs by name, so each struct
 * gets the other's fields as nulls: a silent wrong answer. This check refuses what Spark
 * refuses before DuckDB sees it.
 */
import { AnalysisError, ErrorCode } from "../../../errors.js";
import { ArrayType, type DataType, MapType, StructType } from "../../../types/data-types.js";
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

/**
 * Throws Spark's DATA_DIFF_TYPES (or `code`) when the arguments' structs disagree on field
 * names. Arguments of unknown type are left to the engine.
 */
export function requireSameFieldNames(
  fn: string,
  args: readonly (FnArg | undefined)[],
  code: ErrorCode = ErrorCode["DATATYPE_MISMATCH.DATA_DIFF_TYPES"],
): void {
  const typed = args.flatMap((a) => (a?.type === undefined ? [] : [a.type]));
  const [first] = typed;
  if (first === undefined || typed.every((t) => sameFieldNames(first, t))) return;
  throw new AnalysisError(
    code,
    `[${code}] Input to \`${fn}\` should all be the same type, but it's (${typed.map((t) => t.simpleString()).join(", ")}).`,
    {
      hint: "Give the structs the same field names (named_struct, or struct(x AS name)), or cast them to one type.",
    },
  );
}
