/**
 * The ALTER TABLE statements the Spark engine sends to delta-spark for DeltaTable's schema
 * and property changes (statement forms checked with delta-spark 4.0.1); every name and
 * value goes through Spark's quoting.
 */
import { describe, expect, it } from "vitest";
import { alterSql } from "../../../src/engine/spark-connect/delta-table.js";
import { parseDDLSchema } from "../../../src/types/ddl.js";

describe("ALTER TABLE statements for delta-spark", () => {
  it("quotes paths, names, types, comments and property values", () => {
    const [c, s] = parseDDLSchema("c INT COMMENT 'it\\'s', `x.y` STRUCT<a: INT>").fields;
    if (c === undefined || s === undefined) throw new Error("two fields expected");
    expect(
      alterSql({
        kind: "addColumns",
        columns: [
          { path: "c", field: c },
          { path: "s.`x.y`", field: s },
        ],
      }),
    ).toBe("ADD COLUMNS (`c` INT COMMENT 'it\\'s', `s`.`x.y` STRUCT<a: INT>)");
    expect(alterSql({ kind: "renameColumn", from: "s.a", to: "al pha" })).toBe(
      "RENAME COLUMN `s`.`a` TO `al pha`",
    );
    expect(alterSql({ kind: "dropColumns", columns: ["a", "s.b"] })).toBe(
      "DROP COLUMNS (`a`, `s`.`b`)",
    );
    expect(alterSql({ kind: "alterColumn", column: "v", comment: "x" })).toBe(
      "ALTER COLUMN `v` COMMENT 'x'",
    );
    expect(alterSql({ kind: "alterColumn", column: "v", nullable: true })).toBe(
      "ALTER COLUMN `v` DROP NOT NULL",
    );
    expect(
      alterSql({ kind: "setProperties", properties: { "delta.columnMapping.mode": "name" } }),
    ).toBe("SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name')");
    expect(alterSql({ kind: "unsetProperties", keys: ["a", "b"], ifExists: true })).toBe(
      "UNSET TBLPROPERTIES IF EXISTS ('a', 'b')",
    );
  });
});
