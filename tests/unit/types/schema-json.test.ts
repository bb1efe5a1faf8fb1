import { describe, expect, it } from "vitest";
import {
  ArrayType,
  DecimalType,
  IntegerType,
  MapType,
  NullType,
  StringType,
  StructType,
  TimestampNTZType,
  TimestampType,
} from "../../../src/types/data-types.js";
import { dataTypeFromJSON, schemaFromJSON } from "../../../src/types/schema-json.js";
import { analysisError } from "../sql-expr/render.js";

// What Spark's df.schema.json() prints for a nested schema (field order as Spark writes it).
const SPARK_JSON =
  '{"type":"struct","fields":[' +
  '{"name":"id","type":"long","nullable":false,"metadata":{}},' +
  '{"name":"tags","type":{"type":"array","elementType":"string","containsNull":true},"nullable":true,"metadata":{}},' +
  '{"name":"props","type":{"type":"map","keyType":"string","valueType":{"type":"array","elementType":"decimal(10,2)","containsNull":false},"valueContainsNull":true},"nullable":true,"metadata":{}},' +
  '{"name":"s","type":{"type":"struct","fields":[{"name":"ts","type":"timestamp_ntz","nullable":true,"metadata":{"comment":"local time"}}]},"nullable":true,"metadata":{}}' +
  "]}";

// A Delta schemaString with column mapping and a char column, as delta-spark writes it.
const DELTA_JSON =
  '{"type":"struct","fields":[' +
  '{"name":"id","type":"integer","nullable":true,"metadata":{"delta.columnMapping.id":1,"delta.columnMapping.physicalName":"col-5f422f40"}},' +
  '{"name":"code","type":"string","nullable":true,"metadata":{"__CHAR_VARCHAR_TYPE_STRING":"char(3)","delta.columnMapping.id":2,"delta.columnMapping.physicalName":"col-a1"}},' +
  '{"name":"big","type":"decimal(38,18)","nullable":true,"metadata":{"delta.invariants":"{\\"expression\\":{\\"expression\\":\\"big > 0\\"}}"}}' +
  "]}";

describe("schemaFromJSON", () => {
  it.each([
    ["Spark's nested schema", SPARK_JSON],
    ["a Delta schemaString with column mapping", DELTA_JSON],
  ])("round-trips %s exactly", (_label, json) => {
    expect(schemaFromJSON(json).json()).toBe(json);
  });

  it("accepts a parsed object as well as text", () => {
    expect(schemaFromJSON(JSON.parse(SPARK_JSON)).json()).toBe(SPARK_JSON);
  });

  it("builds the right types", () => {
    const s = schemaFromJSON(SPARK_JSON);
    expect(s.fields[2]?.dataType).toEqual(
      new MapType(StringType, new ArrayType(new DecimalType(10, 2), false)),
    );
    expect(s.fields[3]?.dataType).toEqual(
      new StructType().add("ts", TimestampNTZType, true, { comment: "local time" }),
    );
  });

  it("tolerates unknown extra keys and missing nullable/metadata", () => {
    const s = schemaFromJSON({
      type: "struct",
      writer: "x",
      fields: [
        { name: "a", type: "integer", extra: 1 },
        {
          name: "b",
          type: { type: "array", elementType: "string", containsNull: false, foo: "bar" },
          nullable: false,
        },
      ],
    });
    expect(s.json()).toBe(
      '{"type":"struct","fields":[{"name":"a","type":"integer","nullable":true,"metadata":{}},' +
        '{"name":"b","type":{"type":"array","elementType":"string","containsNull":false},"nullable":false,"metadata":{}}]}',
    );
  });

  it("maps char/varchar to string and keeps the declaration in metadata, as Spark does", () => {
    const s = schemaFromJSON({
      type: "struct",
      fields: [
        { name: "c", type: "char(10)", nullable: true, metadata: { comment: "x" } },
        {
          name: "v",
          type: { type: "array", elementType: "varchar(5)", containsNull: true },
          nullable: true,
          metadata: {},
        },
      ],
    });
    expect(s.fields[0]?.dataType).toBe(StringType);
    expect(s.fields[0]?.metadata).toEqual({ comment: "x", __CHAR_VARCHAR_TYPE_STRING: "char(10)" });
    expect(s.fields[1]?.metadata).toEqual({ __CHAR_VARCHAR_TYPE_STRING: "array<varchar(5)>" });
  });

  it.each([
    ["decimal", new DecimalType(10, 0)],
    ["decimal( 5 , 1 )", new DecimalType(5, 1)],
    ["timestamp_ltz", TimestampType],
    ["void", NullType],
    ["null", NullType],
    ["string collate UTF8_BINARY", StringType],
    [{ type: "udt", class: "x.Point", pyClass: "p", sqlType: "integer" }, IntegerType],
  ])("reads type %j", (json, type) => {
    expect(dataTypeFromJSON(json)).toEqual(type);
  });

  it("rejects an unknown type, naming the field path", () => {
    const e = analysisError(() =>
      schemaFromJSON({
        type: "struct",
        fields: [{ name: "s", type: { type: "struct", fields: [{ name: "x", type: "int" }] } }],
      }),
    );
    expect(e.code).toBe("INVALID_JSON_DATA_TYPE");
    expect(e.message).toBe('Unknown data type "int" in schema JSON (at `s`.`x`).');
  });

  it.each([
    ["interval day to second", "UNSUPPORTED_DATATYPE"],
    ["variant", "UNSUPPORTED_DATATYPE"],
    ["string collate UTF8_LCASE", "UNSUPPORTED_DATATYPE"],
    ["decimal(40,2)", "INVALID_JSON_DATA_TYPE"],
    ["geometry(4326)", "UNSUPPORTED_DATATYPE"],
  ])("rejects type %j with %s", (name, code) => {
    expect(
      analysisError(() => schemaFromJSON({ type: "struct", fields: [{ name: "a", type: name }] }))
        .code,
    ).toBe(code);
  });

  it.each([
    ["not JSON", "{"],
    ["not a struct", '"integer"'],
    ["fields missing", '{"type":"struct"}'],
    ["field without name", '{"type":"struct","fields":[{"type":"integer"}]}'],
    ["field without type", '{"type":"struct","fields":[{"name":"a"}]}'],
    [
      "nullable not boolean",
      '{"type":"struct","fields":[{"name":"a","type":"integer","nullable":"yes"}]}',
    ],
    [
      "metadata not object",
      '{"type":"struct","fields":[{"name":"a","type":"integer","metadata":[]}]}',
    ],
    [
      "array without elementType",
      '{"type":"struct","fields":[{"name":"a","type":{"type":"array"}}]}',
    ],
  ])("rejects %s as INVALID_SCHEMA", (_label, json) => {
    expect(analysisError(() => schemaFromJSON(json)).code).toBe("INVALID_SCHEMA");
  });
});
