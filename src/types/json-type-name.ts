/**
 * The type names of Spark's JSON schema format (`"integer"`, `"decimal(10,2)"`,
 * `"varchar(10)"`, `"timestamp_ntz"`...), and the errors for the ones we cannot read.
 */
import { AnalysisError, type ErrorCode } from "../errors.js";
import { type AtomicTypeName, atomicType, DecimalType, StringType } from "./data-types.js";
import type { ParsedType } from "./primitive-type.js";

const ATOMIC_NAMES: Readonly<Record<string, AtomicTypeName>> = {
  string: "string",
  byte: "byte",
  short: "short",
  integer: "integer",
  long: "long",
  float: "float",
  double: "double",
  boolean: "boolean",
  binary: "binary",
  date: "date",
  timestamp: "timestamp",
  timestamp_ltz: "timestamp",
  timestamp_ntz: "timestamp_ntz",
  // Spark writes "void" today and "null" before 3.0; both read as NullType.
  null: "null",
  void: "null",
};

const UNSUPPORTED = /^(interval|calendarinterval|variant|time|geometry|geography)\b/;

/** An error about schema JSON at `path` (`` `a`.`b`.element ``). */
export function invalid(
  code: ErrorCode,
  message: string,
  path: string,
  hint?: string,
): AnalysisError {
  return new AnalysisError(code, `${message} (at ${path === "" ? "the top level" : path}).`, {
    hint:
      hint ??
      'Check the schema JSON: Spark writes types like "integer", "decimal(10,2)" and {"type":"array",...}.',
    context: { path },
  });
}

/**
 * The type a JSON type name stands for, as Spark's `DataType.nameToType` reads it.
 *
 * @example
 * ```ts
 * typeFromJsonName("varchar(10)", "`name`"); // { type: StringType, raw: "varchar(10)", charVarchar: true }
 * ```
 */
export function typeFromJsonName(name: string, path: string): ParsedType {
  const atomic = ATOMIC_NAMES[name];
  if (atomic !== undefined) {
    const type = atomicType(atomic);
    return { type, raw: type.simpleString(), charVarchar: false };
  }
  if (name === "decimal")
    return { type: new DecimalType(10, 0), raw: "decimal(10,0)", charVarchar: false };
  const decimal = /^decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)$/.exec(name);
  if (decimal !== null) {
    const [p, s] = [Number(decimal[1]), Number(decimal[2])];
    if (!(p >= 1 && p <= 38 && s >= 0 && s <= p)) {
      throw invalid(
        "INVALID_JSON_DATA_TYPE",
        `Invalid decimal type "${name}": precision must be 1 to 38 and scale 0 to precision`,
        path,
      );
    }
    const type = new DecimalType(p, s);
    return { type, raw: type.simpleString(), charVarchar: false };
  }
  const chars = /^(char|varchar)\(\s*(\d+)\s*\)$/.exec(name);
  if (chars !== null)
    return { type: StringType, raw: `${chars[1]}(${chars[2]})`, charVarchar: true };
  const collated = /^string\s+collate\s+(\S+)$/i.exec(name);
  if (collated !== null && collated[1]?.toUpperCase() === "UTF8_BINARY") {
    return { type: StringType, raw: "string", charVarchar: false };
  }
  if (UNSUPPORTED.test(name) || collated !== null) {
    throw invalid(
      "UNSUPPORTED_DATATYPE",
      `Unsupported data type "${name}"`,
      path,
      "tributary cannot represent this Spark type; cast the column to a supported type before writing.",
    );
  }
  throw invalid("INVALID_JSON_DATA_TYPE", `Unknown data type "${name}" in schema JSON`, path);
}
