/**
 * Spark's data types, with Spark's Scala names: atomic types are singletons
 * (`IntegerType`, `StringType`), parameterised ones are classes (`new DecimalType(10, 2)`).
 * Every type is immutable and serialises to Spark's JSON schema form (also Delta's
 * `schemaString`) through `toJSON()`.
 *
 * JS values of each type (what `collect()` returns and `createDataFrame` accepts):
 *
 * | Spark type          | JS value                                               |
 * |---------------------|--------------------------------------------------------|
 * | string              | `string`                                               |
 * | byte, short, integer| `number`                                               |
 * | long                | `bigint` (exact)                                       |
 * | float, double       | `number`                                               |
 * | decimal(p,s)        | {@link Decimal} (exact; `toString()`, `toNumber()`)    |
 * | boolean             | `boolean`                                              |
 * | binary              | `Uint8Array`                                           |
 * | date                | `string` `"YYYY-MM-DD"` (no time zone to get wrong)     |
 * | timestamp           | {@link Timestamp}: a `Date` keeping exact microseconds |
 * | timestamp_ntz       | `Timestamp` whose UTC fields are the wall-clock time   |
 * | array<T>            | `T[]`                                                  |
 * | map<K,V>            | `Map<K, V>`                                            |
 * | struct<...>         | plain object                                           |
 *
 * @example
 * ```ts
 * import { StructType, StructField, IntegerType, StringType, DecimalType } from "tributary-etl";
 * const schema = new StructType([
 *   new StructField("id", IntegerType, false),
 *   new StructField("name", StringType),
 *   new StructField("amount", new DecimalType(10, 2)),
 * ]);
 * ```
 */

/** Names of the atomic (parameterless) types, as Spark's JSON schema writes them. */
export type AtomicTypeName =
  | "string"
  | "byte"
  | "short"
  | "integer"
  | "long"
  | "float"
  | "double"
  | "boolean"
  | "binary"
  | "date"
  | "timestamp"
  | "timestamp_ntz"
  | "null";

/** A type whose name alone describes it. */
export class AtomicType {
  readonly typeName: AtomicTypeName;

  constructor(typeName: AtomicTypeName) {
    this.typeName = typeName;
    Object.freeze(this);
  }

  /** Spark's short form (`int`, `bigint`, `string`...), as used in DDL and `dtypes`. */
  simpleString(): string {
    return ATOMIC_SIMPLE[this.typeName];
  }

  toJSON(): string {
    // Spark 3+ names NullType "void" in JSON (Delta's schemaString included); "null" is older.
    return this.typeName === "null" ? "void" : this.typeName;
  }

  toString(): string {
    return `${ATOMIC_CLASS[this.typeName]}()`;
  }
}

const ATOMIC_SIMPLE: Record<AtomicTypeName, string> = {
  string: "string",
  byte: "tinyint",
  short: "smallint",
  integer: "int",
  long: "bigint",
  float: "float",
  double: "double",
  boolean: "boolean",
  binary: "binary",
  date: "date",
  timestamp: "timestamp",
  timestamp_ntz: "timestamp_ntz",
  null: "void",
};

const ATOMIC_CLASS: Record<AtomicTypeName, string> = {
  string: "StringType",
  byte: "ByteType",
  short: "ShortType",
  integer: "IntegerType",
  long: "LongType",
  float: "FloatType",
  double: "DoubleType",
  boolean: "BooleanType",
  binary: "BinaryType",
  date: "DateType",
  timestamp: "TimestampType",
  timestamp_ntz: "TimestampNTZType",
  null: "NullType",
};

/** The names of Spark's concrete data type classes. */
export const SPARK_TYPE_CLASSES: readonly string[] = [
  ...Object.values(ATOMIC_CLASS),
  "DecimalType",
  "ArrayType",
  "MapType",
  "StructType",
];

