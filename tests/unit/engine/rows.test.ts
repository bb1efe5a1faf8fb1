/**
 * Result rows keep every column (src/engine/rows.ts): duplicate names as PySpark's Row (the
 * name gives the first value, positions give each), `__proto__` as an ordinary column.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainRowNames, rowOfNames } from "../../../src/engine/rows.js";
import { SparkSession } from "../../../src/index.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder().create();
});
afterAll(async () => spark.stop());

describe("result rows", () => {
  it("uses plain literals only for distinct, ordinary names", () => {
    expect(plainRowNames(["a", "b"])).toBe(true);
    expect(plainRowNames(["a", "a"])).toBe(false);
    expect(plainRowNames(["__proto__"])).toBe(false);
  });

  it("gives a duplicated name its first value and every value its position", () => {
    const values = [1, "x", 2, "y"];
    const row = rowOfNames(["id", "v", "id", "v"], (k) => values[k]);
    expect(row).toEqual({ id: 1, v: "x" });
    expect([row[0], row[1], row[2], row[3]]).toEqual(values);
    expect(JSON.stringify(row)).toBe('{"id":1,"v":"x"}');
    // A column named like a position keeps its own value.
    const named = rowOfNames(["1", "a", "a"], (k) => [10, 20, 30][k]);
    expect([named["1"], named[0], named[2]]).toEqual([10, 10, 30]);
  });

  it("keeps both columns of a self-join and a __proto__ column on the embedded engine", async () => {
    const a = spark.createDataFrame([{ id: 1, v: "x" }], "id INT, v STRING");
    const b = spark.createDataFrame([{ id: 1, v: "y" }], "id INT, v STRING");
    const joined = a.join(b, "id").select(a.col("v"), b.col("v"), "id");
    const rows = [];
    for await (const row of joined) rows.push(row);
    expect(rows.map((r) => [r.v, r[0], r[1], r[2]])).toEqual([["x", "x", "y", 1]]);
    const [odd] = await spark.sql("SELECT 1 AS `__proto__`, 2 AS y").collect();
    expect(Object.keys(odd ?? {})).toEqual(["__proto__", "y"]);
    expect(Object.getPrototypeOf(odd)).toBe(Object.prototype);
  });
});
