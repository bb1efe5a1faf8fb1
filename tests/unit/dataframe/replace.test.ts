/** df.replace / df.na.replace on the embedded engine; expected rows are PySpark 4.0.1's. */
import { describe, expect, it } from "vitest";
import { IllegalArgumentError } from "../../../src/index.js";
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

async function rows(df: ReturnType<typeof sample>): Promise<unknown[][]> {
  return (await df.collect()).map((r) => Object.values(r));
}

describe("replace", () => {
  it("replaces a string in string columns only", async () => {
    expect((await rows(sample().replace("a", "A"))).map((r) => r[0])).toEqual([
      "A",
      "b",
      "A",
      null,
      "c",
    ]);
  });

  it("replaces a number in every numeric column, cast to the column's type", async () => {
    const df = sample().replace(1, 100);
    expect((await df.schema).simpleString()).toBe("struct<name:string,x:int,y:double,z:bigint>");
    expect(await rows(df)).toEqual([
      ["a", 100, 2.5, 10n],
      ["b", 2, null, 20n],
      ["a", 3, 4.0, null],
      [null, 4, 100.0, 40n],
      ["c", 5, 7.25, 50n],
    ]);
  });

  it("takes a mapping (null writes null), lists with a subset, and na.replace", async () => {
    expect((await rows(sample().replace({ a: "A", b: null }))).map((r) => r[0])).toEqual([
      "A",
      null,
      "A",
      null,
      "c",
    ]);
    expect((await rows(sample().replace([1, 2], [10, 20], "x"))).map((r) => r[1])).toEqual([
      10, 20, 3, 4, 5,
    ]);
    expect((await rows(sample().na.replace(2.5, 9.0))).map((r) => r[2])).toEqual([
      9.0,
      null,
      4.0,
      1.0,
      7.25,
    ]);
  });

  it("refuses mixed kinds and a missing value", () => {
    expect(() => sample().replace(["a", 1], ["b", 2])).toThrow(/MIXED_TYPE_REPLACEMENT/);
    expect(() => sample().replace("a")).toThrow(IllegalArgumentError);
  });
});
