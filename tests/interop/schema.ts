/**
 * Spark JSON schemas (Delta's `schemaString`) as plain data, the type language the peers
 * speak. Kept here rather than imported from src/ so the harness judges our code from outside.
 */

export type PrimitiveTypeName =
  | "long"
  | "integer"
  | "short"
  | "byte"
  | "double"
  | "float"
  | "boolean"
  | "string"
  | "binary"
  | "date"
  | "timestamp"
  | "timestamp_ntz"
  | `decimal(${number},${number})`;

export interface ArrayType {
  readonly type: "array";
  readonly elementType: DataType;
  readonly containsNull: boolean;
}

export interface MapType {
  readonly type: "map";
  readonly keyType: DataType;
  readonly valueType: DataType;
  readonly valueContainsNull: boolean;
}

export interface StructField {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface StructType {
  readonly type: "struct";
  readonly fields: readonly StructField[];
}

/** A Spark data type as JSON; decimals are strings like "decimal(10,2)". */
export type DataType = PrimitiveTypeName | (string & {}) | ArrayType | MapType | StructType;

/**
 * Builds a schema from [name, type] pairs (nullable, no metadata), the common case in tests.
 *
 * @example struct([["id", "long"], ["d", "date"], ["tags", arrayOf("string")]])
 */
export function struct(
  fields: readonly (readonly [string, DataType] | readonly [string, DataType, boolean])[],
): StructType {
  return {
    type: "struct",
    fields: fields.map(([name, type, nullable]) => ({
      name,
      type,
      nullable: nullable ?? true,
      metadata: {},
    })),
  };
}

export function arrayOf(elementType: DataType, containsNull = true): ArrayType {
  return { type: "array", elementType, containsNull };
}

export function mapOf(keyType: DataType, valueType: DataType, valueContainsNull = true): MapType {
  return { type: "map", keyType, valueType, valueContainsNull };
}

/** Scale of a decimal type name, or undefined when the type is not a decimal. */
export function decimalScale(type: DataType): number | undefined {
  if (typeof type !== "string") return undefined;
  const match = /^decimal\(\s*\d+\s*,\s*(\d+)\s*\)$/.exec(type);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
