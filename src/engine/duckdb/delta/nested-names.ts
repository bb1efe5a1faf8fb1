/**
 * Column mapping on DuckDB: values move between logical and physical field names (nested
 * struct fields too, through arrays and maps), and Parquet field ids are declared for COPY.
 * DuckDB casts structs by field name, so a rename is a rebuild with `struct_pack`.
 */
import { ID_KEY } from "../../../delta/schema/column-mapping.js";
import { ArrayType, type DataType, MapType, StructType } from "../../../types/data-types.js";
import { quoteIdent, quoteString } from "../sql-quote.js";

/**
 * A DuckDB expression turning `sql`, a value of type `from`, into the same value of type
 * `to`: the two types have the same shape and differ only in nested field names, matched by
 * position. Reading maps physical to logical names; writing, logical to physical.
 */
export function renameNested(sql: string, to: DataType, from: DataType): string {
  if (to instanceof StructType && from instanceof StructType) {
    const fields = to.fields.map((f, i) => {
      const s = from.fields[i];
      const source = s?.name ?? f.name;
      return `${quoteIdent(f.name)} := ${renameNested(`struct_extract(${sql}, ${quoteString(source)})`, f.dataType, s?.dataType ?? f.dataType)}`;
    });
    return `CASE WHEN ${sql} IS NULL THEN NULL ELSE struct_pack(${fields.join(", ")}) END`;
  }
  if (to instanceof ArrayType && from instanceof ArrayType) {
    const inner = renameNested('"x"', to.elementType, from.elementType);
    return inner === '"x"' ? sql : `list_transform(${sql}, "x" -> ${inner})`;
  }
  if (to instanceof MapType && from instanceof MapType) {
    const key = renameNested('"e"."key"', to.keyType, from.keyType);
    const value = renameNested('"e"."value"', to.valueType, from.valueType);
    if (key === '"e"."key"' && value === '"e"."value"') return sql;
    return `map_from_entries(list_transform(map_entries(${sql}), "e" -> struct_pack("key" := ${key}, "value" := ${value})))`;
  }
  return sql;
}

/**
 * The field ids inside a type, as a FIELD_IDS object (`{"col-a": 4}` for a struct,
 * `{element: ...}` for an array, `{key: ..., value: ...}` for a map); undefined when no
 * field inside has an id. Array elements and map entries have no ids of their own.
 */
function nestedIds(type: DataType): string | undefined {
  if (type instanceof StructType)
    return `{${type.fields.map((f) => `${quoteString(f.name)}: ${fieldIdsOf(f)}`).join(", ")}}`;
  const parts: string[] = [];
  const entry = (name: string, inner: DataType): void => {
    const ids = nestedIds(inner);
    if (ids !== undefined) parts.push(`${name}: ${ids}`);
  };
  if (type instanceof ArrayType) entry("element", type.elementType);
  else if (type instanceof MapType) {
    entry("key", type.keyType);
    entry("value", type.valueType);
  }
  return parts.length === 0 ? undefined : `{${parts.join(", ")}}`;
}

function fieldIdsOf(field: {
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly dataType: DataType;
}): string {
  const id = field.metadata[ID_KEY];
  const own =
    typeof id === "number" && Number.isInteger(id) ? `__duckdb_field_id: ${id}` : undefined;
  const inner = nestedIds(field.dataType);
  if (inner === undefined) return own === undefined ? "{}" : String(id);
  // The field's own id sits beside the ids inside it.
  return `{${[own, inner.slice(1, -1)].filter((p) => p !== undefined && p !== "").join(", ")}}`;
}

/** COPY's `FIELD_IDS {...}` value for a physical schema whose fields carry `delta.columnMapping.id`. */
export function fieldIdsOption(schema: StructType): string {
  return nestedIds(schema) ?? "{}";
}
