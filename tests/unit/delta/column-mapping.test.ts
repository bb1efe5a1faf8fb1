/** Column mapping's schema functions: physical names (nested too), id assignment, modes. */
import { describe, expect, it } from "vitest";
import {
  assignColumnMapping,
  columnMappingMode,
  maxColumnId,
  physicalSchema,
  withoutMappingMetadata,
} from "../../../src/delta/schema/column-mapping.js";
import { DeltaError } from "../../../src/errors.js";
import { schemaFromJSON as parseSchemaJson } from "../../../src/types/schema-json.js";

// The shape delta-spark 4.0 writes for `CREATE TABLE t (a INT, s STRUCT<x: STRING>) ...
// TBLPROPERTIES ('delta.columnMapping.mode' = 'name')`.
const mapped = parseSchemaJson(
  JSON.stringify({
    type: "struct",
    fields: [
      {
        name: "a",
        type: "integer",
        nullable: true,
        metadata: { "delta.columnMapping.id": 1, "delta.columnMapping.physicalName": "col-a1" },
      },
      {
        name: "s",
        type: {
          type: "struct",
          fields: [
            {
              name: "x",
              type: "string",
              nullable: true,
              metadata: {
                "delta.columnMapping.id": 3,
                "delta.columnMapping.physicalName": "col-x3",
              },
            },
          ],
        },
        nullable: true,
        metadata: { "delta.columnMapping.id": 2, "delta.columnMapping.physicalName": "col-s2" },
      },
    ],
  }),
);

describe("column mapping", () => {
  it("reads the mode from the table configuration", () => {
    expect(columnMappingMode({})).toBe("none");
    expect(columnMappingMode({ "delta.columnMapping.mode": "NAME" })).toBe("name");
    expect(() => columnMappingMode({ "delta.columnMapping.mode": "names" })).toThrow(DeltaError);
  });

  it("renames every field, nested ones too, to its physical name", () => {
    const physical = physicalSchema(mapped, "name");
    expect(physical.simpleString()).toBe("struct<col-a1:int,col-s2:struct<col-x3:string>>");
    expect(physicalSchema(mapped, "none")).toBe(mapped);
    expect(maxColumnId(mapped)).toBe(3);
  });

  it("assigns ids above the largest and col-<uuid> names to new fields only", () => {
    const added = mapped.add("b", parseSchemaJson('{"type":"struct","fields":[]}'));
    let n = 0;
    const { schema, maxColumnId: max } = assignColumnMapping(added, 3, () => `u${++n}`);
    expect(max).toBe(4);
    expect(schema.field("b")?.metadata).toEqual({
      "delta.columnMapping.id": 4,
      "delta.columnMapping.physicalName": "col-u1",
    });
    expect(schema.field("a")?.metadata["delta.columnMapping.physicalName"]).toBe("col-a1");
  });

  it("hides the mapping metadata from the user's schema", () => {
    const plain = withoutMappingMetadata(mapped);
    expect(plain.field("a")?.metadata).toEqual({});
    expect(plain.simpleString()).toBe("struct<a:int,s:struct<x:string>>");
  });
});
