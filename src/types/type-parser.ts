/**
 * Recursive descent over Spark's `dataType` and `colType` grammar rules, on a shared
 * {@link TokenCursor} so `CAST(x AS decimal(10,2))` in an expression uses the same code as
 * a DDL schema. Spark's `char(n)`/`varchar(n)` become `string`; a schema's top-level field
 * keeps the type as written in metadata `__CHAR_VARCHAR_TYPE_STRING`, as Spark does.
 */
import { ArrayType, MapType, StructField, StructType } from "./data-types.js";
import {
  atomic,
  type ParsedType,
  parsePrimitive,
  TYPE_HINT,
  unsupportedType,
} from "./primitive-type.js";
import type { Token } from "./sql-lexer.js";
import { keywordOf, type TokenCursor } from "./token-cursor.js";

/** Metadata key where Spark keeps the declared `char(n)`/`varchar(n)` type of a field. */
export const CHAR_VARCHAR_METADATA_KEY = "__CHAR_VARCHAR_TYPE_STRING";

/** Metadata key Spark uses for a column's `DEFAULT` expression text. */
export const CURRENT_DEFAULT_METADATA_KEY = "CURRENT_DEFAULT";

export type { ParsedType } from "./primitive-type.js";

function expectClose(c: TokenCursor): void {
  if (!c.acceptCloseAngle()) c.fail("'>'");
}

/**
 * Parses one data type at the cursor (`int`, `decimal(10,2)`, `array<map<string,int>>`,
 * `struct<a: int NOT NULL COMMENT 'x'>`).
 *
 * @example
 * ```ts
 * parseTypeAt(TokenCursor.of("array<varchar(3)>")).raw; // "array<varchar(3)>"
 * ```
 */
export function parseTypeAt(c: TokenCursor): ParsedType {
  const token = c.peek();
  if (token.kind !== "word") return c.fail("a data type", TYPE_HINT);
  const name = keywordOf(token) || token.text;
  c.next();
  if (name === "ARRAY") {
    c.expectOp("<");
    const element = parseTypeAt(c);
    expectClose(c);
    return {
      type: new ArrayType(element.type),
      raw: `array<${element.raw}>`,
      charVarchar: element.charVarchar,
    };
  }
  if (name === "MAP") {
    c.expectOp("<");
    const key = parseTypeAt(c);
    c.expectOp(",");
    const value = parseTypeAt(c);
    expectClose(c);
    return {
      type: new MapType(key.type, value.type),
      raw: `map<${key.raw},${value.raw}>`,
      charVarchar: key.charVarchar || value.charVarchar,
    };
  }
  if (name === "STRUCT") {
    if (c.acceptOp("<>")) return atomic(new StructType());
    c.expectOp("<");
    const fields = c.acceptCloseAngle() ? [] : parseFieldsUntilClose(c);
    return {
      type: new StructType(fields.map((f) => f.field)),
      raw: `struct<${fields.map((f) => `${f.field.name}:${f.parsed.raw}`).join(",")}>`,
      charVarchar: fields.some((f) => f.parsed.charVarchar),
    };
  }
  if (name === "INTERVAL" || name === "VARIANT") {
    unsupportedType(
      c,
      token,
      name,
      "tributary has no column type for this; store intervals as BIGINT microseconds and variants as STRING (JSON).",
    );
  }
  return parsePrimitive(c, token, name);
}

function parseFieldsUntilClose(c: TokenCursor): ParsedField[] {
  const fields: ParsedField[] = [];
  do fields.push(parseFieldAt(c, false));
  while (c.acceptOp(","));
  expectClose(c);
  return fields;
}

/** A parsed column or struct field, with the type as written. */
export interface ParsedField {
  readonly field: StructField;
  readonly parsed: ParsedType;
}

/** Text of a `DEFAULT` expression: up to a top-level `,`, `COMMENT`, `NOT NULL` or the end. */
function defaultText(c: TokenCursor): string {
  const first = c.peek();
  let last: Token | undefined;
  let depth = 0;
  for (;;) {
    const t = c.peek();
    if (t.kind === "eof") break;
    if (
      depth === 0 &&
      (c.isOp(",") || c.isWord("COMMENT") || (c.isWord("NOT") && c.isWord("NULL", 1)))
    )
      break;
    if (t.kind === "op" && (t.text === "(" || t.text === "[")) depth++;
    if (t.kind === "op" && (t.text === ")" || t.text === "]")) {
      if (depth === 0) break;
      depth--;
    }
    last = c.next();
  }
  if (last === undefined) return c.fail("a default value expression");
  return c.text.slice(first.start, last.end);
}

/**
 * Parses `name [:] type [NOT NULL] [COMMENT '...'] [DEFAULT expr]`. A top-level field (a
 * schema column) may have a DEFAULT and records a char/varchar declaration in metadata.
 *
 * @example
 * ```ts
 * parseFieldAt(TokenCursor.of("id INT NOT NULL"), true).field.nullable; // false
 * ```
 */
export function parseFieldAt(c: TokenCursor, topLevel: boolean): ParsedField {
  const name = c.identifier(
    topLevel ? "a column name" : "a field name",
    "Back-quote names that contain spaces or symbols: `my col`.",
  );
  if (c.isOp("-") && c.peek(1).kind === "word") {
    c.fail("a data type", `Back-quote names that contain '-': \`${name.name}-${c.peek(1).text}\`.`);
  }
  c.acceptOp(":");
  const parsed = parseTypeAt(c);
  let nullable = true;
  let comment: string | undefined;
  let defaultValue: string | undefined;
  for (;;) {
    if (nullable && c.isWord("NOT") && c.isWord("NULL", 1)) {
      c.next();
      c.next();
      nullable = false;
    } else if (comment === undefined && c.acceptWord("COMMENT")) {
      if (c.peek().kind !== "string") c.fail("a quoted comment string");
      comment = "";
      // Adjacent literals concatenate, as everywhere in Spark SQL.
      while (c.peek().kind === "string") comment += c.next().value;
    } else if (topLevel && defaultValue === undefined && c.acceptWord("DEFAULT")) {
      defaultValue = defaultText(c);
    } else break;
  }
  const metadata: Record<string, unknown> = {};
  if (comment !== undefined) metadata.comment = comment;
  if (defaultValue !== undefined) metadata[CURRENT_DEFAULT_METADATA_KEY] = defaultValue;
  if (topLevel && parsed.charVarchar) metadata[CHAR_VARCHAR_METADATA_KEY] = parsed.raw;
  return { field: new StructField(name.name, parsed.type, nullable, metadata), parsed };
}
