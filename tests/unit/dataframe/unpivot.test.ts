/** unpivot / melt on the embedded engine; expected rows and types are PySpark 4.0.1's. */
import { describe, expect, it } from "vitest";
import { AnalysisError, functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

const sample = () =>
  spark().createDataFrame(
    [
      ["a", 1, 2.5, 10n],
      ["b", 2, null, 20n],
      ["a", 3, 4.0, null],
      [null, 4, 1.0, 40n],
      ["c", 5, 7.25, 50n],
    ],
    "name string, x int, y double, z long",
  );

describe("unpivot", () => {
  it("gives each row's values in order, nulls kept, under the values' common type", async () => {
    const df = sample().unpivot("name", ["x", "z"], "var", "val");
    expect((await df.schema).simpleString()).toBe("struct<name:string,var:string,val:bigint>");
    expect((await df.collect()).map((r) => [r.name, r.var, r.val])).toEqual([
      ["a", "x", 1n],
      ["a", "z", 10n],
      ["b", "x", 2n],
      ["b", "z", 20n],
      ["a", "x", 3n],
      ["a", "z", null],
      [null, "x", 4n],
      [null, "z", 40n],
      ["c", "x", 5n],
      ["c", "z", 50n],
    ]);
  });

  it("melt without values takes every column that is not an id", async () => {
    const df = sample().melt(["name"], undefined, "var", "val");
    expect((await df.schema).simpleString()).toBe("struct<name:string,var:string,val:double>");
    expect((await df.limit(4).collect()).map((r) => [r.name, r.var, r.val])).toEqual([
      ["a", "x", 1.0],
      ["a", "y", 2.5],
      ["a", "z", 10.0],
      ["b", "x", 2.0],
    ]);
  });

  it("takes Columns for ids and values", async () => {
    const df = sample().unpivot([F.col("name")], [F.col("x"), F.col("y")], "k", "v");
    expect((await df.schema).simpleString()).toBe("struct<name:string,k:string,v:double>");
    expect(await df.count()).toBe(10);
  });

  it("refuses values with no common type", async () => {
    const df = sample().unpivot("x", ["name", "y"], "var", "val");
    await expect(df.collect()).rejects.toBeInstanceOf(AnalysisError);
    await expect(df.collect()).rejects.toThrow(/UNPIVOT_VALUE_DATA_TYPE_MISMATCH/);
  });
});
