/**
 * Error codes live in one registry (src/error-codes.ts). The compiler holds every
 * construction site to it (`TributaryError.code` is `ErrorCode`); these checks keep the
 * registry itself honest and call sites comparing against its members.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeltaError, ErrorCode, IllegalArgumentError } from "../../src/index.js";

const SRC = new URL("../../src/", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === "proto"
        ? []
        : sourceFiles(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [join(dir, e.name)]
        : [],
  );
}

describe("ErrorCode", () => {
  it("maps each member to itself, in upper snake case (Spark's `CLASS.SUBCLASS` too)", () => {
    const snake = "[A-Z][A-Z0-9]*(_[A-Z0-9]+)*";
    // Spark's unnamed classes keep its `_LEGACY_ERROR_TEMP_nnnn` spelling.
    const legacy = "_LEGACY_ERROR_TEMP_[0-9]{4}";
    for (const [key, value] of Object.entries(ErrorCode)) {
      expect(value).toBe(key);
      expect(value).toMatch(new RegExp(`^(${snake}(\\.${snake})?|${legacy})$`));
    }
  });

  it("is the code errors carry", () => {
    expect(new IllegalArgumentError("bad").code).toBe(ErrorCode.ILLEGAL_ARGUMENT);
    const e = new DeltaError(ErrorCode.DELTA_PATH_EXISTS, "exists");
    expect(e.toJSON()).toMatchObject({ code: "DELTA_PATH_EXISTS" });
  });

  it("is compared by member, never by a string literal, in src/", () => {
    // Node's own error codes (`ERR_MODULE_NOT_FOUND`) are not ours and stay literals.
    const literal = /\.code\s*[!=]==\s*"(?!ERR_)[A-Z_]+"/;
    const offenders = sourceFiles(SRC).filter((f) => literal.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
