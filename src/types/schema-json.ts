/**
 * Spark's JSON schema format (what `df.schema.json()` prints; Delta's `schemaString`) to
 * a StructType. The reverse is `StructType.json()`; for any schema Spark or Delta writes,
 * `schemaFromJSON(text).json() === text`. Unknown extra keys are ignored (writers add
 * their own); unknown type names are an error naming the field.
 *
 * @example
 * ```ts
 * const schema = schemaFromJSON(deltaMetadata.schemaString);
 * schema.fieldNames(); // ["id", "name"]
 * ```
 */
import { AnalysisError } from "../errors.js";
import { ArrayType, type DataType, MapType, StructField, StructType } from "./data-types.js";
import { invalid, typeFromJsonName } from "./json-type-name.js";
import type { ParsedType } from "./primitive-type.js";
import { CHAR_VARCHAR_METADATA_KEY } from "./type-parser.js";

/** A type, with Spark's catalogString of what the JSON said (char/varchar kept). */
type JsonType = ParsedType;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function bool(v: unknown, key: string, path: string): boolean {
  if (v === undefined) return true;
  if (typeof v !== "boolean")
    throw invalid(
      "INVALID_SCHEMA",
      `"${key}" must be true or false, not ${JSON.stringify(v)}`,
      path,
    );
  return v;
}

function fieldOf(json: unknown, path: string): { field: StructField; parsed: JsonType } {
  if (!isObject(json) || typeof json.name !== "string") {
    throw invalid(
      "INVALID_SCHEMA",
      `A struct field must be an object with a string "name", not ${JSON.stringify(json)}`,
      path,
    );
  }
  const fieldPath = `${path}${path === "" ? "" : "."}\`${json.name}\``;
  if (json.type === undefined)
    throw invalid("INVALID_SCHEMA", `Field "${json.name}" has no "type"`, fieldPath);
  const metadata = json.metadata ?? {};
  if (!isObject(metadata))
    throw invalid("INVALID_SCHEMA", `"metadata" must be an object`, fieldPath);
  const parsed = typeOf(json.type, fieldPath);
  return {
    field: new StructField(
      json.name,
      parsed.type,
      bool(json.nullable, "nullable", fieldPath),
      metadata,
    ),
    parsed,
  };
}

function structOf(
  json: Record<string, unknown>,
  path: string,
): { type: StructType; fields: { field: StructField; parsed: JsonType }[] } {
  if (!Array.isArray(json.fields))
    throw invalid("INVALID_SCHEMA", `A struct needs a "fields" array`, path);
  const fields = json.fields.map((f: unknown) => fieldOf(f, path));
  return { type: new StructType(fields.map((f) => f.field)), fields };
}

function typeOf(json: unknown, path: string): JsonType {
  if (typeof json === "string") return typeFromJsonName(json, path);
  if (!isObject(json))
    throw invalid("INVALID_JSON_DATA_TYPE", `Invalid type ${JSON.stringify(json)}`, path);
  switch (json.type) {
    case "array": {
      if (json.elementType === undefined)
        throw invalid("INVALID_SCHEMA", `An array type needs "elementType"`, path);
      const element = typeOf(json.elementType, `${path}.element`);
      return {
        type: new ArrayType(element.type, bool(json.containsNull, "containsNull", path)),
        raw: `array<${element.raw}>`,
        charVarchar: element.charVarchar,
      };
    }
    case "map": {
      if (json.keyType === undefined || json.valueType === undefined) {
        throw invalid("INVALID_SCHEMA", `A map type needs "keyType" and "valueType"`, path);
      }
      const key = typeOf(json.keyType, `${path}.key`);
      const value = typeOf(json.valueType, `${path}.value`);
      return {
        type: new MapType(
          key.type,
          value.type,
          bool(json.valueContainsNull, "valueContainsNull", path),
        ),
        raw: `map<${key.raw},${value.raw}>`,
        charVarchar: key.charVarchar || value.charVarchar,
      };
    }
    case "struct": {
      const { type, fields } = structOf(json, path);
      return {
        type,
        raw: `struct<${fields.map((f) => `${f.field.name}:${f.parsed.raw}`).join(",")}>`,
        charVarchar: fields.some((f) => f.parsed.charVarchar),
      };
    }
    case "udt":
      // A user-defined type is stored as its SQL type; that is what the data holds.
      if (json.sqlType !== undefined) return typeOf(json.sqlType, path);
      throw invalid(
        "UNSUPPORTED_DATATYPE",
        'A user-defined type without "sqlType" cannot be read',
        path,
      );
    default:
      throw invalid(
        "INVALID_JSON_DATA_TYPE",
        `Unknown type ${JSON.stringify(json.type)} in schema JSON`,
        path,
      );
  }
}

/**
 * A data type from Spark's JSON form (`"integer"`, `{"type":"array",...}`...).
 *
 * @example
 * ```ts
 * dataTypeFromJSON("decimal(10,2)").simpleString(); // "decimal(10,2)"
 * ```
 */
export function dataTypeFromJSON(json: unknown): DataType {
  return typeOf(json, "").type;
}

/**
 * A schema from Spark's JSON (text or parsed object). A top-level `char(n)`/`varchar(n)`
 * field becomes a string field that keeps the declared type in metadata
 * `__CHAR_VARCHAR_TYPE_STRING`, as Spark does when it reads such a schema.
 *
 * @example
 * ```ts
 * schemaFromJSON('{"type":"struct","fields":[{"name":"id","type":"long","nullable":false,"metadata":{}}]}');
 * ```
 */
export function schemaFromJSON(json: string | object): StructType {
  let value: unknown = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new AnalysisError(
        "INVALID_SCHEMA",
        `The schema is not valid JSON: ${(e as Error).message}`,
        {
          hint: "Pass the text of df.schema.json() or Delta's schemaString.",
          cause: e,
        },
      );
    }
  }
  if (!isObject(value) || value.type !== "struct") {
    throw invalid(
      "INVALID_SCHEMA",
      'A schema must be a {"type":"struct","fields":[...]} object',
      "",
    );
  }
  const { fields } = structOf(value, "");
  return new StructType(
    fields.map(({ field, parsed }) =>
      parsed.charVarchar
        ? new StructField(field.name, field.dataType, field.nullable, {
            ...field.metadata,
            [CHAR_VARCHAR_METADATA_KEY]: parsed.raw,
          })
        : field,
    ),
  );
}
