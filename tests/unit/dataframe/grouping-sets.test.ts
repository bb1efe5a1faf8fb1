import { describe, expect, it } from "vitest";
import { functions as F, IllegalArgumentError } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

const rows = () =>
  spark().createDataFrame(
    [
      { a: "x", b: "p", n: 1 },
      { a: "x", b: "q", n: 2 },
      { a: "y", b: "p", n: 3 },
      { a: null, b: "p", n: 4 },
    ],
    "a STRING, b STRING, n INT",
  );

describe("DataFrame.groupingSets", () => {
  it("aggregates every set in one pass, as PySpark 4.0.1's groupingSets", async () => {
    const out = await rows()
      .groupingSets([["a"], ["b"], []], "a", "b")
      .agg(F.count("*").alias("rows"), F.sum("n").alias("total"), F.expr("grouping_id(a, b) AS g"))
      .orderBy("g", "a", "b")
      .collect();
    // PySpark: [(None, None, 1, 4, 1), ('x', None, 2, 3, 1), ('y', None, 1, 3, 1),
    //           (None, 'p', 3, 8, 2), (None, 'q', 1, 2, 2), (None, None, 4, 10, 3)]
    expect(out.map((r) => [r.a, r.b, r.rows, r.total, r.g])).toEqual([
      [null, null, 1n, 4n, 1n],
      ["x", null, 2n, 3n, 1n],
      ["y", null, 1n, 3n, 1n],
      [null, "p", 3n, 8n, 2n],
      [null, "q", 1n, 2n, 2n],
      [null, null, 4n, 10n, 3n],
    ]);
  });

  it("refuses a set naming a column that is not a grouping column", () => {
    expect(() => rows().groupingSets([["a"]], "b")).toThrow(IllegalArgumentError);
  });
});
