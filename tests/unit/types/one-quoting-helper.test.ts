/** Back-quoting a Spark identifier is written once (types/sql-string.ts quoteIdentifier). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { splitAttribute } from "../../../src/plan/expression/name.js";
import { quoteIdentifier } from "../../../src/types/sql-string.js";

const SRC = new URL("../../../src/", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [join(dir, e.name)]
        : [],
  );
}

describe("Spark identifier quoting", () => {
  it("round-trips through Spark's attribute parser", () => {
    for (const name of ["a.b", "a`b", "weird col", "``"]) {
      expect(splitAttribute(quoteIdentifier(name))).toEqual([name]);
    }
  });

  it("has no copy outside types/sql-string.ts", () => {
    const doubling = /replace(All)?\(\s*(\/`\/g|"`")\s*,\s*"``"\s*\)/;
    const copies = sourceFiles(SRC)
      .filter((f) => !f.endsWith("types/sql-string.ts"))
      .filter((f) => doubling.test(readFileSync(f, "utf8")));
    expect(copies).toEqual([]);
  });
});
