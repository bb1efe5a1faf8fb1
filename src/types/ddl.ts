/**
 * Spark's DDL schema strings, both ways: `"id INT NOT NULL, name STRING"` <-> StructType.
 * Parsing accepts what `StructType.fromDDL` and `DataType.fromDDL` accept (type names in
 * any case, `struct<...>` form, back-quoted names, `NOT NULL`, `COMMENT`, `DEFAULT`);
 * writing matches `StructType.toDDL` of Spark 4.
 *
 * @example
 * ```ts
 * const schema = parseDDLSchema("id INT NOT NULL, amount DECIMAL(10,2) COMMENT 'EUR'");
 * toDDL(schema); // "id INT NOT NULL,amount DECIMAL(10,2) COMMENT 'EUR'"
 * ```
 */
import { type DataType, type StructField, StructType } from "./data-types.js";
import { quoteIfNeeded } from "./sql-string.js";
import { TokenCursor } from "./token-cursor.js";
import {
  CURRENT_DEFAULT_METADATA_KEY,
  type ParsedField,
  parseFieldAt,
  parseTypeAt,
} from "./type-parser.js";

export { CHAR_VARCHAR_METADATA_KEY, CURRENT_DEFAULT_METADATA_KEY } from "./type-parser.js";

function expectEnd(c: TokenCursor): void {
  if (!c.atEnd) c.fail("end of input", 'Separate columns with commas: "a INT, b STRING".');
}

/**
 * Parses a Spark type string: `int`, `bigint`, `decimal(10,2)`, `array<string>`,
 * `map<string,int>`, `struct<a: int, b string>`... `char(n)` and `varchar(n)` are strings.
 * Throws an AnalysisError (`PARSE_SYNTAX_ERROR`, `UNSUPPORTED_DATATYPE`...) naming the
 * position.
 *
 * @example
 * ```ts
 * parseDataType("array<decimal(10,2)>").simpleString(); // "array<decimal(10,2)>"
 * ```
 */
export function parseDataType(text: string): DataType {
  const c = TokenCursor.of(text);
  const parsed = parseTypeAt(c);
  expectEnd(c);
  return parsed.type;
}

function columnList(c: TokenCursor): ParsedField[] {
  const fields: ParsedField[] = [];
  do fields.push(parseFieldAt(c, true));
  while (c.acceptOp(","));
  return fields;
}

/**
 * Parses a DDL schema: `"id INT, name STRING NOT NULL, amount DECIMAL(10,2)"`, or the
 * `struct<...>` form. Char/varchar columns become strings that keep the declared type in
 * metadata `__CHAR_VARCHAR_TYPE_STRING`; `COMMENT` goes to metadata `comment` and
 * `DEFAULT` text to `CURRENT_DEFAULT`, as Spark stores them.
 *
 * @example
 * ```ts
 * parseDDLSchema("`order id` BIGINT NOT NULL").fields[0]?.name; // "order id"
 * ```
 */
export function parseDDLSchema(text: string): StructType {
  const c = TokenCursor.of(text);
  let fields: ParsedField[];
  if (c.isWord("STRUCT") && (c.isOp("<", 1) || c.isOp("<>", 1))) {
    c.next();
    if (c.acceptOp("<>")) fields = [];
    else {
      c.expectOp("<");
      fields = c.acceptCloseAngle() ? [] : columnList(c);
      if (fields.length > 0 && !c.acceptCloseAngle()) c.fail("'>'");
    }
  } else {
    fields = columnList(c);
  }
  expectEnd(c);
  return new StructType(fields.map((f) => f.field));
}

/** Spark's `' COMMENT ...'`; escapes backslashes too, so the text parses back unchanged. */
function commentSql(field: StructField): string {
  const comment = field.metadata.comment;
  if (typeof comment !== "string") return "";
  return ` COMMENT '${comment.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function defaultSql(field: StructField): string {
  const value = field.metadata[CURRENT_DEFAULT_METADATA_KEY];
  return typeof value === "string" ? ` DEFAULT ${value}` : "";
}

function nullSql(field: StructField): string {
  return field.nullable ? "" : " NOT NULL";
}

/**
 * Spark's SQL spelling of a type (`DataType.sql`): `INT`, `DECIMAL(10,2)`,
 * `ARRAY<STRING>`, `MAP<STRING, INT>`, `STRUCT<a: INT NOT NULL, \`b c\`: STRING>`.
 *
 * @example
 * ```ts
 * dataTypeToSql(parseDataType("map<string,bigint>")); // "MAP<STRING, BIGINT>"
 * ```
 */
export function dataTypeToSql(t: DataType): string {
  switch (t.typeName) {
    case "array":
      return `ARRAY<${dataTypeToSql(t.elementType)}>`;
    case "map":
      return `MAP<${dataTypeToSql(t.keyType)}, ${dataTypeToSql(t.valueType)}>`;
    case "struct": {
      const fields = t.fields.map(
        (f) =>
          `${quoteIfNeeded(f.name)}: ${dataTypeToSql(f.dataType)}${nullSql(f)}${commentSql(f)}`,
      );
      return `STRUCT<${fields.join(", ")}>`;
    }
    default:
      return t.simpleString().toUpperCase();
  }
}

/**
 * Spark's `StructType.toDDL`: fields joined by `,`, each `name TYPE[ NOT NULL][ DEFAULT
 * expr][ COMMENT '...']`, names back-quoted only when needed. Array element and map value
 * nullability are not part of DDL (as in Spark).
 *
 * @example
 * ```ts
 * toDDL(new StructType().add("id", IntegerType, false).add("my name", StringType));
 * // "id INT NOT NULL,`my name` STRING"
 * ```
 */
export function toDDL(schema: StructType): string {
  return schema.fields
    .map(
      (f) =>
        `${quoteIfNeeded(f.name)} ${dataTypeToSql(f.dataType)}${nullSql(f)}${defaultSql(f)}${commentSql(f)}`,
    )
    .join(",");
}
