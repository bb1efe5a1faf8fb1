/** array_sort with a comparator, as PySpark 4.0.1 answers (ANSI on and off alike). */
import { describe, expect, it } from "vitest";
import { functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

function frame() {
  return spark().createDataFrame(
    [
      [
        ["b", "c", "a"],
        [3, 1, 2, 1],
      ],
      [
        ["a", null],
        [null, 5, 2],
      ],
      [[], []],
      [null, null],
    ],
    "s ARRAY<STRING>, n ARRAY<INT>",
  );
}

async function column(expr: string): Promise<unknown[]> {
  return (await frame().select(F.expr(expr).alias("c")).collect()).map((r) => r.c);
}

describe("array_sort(arr, comparator)", () => {
  it("sorts by the comparator, stably, keeping a null array null", async () => {
    expect(
      await column("array_sort(s, (l, r) -> CASE WHEN l < r THEN 1 WHEN l > r THEN -1 ELSE 0 END)"),
    ).toEqual([["c", "b", "a"], ["a", null], [], null]);
    expect(
      await column(
        "array_sort(n, (l, r) -> CASE WHEN l IS NULL THEN -1 WHEN r IS NULL THEN 1 ELSE r - l END)",
      ),
    ).toEqual([[3, 2, 1, 1], [null, 5, 2], [], null]);
    expect(await column("array_sort(n, (x, y) -> 0)")).toEqual([
      [3, 1, 2, 1],
      [null, 5, 2],
      [],
      null,
    ]);
  });

  it("fails when the comparator returns null", async () => {
    const failure = await column("array_sort(n, (l, r) -> l - r)").catch((e: unknown) => e);
    expect((failure as { errorClass?: string }).errorClass).toBe("COMPARATOR_RETURNS_NULL");
  });
});
