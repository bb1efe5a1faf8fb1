/**
 * A kernel scan of chosen Delta files (what the embedded engine's DELETE / UPDATE / MERGE
 * read) is typed on the read node, so the Spark compiler can refuse it by name instead of
 * sending a full-table read with an option Spark would ignore.
 */
import { describe, expect, it } from "vitest";
import { compileRelation } from "../../../src/engine/spark-connect/compiler/relations.js";
import { UnsupportedOperationError } from "../../../src/errors.js";
import { ReadNode } from "../../../src/plan/relation/read.js";

describe("Spark compiler and Delta file scans", () => {
  it("refuses a read of chosen files, and compiles a plain Delta read with its options", () => {
    const scan = ReadNode.deltaFiles("/lake/t", 3, {
      files: ["a.parquet"],
      withFile: true,
      withRowIndex: false,
    });
    expect(scan.options).toEqual({ versionAsOf: "3" });
    expect(scan.deltaFiles?.files).toEqual(["a.parquet"]);
    expect(() => compileRelation(scan)).toThrow(UnsupportedOperationError);
    const plain = compileRelation(ReadNode.create("delta", ["/lake/t"], { versionAsOf: "3" }));
    expect(plain.relType?.case).toBe("read");
    const read = plain.relType?.case === "read" ? plain.relType.value.readType : undefined;
    expect(read?.case === "dataSource" ? read.value.options : undefined).toEqual({
      versionAsOf: "3",
    });
  });
});
