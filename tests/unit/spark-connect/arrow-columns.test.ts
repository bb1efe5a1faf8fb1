import { describe, expect, it } from "vitest";
import { rowMaker } from "../../../src/engine/spark-connect/arrow-columns.js";

describe("rowMaker", () => {
  it("builds plain rows whose keys are the column names, whatever they contain", () => {
    const names = ['a"b', "c\\d", "x}; globalThis.pwned = 1; ({", "\u2028", "1"];
    const make = rowMaker(names);
    const row = make([[1], [2], [3], [4], [5]], 0);
    expect(Object.keys(row)).toEqual([
      "1",
      'a"b',
      "c\\d",
      "x}; globalThis.pwned = 1; ({",
      "\u2028",
    ]);
    expect(row["x}; globalThis.pwned = 1; ({"]).toBe(3);
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it("keeps __proto__ and repeated names as own properties (Spark allows both)", () => {
    const make = rowMaker(["__proto__", "a", "a"]);
    const row = make([[{ polluted: true }], [1], [2]], 0);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(row, "__proto__")?.value).toEqual({ polluted: true });
    // As PySpark's Row: the name gives the first value, each position its own.
    expect(row.a).toBe(1);
    expect([row[1], row[2]]).toEqual([1, 2]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