/**
 * The name of a type's class in Spark (`IntegerType`, `DecimalType`, `ArrayType`): what
 * `toString()` prints before its arguments.
 *
 * @example
 * ```ts
 * sparkClassName(new DecimalType(10, 2)); // "DecimalType"
 * ```
 */
export function sparkClassName(type: DataType): string {
  const text = type.toString();
  const open = text.indexOf("(");
  return open < 0 ? text : text.slice(0, open);
}

export const StringType = new AtomicType("string");
export const ByteType = new AtomicType("byte");
export const ShortType = new AtomicType("short");
export const IntegerType = new AtomicType("integer");
export const LongType = new AtomicType("long");
export const FloatType = new AtomicType("float");
export const DoubleType = new AtomicType("double");
export const BooleanType = new AtomicType("boolean");
export const BinaryType = new AtomicType("binary");
export const DateType = new AtomicType("date");
export const TimestampType = new AtomicType("timestamp");
export const TimestampNTZType = new AtomicType("timestamp_ntz");
export const NullType = new AtomicType("null");

/** The singleton for an atomic type name. */
export function atomicType(name: AtomicTypeName): AtomicType {
  return ATOMIC_BY_NAME[name];
}

const ATOMIC_BY_NAME: Record<AtomicTypeName, AtomicType> = {
  string: StringType,
  byte: ByteType,
  short: ShortType,
  integer: IntegerType,
  long: LongType,
  float: FloatType,
  double: DoubleType,
  boolean: BooleanType,
  binary: BinaryType,
  date: DateType,
  timestamp: TimestampType,
  timestamp_ntz: TimestampNTZType,
  null: NullType,
};

/** `decimal(precision, scale)`: exact numbers; precision at most 38. */
export class DecimalType {
  readonly typeName = "decimal" as const;
  readonly precision: number;
  readonly scale: number;

  constructor(precision = 10, scale = 0) {
    if (!Number.isInteger(precision) || precision < 1 || precision > 38) {
      throw new RangeError(`Decimal precision ${precision} is out of range [1, 38].`);
    }
    if (!Number.isInteger(scale) || scale < 0 || scale > precision) {
      throw new RangeError(`Decimal scale ${scale} must be between 0 and precision ${precision}.`);
    }
    this.precision = precision;
    this.scale = scale;
    Object.freeze(this);
  }

  simpleString(): string {
    return `decimal(${this.precision},${this.scale})`;
  }

  toJSON(): string {
    return this.simpleString();
  }

  toString(): string {
    return `DecimalType(${this.precision},${this.scale})`;
  }
}

/** `array<elementType>`. */
export class ArrayType {
  readonly typeName = "array" as const;
  readonly elementType: DataType;
  readonly containsNull: boolean;

  constructor(elementType: DataType, containsNull = true) {
    this.elementType = elementType;
    this.containsNull = containsNull;
    Object.freeze(this);
  }

  simpleString(): string {
    return `array<${this.elementType.simpleString()}>`;
  }

  toJSON(): Record<string, unknown> {
    return {
      type: "array",
      elementType: this.elementType.toJSON(),
      containsNull: this.containsNull,
    };
  }

  toString(): string {
    return `ArrayType(${this.elementType.toString()}, ${this.containsNull})`;
  }
}

/** `map<keyType, valueType>`. */
export class MapType {
  readonly typeName = "map" as const;
  readonly keyType: DataType;
  readonly valueType: DataType;
  readonly valueContainsNull: boolean;

  constructor(keyType: DataType, valueType: DataType, valueContainsNull = true) {
    this.keyType = keyType;
    this.valueType = valueType;
    this.valueContainsNull = valueContainsNull;
    Object.freeze(this);
  }

  simpleString(): string {
    return `map<${this.keyType.simpleString()},${this.valueType.simpleString()}>`;
  }

  toJSON(): Record<string, unknown> {
    return {
      type: "map",
      keyType: this.keyType.toJSON(),
      valueType: this.valueType.toJSON(),
      valueContainsNull: this.valueContainsNull,
    };
  }

