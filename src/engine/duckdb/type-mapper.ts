/**
 * Spark types <-> DuckDB types. Spark's `timestamp` is an instant (DuckDB `TIMESTAMPTZ`);
 * `timestamp_ntz` is wall-clock time (DuckDB `TIMESTAMP`). Unsigned and huge DuckDB
 * integers widen to the next Spark type that holds every value (`decimal(38,0)` for
 * `UBIGINT`/`HUGEINT`), never to a lossy one.
 */
import { type DuckDBType, DuckDBTypeId } from "@duckdb/node-api";
import { AnalysisError } from "../../errors.js";
import {
  ArrayType,
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
  MapType,
  NullType,
  ShortType,
  StringType,
  StructField,
  StructType,
  TimestampNTZType,
  TimestampType,
} from "../../types/data-types.js";
import { quoteIdent } from "./sql-quote.js";

/** The DuckDB SQL type for a Spark type (used in CAST and in read schemas). */
export function toDuckDBType(t: DataType): string {
  switch (t.typeName) {
    case "string":
      return "VARCHAR";
    case "byte":
      return "TINYINT";
    case "short":
      return "SMALLINT";
    case "integer":
      return "INTEGER";
    case "long":
      return "BIGINT";
    case "float":
      return "FLOAT";
    case "double":
      return "DOUBLE";
    case "boolean":
      return "BOOLEAN";
    case "binary":
      return "BLOB";
    case "date":
      return "DATE";
    case "timestamp":
      return "TIMESTAMPTZ";
    case "timestamp_ntz":
      return "TIMESTAMP";
    case "null":
      return "INTEGER";
    case "decimal":
      return `DECIMAL(${t.precision},${t.scale})`;
    case "array":
      return `${toDuckDBType(t.elementType)}[]`;
    case "map":
      return `MAP(${toDuckDBType(t.keyType)}, ${toDuckDBType(t.valueType)})`;
    case "struct":
      return `STRUCT(${t.fields.map((f) => `${quoteIdent(f.name)} ${toDuckDBType(f.dataType)}`).join(", ")})`;
  }
}

/** The Spark type for a DuckDB result column type. */
export function fromDuckDBType(t: DuckDBType, column = "?"): DataType {
  switch (t.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return BooleanType;
    case DuckDBTypeId.TINYINT:
      return ByteType;
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.UTINYINT:
      return ShortType;
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.USMALLINT:
      return IntegerType;
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UINTEGER:
      return LongType;
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return new DecimalType(38, 0);
    case DuckDBTypeId.FLOAT:
      return FloatType;
    case DuckDBTypeId.DOUBLE:
      return DoubleType;
    case DuckDBTypeId.DECIMAL:
      return new DecimalType(t.width, t.scale);
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.ENUM:
    case DuckDBTypeId.UUID:
    case DuckDBTypeId.TIME:
    case DuckDBTypeId.TIME_TZ:
    case DuckDBTypeId.INTERVAL:
      return StringType;
    case DuckDBTypeId.BLOB:
    case DuckDBTypeId.BIT:
      return BinaryType;
    case DuckDBTypeId.DATE:
      return DateType;
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return TimestampNTZType;
    case DuckDBTypeId.TIMESTAMP_TZ:
      return TimestampType;
    case DuckDBTypeId.SQLNULL:
      return NullType;
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
      return new ArrayType(fromDuckDBType(t.valueType, column));
    case DuckDBTypeId.MAP:
      return new MapType(fromDuckDBType(t.keyType, column), fromDuckDBType(t.valueType, column));
    case DuckDBTypeId.STRUCT:
      return new StructType(
        t.entryNames.map((name, i) => {
          const entry = t.entryTypes[i];
          if (entry === undefined) throw new Error(`struct entry ${i} has no type`);
          return new StructField(name, fromDuckDBType(entry, `${column}.${name}`));
        }),
      );
    default:
      throw new AnalysisError(
        "UNSUPPORTED_DATA_TYPE",
        `Column \`${column}\` has DuckDB type ${t.toString()}, which has no Spark equivalent.`,
        {
          hint: "Cast the column to a supported type (string, numbers, date, timestamp...) first.",
        },
      );
  }
}
