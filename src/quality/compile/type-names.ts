/**
 * `type_` of `expect_column_values_to_be_of_type`, as GE's Spark engine reads it: the name
 * of a `pyspark.sql.types` class, matched with `isinstance`, so abstract classes match their
 * subclasses (`NumericType` matches `IntegerType`). Two conveniences beyond GE: Spark DDL
 * names (`"int"`, `"decimal(10,2)"`, exact match), and the numpy dtype names a pandas suite
 * uses (`"int64"` is `LongType`, `"float64"` is `DoubleType`, `"object"` is `StringType`).
 */
import { IllegalArgumentError } from "../../errors.js";
import {
  type DataType,
  isNumeric,
  SPARK_TYPE_CLASSES,
  sameType,
  sparkClassName,
} from "../../types/data-types.js";
import { parseDataType } from "../../types/ddl.js";

/** numpy / pandas dtype names and the Spark class each one means. */
const NUMPY: Readonly<Record<string, string>> = {
  int8: "ByteType",
  int16: "ShortType",
  int32: "IntegerType",
  int64: "LongType",
  float32: "FloatType",
  float64: "DoubleType",
  bool_: "BooleanType",
  object: "StringType",
  object_: "StringType",
  str: "StringType",
  "datetime64[ns]": "TimestampNTZType",
  "datetime64[ns, UTC]": "TimestampType",
};

const INTEGRAL = new Set(["byte", "short", "integer", "long"]);
const COMPLEX = new Set(["array", "map", "struct"]);

/** The Spark class name of a type (`IntegerType`), GE's Spark `observed_value`. */
export function sparkTypeClass(type: DataType): string {
  return sparkClassName(type);
}

/** `isinstance(type, <class named name>)`, with the conveniences above. */
function isInstance(type: DataType, name: string): boolean | undefined {
  const t = type.typeName;
  switch (name) {
    case "DataType":
      return true;
    case "AtomicType":
      return !COMPLEX.has(t);
    case "NumericType":
      return isNumeric(type);
    case "IntegralType":
      return INTEGRAL.has(t);
    case "FractionalType":
      return t === "float" || t === "double" || t === "decimal";
  }
  if (SPARK_TYPE_CLASSES.includes(name)) return sparkTypeClass(type) === name;
  return undefined;
}

/**
 * True when the column type is of the named type.
 *
 * @example
 * ```ts
 * typeMatches(IntegerType, "IntegerType"); // true
 * typeMatches(IntegerType, "NumericType"); // true
 * typeMatches(LongType, "int64");          // true (a pandas suite's name)
 * ```
 */
export function typeMatches(type: DataType, name: string): boolean {
  const direct = isInstance(type, NUMPY[name] ?? name);
  if (direct !== undefined) return direct;
  try {
    return sameType(type, parseDataType(name));
  } catch (e) {
    // GE's Spark engine raises for a name it does not know; a typo should not read as "wrong type".
    throw new IllegalArgumentError(
      `Unrecognized type_ "${name}": use a Spark type class (IntegerType, StringType, NumericType...), a Spark DDL type (int, decimal(10,2)) or a numpy dtype (int64, float64, object).`,
      { cause: e },
    );
  }
}