  toString(): string {
    return `MapType(${this.keyType.toString()}, ${this.valueType.toString()}, ${this.valueContainsNull})`;
  }
}

/** Field metadata: Spark allows any JSON object (comments, Delta column-mapping ids...). */
export type FieldMetadata = Readonly<Record<string, unknown>>;

/** One named field of a {@link StructType}. */
export class StructField {
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly metadata: FieldMetadata;

  constructor(name: string, dataType: DataType, nullable = true, metadata: FieldMetadata = {}) {
    this.name = name;
    this.dataType = dataType;
    this.nullable = nullable;
    this.metadata = Object.freeze({ ...metadata });
    Object.freeze(this);
  }

  simpleString(): string {
    return `${this.name}:${this.dataType.simpleString()}`;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      type: this.dataType.toJSON(),
      nullable: this.nullable,
      metadata: this.metadata,
    };
  }

  toString(): string {
    return `StructField('${this.name}', ${this.dataType.toString()}, ${this.nullable})`;
  }
}

/** `struct<...>`: the type of a row, and of nested records. */
export class StructType {
  readonly typeName = "struct" as const;
  readonly fields: readonly StructField[];

  constructor(fields: readonly StructField[] = []) {
    this.fields = Object.freeze([...fields]);
    Object.freeze(this);
  }

  /** A new StructType with one more field (Spark's `add`). */
  add(name: string, dataType: DataType, nullable = true, metadata: FieldMetadata = {}): StructType {
    return new StructType([...this.fields, new StructField(name, dataType, nullable, metadata)]);
  }

  fieldNames(): string[] {
    return this.fields.map((f) => f.name);
  }

  /** The field with this name (exact match first, then case-insensitive, as Spark resolves). */
  field(name: string): StructField | undefined {
    return (
      this.fields.find((f) => f.name === name) ??
      this.fields.find((f) => f.name.toLowerCase() === name.toLowerCase())
    );
  }

  get length(): number {
    return this.fields.length;
  }

  simpleString(): string {
    return `struct<${this.fields.map((f) => f.simpleString()).join(",")}>`;
  }

  toJSON(): Record<string, unknown> {
    return { type: "struct", fields: this.fields.map((f) => f.toJSON()) };
  }

  /** Spark's JSON schema string (`df.schema.json()` in PySpark). */
  json(): string {
    return JSON.stringify(this.toJSON());
  }

  toString(): string {
    return `StructType([${this.fields.map((f) => f.toString()).join(", ")}])`;
  }

  [Symbol.iterator](): Iterator<StructField> {
    return this.fields[Symbol.iterator]();
  }
}

/** Any Spark data type. */
export type DataType = AtomicType | DecimalType | ArrayType | MapType | StructType;

/** Structural equality of two types (field names, nullability and metadata included). */
export function sameType(
  a: DataType,
  b: DataType,
  options: { ignoreNullability?: boolean } = {},
): boolean {
  return JSON.stringify(normalize(a, options)) === JSON.stringify(normalize(b, options));
}

function normalize(t: DataType, options: { ignoreNullability?: boolean }): unknown {
  if (options.ignoreNullability !== true) return t.toJSON();
  switch (t.typeName) {
    case "array":
      return { type: "array", elementType: normalize(t.elementType, options) };
    case "map":
      return { type: "map", k: normalize(t.keyType, options), v: normalize(t.valueType, options) };
    case "struct":
      return t.fields.map((f) => [f.name, normalize(f.dataType, options)]);
    default:
      return t.toJSON();
  }
}

/** True for the numeric types (Spark's `NumericType`). */
export function isNumeric(t: DataType): boolean {
  return (
    t.typeName === "byte" ||
    t.typeName === "short" ||
    t.typeName === "integer" ||
    t.typeName === "long" ||
    t.typeName === "float" ||
    t.typeName === "double" ||
    t.typeName === "decimal"
  );
}
