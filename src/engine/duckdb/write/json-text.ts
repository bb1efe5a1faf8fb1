/**
 * The JSON text Spark's writer (JacksonGenerator) gives each row, built in SQL: fields in
 * schema order, null fields left out of objects (`ignoreNullFields`, default true) but kept
 * in arrays and maps, decimals with their scale (`1.50`), NaN and Infinity as strings,
 * binary as base64. DuckDB's JSON writer differs on each of these, so rows are written as
 * these lines of text instead.
 */
import type { DataType } from "../../../types/data-types.js";
import { quoteString } from "../sql-quote.js";

interface Context {
  readonly ignoreNulls: boolean;
  depth: number;
}

/** SQL: the JSON text of non-null `v` of type `t` (null when `v` is null). */
function valueSql(v: string, t: DataType | undefined, c: Context): string {
  switch (t?.typeName) {
    case "decimal":
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "boolean":
      return `CAST(${v} AS VARCHAR)`;
    case "float":
    case "double":
      return (
        `CASE WHEN isnan(${v}) THEN '"NaN"' WHEN ${v} = 'Infinity'::DOUBLE THEN '"Infinity"' ` +
        `WHEN ${v} = '-Infinity'::DOUBLE THEN '"-Infinity"' ELSE CAST(${v} AS VARCHAR) END`
      );
    case "binary":
      return `to_json(to_base64(${v}))::VARCHAR`;
    case "struct":
      return `CASE WHEN ${v} IS NOT NULL THEN ${objectSql(
        t.fields.map((f) => ({
          name: f.name,
          sql: `struct_extract(${v}, ${quoteString(f.name)})`,
          type: f.dataType,
        })),
        c,
      )} END`;
    case "array": {
      const e = `e${++c.depth}`;
      const item = `coalesce(${valueSql(e, t.elementType, c)}, 'null')`;
      return `CASE WHEN ${v} IS NOT NULL THEN '[' || array_to_string(list_transform(${v}, ${e} -> ${item}), ',') || ']' END`;
    }
    case "map": {
      const kv = `kv${++c.depth}`;
      const entry = `to_json(CAST(${kv}.key AS VARCHAR))::VARCHAR || ':' || coalesce(${valueSql(`${kv}.value`, t.valueType, c)}, 'null')`;
      return `CASE WHEN ${v} IS NOT NULL THEN '{' || array_to_string(list_transform(map_entries(${v}), ${kv} -> ${entry}), ',') || '}' END`;
    }
    default:
      return `to_json(${v})::VARCHAR`;
  }
}

export interface JsonField {
  readonly name: string;
  readonly sql: string;
  /** The column's type (dates and timestamps arrive already formatted as strings). */
  readonly type: DataType | undefined;
}

function objectSql(fields: readonly JsonField[], c: Context): string {
  if (fields.length === 0) return "'{}'";
  const parts = fields.map((f) => {
    const key = quoteString(`${JSON.stringify(f.name)}:`);
    const value = valueSql(f.sql, f.type, c);
    return c.ignoreNulls ? `${key} || ${value}` : `${key} || coalesce(${value}, 'null')`;
  });
  // concat_ws skips nulls: a null field (with ignoreNulls) leaves no trace, comma included.
  return `'{' || concat_ws(',', ${parts.join(", ")}) || '}'`;
}

/** SQL: one row's JSON text. */
export function jsonLineSql(fields: readonly JsonField[], ignoreNullFields: boolean): string {
  return objectSql(fields, { ignoreNulls: ignoreNullFields, depth: 0 });
}
