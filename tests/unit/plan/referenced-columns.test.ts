/** referencedColumns: the columns an expression reads, through calls, casts, windows and lambdas. */
import { describe, expect, it } from "vitest";
import { referencedColumns } from "../../../src/plan/expression/columns.js";
import { parseExpression } from "../../../src/sql-expr/index.js";

describe("referencedColumns", () => {
  it("lists each column once, by its last name part, in order of appearance", () => {
    expect(referencedColumns(parseExpression("t.a > 0 AND CAST(b AS INT) + a < c"))).toEqual([
      "a",
      "b",
      "c",
    ]);
  });

  it("looks inside CASE, window and lambda expressions, but not at lambda variables", () => {
    expect(
      referencedColumns(
        parseExpression("CASE WHEN x > 1 THEN sum(y) OVER (PARTITION BY p ORDER BY o) END"),
      ),
    ).toEqual(["x", "y", "p", "o"]);
    expect(referencedColumns(parseExpression("exists(xs, v -> v > lim)"))).toEqual(["xs", "lim"]);
  });
});
