import { describe, expect, it } from "vitest";
import {
  ArrayType,
  DecimalType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  StringType,
  StructType,
  TimestampNTZType,
} from "../../../src/types/data-types.js";
import { parseDDLSchema } from "../../../src/types/ddl.js";
import { treeString } from "../../../src/types/tree-string.js";

describe("treeString", () => {
  it("prints Spark's printSchema() output", () => {
    const schema = new StructType()
      .add("id", IntegerType, false)
      .add("tags", new ArrayType(StringType))
      .add("props", new MapType(StringType, LongType))
      .add("s", new StructType().add("a", new DecimalType(10, 2)));
    expect(treeString(schema)).toBe(
      [
        "root",
        " |-- id: integer (nullable = false)",
        " |-- tags: array (nullable = true)",
        " |    |-- element: string (containsNull = true)",
        " |-- props: map (nullable = true)",
        " |    |-- key: string",
        " |    |-- value: long (valueContainsNull = true)",
        " |-- s: struct (nullable = true)",
        " |    |-- a: decimal(10,2) (nullable = true)",
        "",
      ].join("\n"),
    );
  });

  it("indents deeply nested types", () => {
    const schema = parseDDLSchema("x ARRAY<STRUCT<m: MAP<STRING, ARRAY<TIMESTAMP_NTZ>>>>");
    expect(treeString(schema)).toBe(
      [
        "root",
        " |-- x: array (nullable = true)",
        " |    |-- element: struct (containsNull = true)",
        " |    |    |-- m: map (nullable = true)",
        " |    |    |    |-- key: string",
        " |    |    |    |-- value: array (valueContainsNull = true)",
        " |    |    |    |    |-- element: timestamp_ntz (containsNull = true)",
        "",
      ].join("\n"),
    );
  });

  it("limits depth like printSchema(level)", () => {
    const schema = new StructType().add(
      "s",
      new StructType().add("t", new StructType().add("u", IntegerType)),
    );
    expect(treeString(schema, 1)).toBe("root\n |-- s: struct (nullable = true)\n");
    expect(treeString(schema, 2)).toBe(
      "root\n |-- s: struct (nullable = true)\n |    |-- t: struct (nullable = true)\n",
    );
  });

  it("escapes control characters in names and names void and empty schemas as Spark does", () => {
    const schema = new StructType().add("a\nb\tc", NullType).add("t", TimestampNTZType, false);
    expect(treeString(schema)).toBe(
      "root\n |-- a\\nb\\tc: void (nullable = true)\n |-- t: timestamp_ntz (nullable = false)\n",
    );
    expect(treeString(new StructType())).toBe("root\n");
  });
});
