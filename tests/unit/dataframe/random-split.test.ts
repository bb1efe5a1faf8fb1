/** randomSplit: PySpark 4.0.1 (local[1]) gives these exact rows for these seeds. */
import { describe, expect, it } from "vitest";
import { IllegalArgumentError } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

describe("randomSplit", () => {
  it("gives Spark's rows for a seed", async () => {
    const counts = await Promise.all(
      (await spark().range(100).randomSplit([0.5, 0.5], 42)).map((d) => d.count()),
    );
    expect(counts).toEqual([46, 54]);
    const splits = await spark().range(10).randomSplit([1.0, 2.0], 7);
    const ids = await Promise.all(splits.map(async (d) => (await d.collect()).map((r) => r.id)));
    expect(ids).toEqual([
      [0n, 6n, 8n],
      [1n, 2n, 3n, 4n, 5n, 7n, 9n],
    ]);
  });

  it("splits every row into exactly one part", async () => {
    const parts = await spark().range(50).randomSplit([1, 1, 2]);
    const all = (await Promise.all(parts.map((p) => p.collect()))).flat().map((r) => r.id);
    expect([...all].sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 50 }, (_, i) => BigInt(i)),
    );
  });

  it("refuses negative weights and a zero sum", async () => {
    await expect(spark().range(3).randomSplit([1, -1])).rejects.toBeInstanceOf(
      IllegalArgumentError,
    );
    await expect(spark().range(3).randomSplit([1, -1])).rejects.toThrow(
      "[VALUE_NOT_POSITIVE] Value for `weights` must be positive, got '-1.0'.",
    );
    await expect(spark().range(3).randomSplit([0, 0])).rejects.toThrow(
      "requirement failed: Sum of weights must be positive, but got [0.0,0.0]",
    );
  });
});
