/**
 * Spark's T -> string casts: doubles and floats as Java prints them (`1.0E7`, `NaN`,
 * `-0.0`), timestamps without zone or trailing zeros, and arrays, maps and structs in
 * Spark's own layout (`[1, null]`, `{a -> 1}`, `{1, null}`), element by element.
 */
import type { DataType } from "../../../types/data-types.js";
import { quoteString } from "../sql-quote.js";

/** Spark's timestamp -> string: `yyyy-MM-dd HH:mm:ss[.fraction]`. */
export function timestampToStringSql(sql: string): string {
  return `CASE WHEN microsecond(${sql}) % 1000000 = 0 THEN strftime(${sql}, '%Y-%m-%d %H:%M:%S') ELSE rtrim(strftime(${sql}, '%Y-%m-%d %H:%M:%S.%f'), '0') END`;
}

const nullText = (sql: string): string => `coalesce(${sql}, 'null')`;

/** `sql` of type `from` as Spark's string; `depth` names lambda variables of nested values. */
export function castToString(sql: string, from: DataType | undefined, depth = 0): string {
  switch (from?.typeName) {
    case "string":
      return sql;
    case "timestamp":
    case "timestamp_ntz":
      return timestampToStringSql(sql);
    case "binary":
      return `decode(${sql})`;
    case "double":
      return `tributary_double_text(${sql})`;
    case "float":
      return `tributary_float_text(${sql})`;
    case "boolean":
      return `CASE WHEN ${sql} THEN 'true' WHEN NOT ${sql} THEN 'false' END`;
    case "array": {
      const v = `__e${depth}`;
      const element = castToString(v, from.elementType, depth + 1);
      return `('[' || array_to_string(list_transform(${sql}, lambda ${v}: ${nullText(element)}), ', ') || ']')`;
    }
    case "map": {
      const v = `__e${depth}`;
      const key = castToString(`struct_extract(${v}, 'key')`, from.keyType, depth + 1);
      const value = castToString(`struct_extract(${v}, 'value')`, from.valueType, depth + 1);
      return `('{' || array_to_string(list_transform(map_entries(${sql}), lambda ${v}: ${key} || ' -> ' || ${nullText(value)}), ', ') || '}')`;
    }
    case "struct": {
      const fields = from.fields.map((f) =>
        nullText(castToString(`struct_extract(${sql}, ${quoteString(f.name)})`, f.dataType, depth)),
      );
      const body = fields.length === 0 ? "''" : fields.join(" || ', ' || ");
      return `CASE WHEN ${sql} IS NOT NULL THEN '{' || ${body} || '}' END`;
    }
    default:
      return `CAST(${sql} AS VARCHAR)`;
  }
}
