/**
 * Spark Connect's `DataType` message <-> tributary's data types. char(n) and varchar(n)
 * read as string (Spark returns them as strings); a user-defined type reads as its SQL
 * type. Intervals and variant have no tributary type yet and are refused by name.
 */
import { create, type MessageInitShape } from "@bufbuild/protobuf";
import { UnsupportedOperationError } from "../../errors.js";
import {
  DataTypeSchema,
  type DataType as ProtoDataType,
} from "../../proto/gen/spark/connect/types_pb.js";
import {
  ArrayType,
  type AtomicTypeName,
  atomicType,
  type DataType,
  DecimalType,
  MapType,
  StructField,
  StructType,
} from "../../types/data-types.js";

const ATOMIC: Partial<Record<NonNullable<ProtoDataType["kind"]["case"]>, AtomicTypeName>> = {
  null: "null",
  binary: "binary",
  boolean: "boolean",
  byte: "byte",
  short: "short",
  integer: "integer",
  long: "long",
  float: "float",
  double: "double",
  string: "string",
  char: "string",
  varChar: "string",
  date: "date",
  timestamp: "timestamp",
  timestampNtz: "timestamp_ntz",
};

/**
 * The tributary type of a Spark Connect `DataType`.
 *
 * @example
 * ```ts
 * fromProtoDataType(create(DataTypeSchema, { kind: { case: "long", value: {} } })); // LongType
 * ```
 * @throws UnsupportedOperationError for interval, variant and unparsed types.
 */
export function fromProtoDataType(t: ProtoDataType): DataType {
  const kind = t.kind;
  const atomic = kind.case === undefined ? undefined : ATOMIC[kind.case];
  if (atomic !== undefined) return atomicType(atomic);
  switch (kind.case) {
    case "decimal":
      return new DecimalType(kind.value.precision ?? 10, kind.value.scale ?? 0);
    case "array":
      return new ArrayType(need(kind.value.elementType), kind.value.containsNull);
    case "map":
      return new MapType(
        need(kind.value.keyType),
        need(kind.value.valueType),
        kind.value.valueContainsNull,
      );
    case "struct":
      return new StructType(
        kind.value.fields.map(
          (f) =>
            new StructField(
              f.name,
              need(f.dataType),
              f.nullable,
              f.metadata === undefined || f.metadata === "" ? {} : JSON.parse(f.metadata),
            ),
        ),
      );
    case "udt":
      if (kind.value.sqlType !== undefined) return fromProtoDataType(kind.value.sqlType);
      break;
  }
  throw new UnsupportedOperationError(
    "spark-connect",
    `type ${kind.case ?? "(none)"}`,
    `Spark type ${kind.case ?? "(none)"} has no tributary equivalent yet.`,
    { hint: "Cast the column to a supported type (string, for instance) before collecting it." },
  );
}

function need(t: ProtoDataType | undefined): DataType {
  if (t === undefined) throw new TypeError("Spark sent a nested type without its element type.");
  return fromProtoDataType(t);
}

/**
 * A StructType from a Spark Connect schema (a struct `DataType`).
 *
 * @example
 * ```ts
 * schemaFromProto(analyzeReply.result.value.schema).fieldNames(); // ["a", "b"]
 * ```
 */
export function schemaFromProto(t: ProtoDataType): StructType {
  const type = fromProtoDataType(t);
  if (!(type instanceof StructType)) {
    throw new TypeError(`Expected a struct schema, got ${type.simpleString()}.`);
  }
  return type;
}

/**
 * The Spark Connect `DataType` of a tributary type (for casts, schemas, local relations).
 *
 * @example
 * ```ts
 * toProtoDataType(new DecimalType(10, 2)).kind; // { case: "decimal", value: { precision: 10, scale: 2 } }
 * ```
 */
export function toProtoDataType(t: DataType): ProtoDataType {
  return create(DataTypeSchema, protoInit(t));
}

function protoInit(t: DataType): MessageInitShape<typeof DataTypeSchema> {
  switch (t.typeName) {
    case "decimal":
      return { kind: { case: "decimal", value: { precision: t.precision, scale: t.scale } } };
    case "array":
      return {
        kind: {
          case: "array",
          value: { elementType: protoInit(t.elementType), containsNull: t.containsNull },
        },
      };
    case "map":
      return {
        kind: {
          case: "map",
          value: {
            keyType: protoInit(t.keyType),
            valueType: protoInit(t.valueType),
            valueContainsNull: t.valueContainsNull,
          },
        },
      };
    case "struct":
      return {
        kind: {
          case: "struct",
          value: {
            fields: t.fields.map((f) => ({
              name: f.name,
              dataType: protoInit(f.dataType),
              nullable: f.nullable,
              ...(Object.keys(f.metadata).length === 0
                ? {}
                : { metadata: JSON.stringify(f.metadata) }),
            })),
          },
        },
      };
    case "timestamp_ntz":
      return { kind: { case: "timestampNtz", value: {} } };
    default:
      return { kind: { case: t.typeName, value: {} } };
  }
}
