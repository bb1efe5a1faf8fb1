/**
 * Spark's `printSchema()` text (`StructType.treeString`), byte for byte.
 *
 * @example
 * ```ts
 * treeString(new StructType().add("id", IntegerType, false));
 * // "root\n |-- id: integer (nullable = false)\n"
 * ```
 */
import type { DataType, StructType } from "./data-types.js";

/** Spark's `typeName`: `integer`, `decimal(10,2)`, `array`, `void`... */
function typeName(t: DataType): string {
  switch (t.typeName) {
    case "decimal":
      return t.simpleString();
    case "null":
      return "void";
    default:
      return t.typeName;
  }
}

const META: Readonly<Record<string, string>> = {
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\f": "\\f",
  "\b": "\\b",
  "\u000B": "\\v",
  "\u0007": "\\a",
};

/** Spark's `escapeMetaCharacters`: a field name with a newline stays on one line. */
function escapeMeta(name: string): string {
  return Array.from(name, (ch) => META[ch] ?? ch).join("");
}

function nested(t: DataType, prefix: string, out: string[], depth: number): void {
  const inner = `${prefix}    |`;
  switch (t.typeName) {
    case "array":
      if (depth - 1 <= 0) return;
      out.push(
        `${prefix}-- element: ${typeName(t.elementType)} (containsNull = ${t.containsNull})`,
      );
      nested(t.elementType, inner, out, depth - 1);
      return;
    case "map":
      if (depth - 1 <= 0) return;
      out.push(`${prefix}-- key: ${typeName(t.keyType)}`);
      nested(t.keyType, inner, out, depth - 1);
      out.push(
        `${prefix}-- value: ${typeName(t.valueType)} (valueContainsNull = ${t.valueContainsNull})`,
      );
      nested(t.valueType, inner, out, depth - 1);
      return;
    case "struct":
      fieldsOf(t, prefix, out, depth - 1);
      return;
    default:
      return;
  }
}

function fieldsOf(t: StructType, prefix: string, out: string[], depth: number): void {
  if (depth <= 0) return;
  for (const f of t.fields) {
    out.push(
      `${prefix}-- ${escapeMeta(f.name)}: ${typeName(f.dataType)} (nullable = ${f.nullable})`,
    );
    nested(f.dataType, `${prefix}    |`, out, depth);
  }
}

/**
 * Spark's schema tree: `root`, then one ` |-- name: type (nullable = ...)` line per field,
 * nested types indented below. Ends with a newline, as Spark's `treeString` does.
 * `maxDepth` limits nesting (Spark's `printSchema(level)`); 0 or less means no limit.
 *
 * @example
 * ```ts
 * process.stdout.write(treeString(await df.schema));
 * ```
 */
export function treeString(schema: StructType, maxDepth = 0): string {
  const out = ["root"];
  fieldsOf(schema, " |", out, maxDepth > 0 ? maxDepth : Number.POSITIVE_INFINITY);
  return `${out.join("\n")}\n`;
}
