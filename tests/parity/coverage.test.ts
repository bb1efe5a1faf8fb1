/** Every function docs/functions.md lists is exercised by at least one parity case. */
import { describe, expect, it } from "vitest";
import { loadCases } from "./lib/format.js";
import { listedFunctions, uncovered } from "./lib/function-list.js";

describe("parity coverage of docs/functions.md", () => {
  it("reads the list", () => {
    const names = listedFunctions();
    expect(names).toContain("regexp_extract");
    expect(names).toContain("percentile_approx");
    expect(names.length).toBeGreaterThan(200);
  });

  it("has a case for every listed function", () => {
    expect(uncovered(listedFunctions(), loadCases())).toEqual([]);
  });
});
