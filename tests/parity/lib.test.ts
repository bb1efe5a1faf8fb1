/** The suite's own machinery: comparison rules and the differences table. */
import { describe, expect, it } from "vitest";
import { compare } from "./lib/compare.js";
import { matches, parseDifferences } from "./lib/differences.js";
import type { OracleResult } from "./lib/oracle.js";

const rows = (r: unknown[][], ordered = true, types = ["double"]): OracleResult => ({
  schema: types.map((t, i) => [`c${i}`, t] as const),
  rows: r as never,
  ordered,
});

describe("parity comparison", () => {
  it("compares doubles exactly unless the case allows ulps", () => {
    const a = rows([[0.1 + 0.2]]);
    const b = rows([[0.30000000000000004]]);
    expect(compare(rows([[1]]), rows([[1]]), { compareNames: false }).kind).toBe("agree");
    expect(compare(rows([[0.3]]), a, { compareNames: false }).kind).toBe("differ");
    expect(compare(rows([[0.3]]), a, { ulps: 1, compareNames: false }).kind).toBe("agree");
    expect(compare(a, b, { compareNames: false }).kind).toBe("agree");
  });

  it("keeps NaN, -0.0 and infinities distinct", () => {
    for (const [x, y] of [
      ["-0.0", 0],
      ["NaN", "Infinity"],
    ])
      expect(compare(rows([[x]]), rows([[y]]), { ulps: 4, compareNames: false }).kind).toBe(
        "differ",
      );
  });

  it("compares unordered results as multisets and counts lost rows", () => {
    const want = rows([[1], [2], [2]], false);
    expect(compare(want, rows([[2], [1], [2]], false), { compareNames: false }).kind).toBe("agree");
    expect(compare(want, rows([[2], [1], [1]], false), { compareNames: false }).kind).toBe(
      "differ",
    );
    const lost = compare(want, rows([[1], [2]], false), { compareNames: false });
    expect(lost.kind === "differ" && lost.rowCountDiffers).toBe(true);
  });

  it("reports a type mismatch, and agrees when both sides fail", () => {
    const v = compare(rows([[1]]), rows([[1]], true, ["float"]), { compareNames: false });
    expect(v.kind === "differ" && v.reason).toContain("schema");
    const err = { error: { class: "X", message: "" } };
    expect(compare(err, { error: { class: "Y", message: "" } }, { compareNames: false }).kind).toBe(
      "agree",
    );
  });
});

describe("differences table", () => {
  it("parses entries and matches ids by prefix", () => {
    const table = parseDifferences(
      "# x\n## Differences from Spark\n\n| case | engine | reason |\n| --- | --- | --- |\n| `math.sin` | duckdb | libm |\n| `csv.*` | both | y |\n## next\n| `no` | duckdb | z |\n",
    );
    expect(table.map((d) => [d.pattern, d.engines])).toEqual([
      ["math.sin", ["duckdb"]],
      ["csv.*", ["duckdb", "spark"]],
    ]);
    expect(matches("math.sin", "math.sin.d@ansi")).toBe(true);
    expect(matches("math.sin", "math.sin@legacy")).toBe(true);
    expect(matches("math.sin", "math.sinh.d")).toBe(false);
    expect(matches("csv.*", "csv.quotes3")).toBe(true);
  });
});
