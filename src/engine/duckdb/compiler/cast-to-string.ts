/**
 * Spark's T -> string casts: doubles and floats as Java prints them (`1.0E7`, `NaN`,
 * `-0.0`), timestamps without zone or trailing zeros, and arrays, maps and structs in
 * Spark's own layout (`[1, null]`, `{a -> 1}`, `{1, null}`), element by element.
 */
import type { DataType } from "../../../types/data-types.js";
import { quoteString } from "../sql-quote.js";
import type { CastMode } from "./cast-mode.js";

/** Spark's timestamp -> string: `yyyy-MM-dd HH:mm:ss[.fraction]`. */
export function timestampToStringSql(sql: string): string {
  return `CASE WHEN microsecond(${sql}) % 1000000 = 0 THEN strftime(${sql}, '%Y-%m-%d %H:%M:%S') ELSE rtrim(strftime(${sql}, '%Y-%m-%d %H:%M:%S.%f'), '0') END`;
}

const nullText = (sql: string): string => `coalesce(${sql}, 'null')`;

/**
 * `sql` of type `from` as Spark's string; `depth` names lambda variables of nested values.
 * Without ANSI a decimal prints as Java's `BigDecimal.toString` (`0E-18` for a zero of scale
 * 18), with it as `toPlainString`; only scales above 6 can tell them apart.
 */
export function castToString(
  sql: string,
  from: DataType | undefined,
  mode: CastMode = "legacy",
  depth = 0,
): string {
  const inner = (s: string, t: DataType | undefined): string => castToString(s, t, mode, depth + 1);
  switch (from?.typeName) {
    case "decimal":
      return mode === "ansi" || from.scale <= 6
        ? `CAST(${sql} AS VARCHAR)`
        : `tributary_java_decimal_text(CAST(${sql} AS VARCHAR))`;
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
      const element = inner(v, from.elementType);
      return `('[' || array_to_string(list_transform(${sql}, lambda ${v}: ${nullText(element)}), ', ') || ']')`;
    }
    case "map": {
      const v = `__e${depth}`;
      const key = inner(`struct_extract(${v}, 'key')`, from.keyType);
      const value = inner(`struct_extract(${v}, 'value')`, from.valueType);
      return `('{' || array_to_string(list_transform(map_entries(${sql}), lambda ${v}: ${key} || ' -> ' || ${nullText(value)}), ', ') || '}')`;
    }
    case "struct": {
      const fields = from.fields.map((f) =>
        nullText(
          castToString(`struct_extract(${sql}, ${quoteString(f.name)})`, f.dataType, mode, depth),
        ),
      );
      const body = fields.length === 0 ? "''" : fields.join(" || ', ' || ");
      return `CASE WHEN ${sql} IS NOT NULL THEN '{' || ${body} || '}' END`;
    }
    default:
      return `CAST(${sql} AS VARCHAR)`;
  }
}
