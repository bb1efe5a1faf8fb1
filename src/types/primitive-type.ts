/**
 * Spark's primitive type names (`type` rule): `int`/`integer`, `bigint`/`long`,
 * `decimal(p,s)`/`dec`/`numeric`, `char(n)`/`varchar(n)` (read as string, declaration
 * kept), `string [COLLATE UTF8_BINARY]`... and the errors for names it does not know.
 */
import { closestMatch } from "../errors.js";
import {
  BinaryType,
  BooleanType,
  ByteType,
  type DataType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  NullType,
  ShortType,
  StringType,
  TimestampNTZType,
  TimestampType,
} from "./data-types.js";
import type { Token } from "./sql-lexer.js";
import type { TokenCursor } from "./token-cursor.js";

/** A parsed type, with Spark's `catalogString` of what was written (char/varchar kept). */
export interface ParsedType {
  readonly type: DataType;
  readonly raw: string;
  readonly charVarchar: boolean;
}

const SIMPLE: Readonly<Record<string, DataType>> = {
  BOOLEAN: BooleanType,
  TINYINT: ByteType,
  BYTE: ByteType,
  SMALLINT: ShortType,
  SHORT: ShortType,
  INT: IntegerType,
  INTEGER: IntegerType,
  BIGINT: LongType,
  LONG: LongType,
  FLOAT: FloatType,
  REAL: FloatType,
  DOUBLE: DoubleType,
  DATE: DateType,
  TIMESTAMP: TimestampType,
  TIMESTAMP_LTZ: TimestampType,
  TIMESTAMP_NTZ: TimestampNTZType,
  STRING: StringType,
  BINARY: BinaryType,
  VOID: NullType,
};

const DECIMAL_NAMES = ["DECIMAL", "DEC", "NUMERIC"];
const CHAR_NAMES = ["CHAR", "CHARACTER", "VARCHAR"];
export const KNOWN_TYPES = [
  ...Object.keys(SIMPLE),
  ...DECIMAL_NAMES,
  ...CHAR_NAMES,
  "ARRAY",
  "MAP",
  "STRUCT",
];
export const TYPE_HINT = `Known types: ${KNOWN_TYPES.map((k) => k.toLowerCase()).join(", ")}.`;

export function atomic(type: DataType): ParsedType {
  return { type, raw: type.simpleString(), charVarchar: false };
}

export function unsupportedType(c: TokenCursor, token: Token, shown: string, hint?: string): never {
  return c.failAt(
    token,
    "UNSUPPORTED_DATATYPE",
    `Unsupported data type "${shown}"`,
    hint ?? TYPE_HINT,
  );
}

/** `(n, m, ...)` after a type name: the integers. */
function typeParams(c: TokenCursor): number[] {
  const params: number[] = [];
  if (!c.acceptOp("(")) return params;
  do {
    const t = c.peek();
    if (t.kind !== "number" || !/^[0-9]+$/.test(t.text)) c.fail("an integer type parameter");
    params.push(Number(c.next().text));
  } while (c.acceptOp(","));
  c.expectOp(")");
  return params;
}

function decimalType(c: TokenCursor, token: Token, params: number[]): ParsedType {
  const [precision = 10, scale = 0] = params;
  if (params.length > 2)
    unsupportedType(c, token, `${token.text.toUpperCase()}(${params.join(",")})`);
  if (precision > 38) {
    c.failAt(
      token,
      "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
      `Decimal precision ${precision} exceeds max precision 38`,
    );
  }
  if (precision < 1 || scale > precision) {
    c.failAt(
      token,
      "INVALID_SCHEMA",
      `Invalid decimal(${precision},${scale}): precision must be 1 to 38 and scale at most the precision`,
    );
  }
  return atomic(new DecimalType(precision, scale));
}

function charType(c: TokenCursor, token: Token, name: string, params: number[]): ParsedType {
  const kind = name === "VARCHAR" ? "varchar" : "char";
  const [length] = params;
  if (length === undefined) {
    c.failAt(
      token,
      "DATATYPE_MISSING_SIZE",
      `${name} requires a length parameter, for example ${name}(10)`,
    );
  }
  if (params.length > 1 || length < 1) unsupportedType(c, token, `${name}(${params.join(",")})`);
  return { type: StringType, raw: `${kind}(${length})`, charVarchar: true };
}

/**
 * The primitive type named by `token` (already consumed; `name` upper-cased), reading its
 * parameters and collation.
 *
 * @example
 * ```ts
 * // "decimal(10, 2)" -> { type: DecimalType(10,2), raw: "decimal(10,2)" }
 * ```
 */
export function parsePrimitive(c: TokenCursor, token: Token, name: string): ParsedType {
  if (name === "STRING" && c.acceptWord("COLLATE")) {
    const collation = c.identifier("a collation name");
    if (collation.name.toUpperCase() !== "UTF8_BINARY") {
      unsupportedType(
        c,
        collation.token,
        `STRING COLLATE ${collation.name}`,
        "Only the default UTF8_BINARY collation is supported.",
      );
    }
  }
  const params = typeParams(c);
  if (DECIMAL_NAMES.includes(name)) return decimalType(c, token, params);
  if (CHAR_NAMES.includes(name)) return charType(c, token, name, params);
  const simple = SIMPLE[name];
  if (simple === undefined) {
    const suggestion = closestMatch(name, KNOWN_TYPES);
    unsupportedType(
      c,
      token,
      name,
      suggestion === undefined ? undefined : `Did you mean ${suggestion}? ${TYPE_HINT}`,
    );
  }
  if (params.length > 0) unsupportedType(c, token, `${name}(${params.join(",")})`);
  return atomic(simple);
}
