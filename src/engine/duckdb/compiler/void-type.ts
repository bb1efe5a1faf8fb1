/**
 * Spark's NullType (`void`) on DuckDB. DuckDB binds an untyped NULL as its own NULL type but
 * reports it as INTEGER in every result and prepared statement, so the type of `SELECT NULL`,
 * `array(NULL)` or `coalesce(NULL, NULL)` cannot be read back from DuckDB: the compiler's
 * type, which knows the void, is kept where DuckDB says INTEGER.
 */
import {
  ArrayType,
  type DataType,
  MapType,
  StructField,
  StructType,
} from "../../../types/data-types.js";

/** True when `t` is void or holds a void (an element, a value, a field). */
export function containsVoid(t: DataType | undefined): boolean {
  if (t === undefined) return false;
  switch (t.typeName) {
    case "null":
      return true;
    case "array":
      return containsVoid(t.elementType);
    case "map":
      return containsVoid(t.keyType) || containsVoid(t.valueType);
    case "struct":
      return t.fields.some((f) => containsVoid(f.dataType));
    default:
      return false;
  }
}

/**
 * DuckDB's described type, with `void` put back wherever the compiler's type has it and
 * DuckDB reports the INTEGER it turns an untyped NULL into.
 */
export function restoreVoid(compiled: DataType | undefined, described: DataType): DataType {
  if (compiled === undefined || !containsVoid(compiled)) return described;
  if (compiled.typeName === "null") return described.typeName === "integer" ? compiled : described;
  if (compiled.typeName === "array" && described.typeName === "array")
    return new ArrayType(
      restoreVoid(compiled.elementType, described.elementType),
      described.containsNull,
    );
  if (compiled.typeName === "map" && described.typeName === "map")
    return new MapType(
      restoreVoid(compiled.keyType, described.keyType),
      restoreVoid(compiled.valueType, described.valueType),
      described.valueContainsNull,
    );
  if (
    compiled.typeName === "struct" &&
    described.typeName === "struct" &&
    compiled.fields.length === described.fields.length
  )
    return new StructType(
      described.fields.map(
        (f, i) =>
          new StructField(
            f.name,
            restoreVoid(compiled.fields[i]?.dataType, f.dataType),
            f.nullable,
            f.metadata,
          ),
      ),
    );
  return described;
}
