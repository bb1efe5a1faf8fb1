/**
 * Argument types in the function catalog: every entry has one per position, and the types
 * are the ones Spark 4.0.1 names in `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE` (each checked
 * with PySpark by passing an array where the position expects something else).
 */
import { describe, expect, it } from "vitest";
import {
  argTypeAt,
  functionCatalog,
  functionSpec,
  type SparkFunctionName,
} from "../../../src/plan/functions/index.js";

const entries = Object.entries(functionCatalog) as [
  SparkFunctionName,
  (typeof functionCatalog)[SparkFunctionName],
][];

describe("function catalog argument types", () => {
  it("gives every entry one type per position (the last repeating for varargs)", () => {
    for (const [name, spec] of entries) {
      if (spec.maxArgs === Number.POSITIVE_INFINITY) {
        expect(spec.args.length, name).toBeGreaterThanOrEqual(1);
        expect(spec.args.length, name).toBeLessThanOrEqual(spec.minArgs + 1);
      } else {
        expect(spec.args.length, name).toBe(spec.maxArgs);
      }
    }
  });

  it("gives every higher-order function a lambda position", () => {
    for (const [name, spec] of entries) {
      if (spec.kind === "lambda") expect(spec.args, name).toContain("lambda");
    }
  });

  it("records the types Spark names", () => {
    // Each pair is what PySpark 4.0.1's error message names for that position.
    const cases: [string, number, string][] = [
      ["sqrt", 0, "double"],
      ["upper", 0, "string"],
      ["substring", 0, "string_or_binary"],
      ["substring", 1, "int"],
      ["year", 0, "date"],
      ["unix_seconds", 0, "timestamp"],
      ["bool_and", 0, "boolean"],
      ["bit_and", 0, "integral"],
      ["base64", 0, "binary"],
      ["map_keys", 0, "map"],
      ["array_distinct", 0, "array"],
      ["bin", 0, "bigint"],
      ["floor", 0, "decimal"],
      ["regr_count", 1, "numeric"],
      ["transform", 1, "lambda"],
      ["concat_ws", 5, "any"],
      ["format_string", 0, "string"],
    ];
    for (const [name, index, type] of cases) {
      const spec = functionSpec(name);
      expect(spec, name).toBeDefined();
      if (spec !== undefined) expect(argTypeAt(spec, index), `${name} #${index}`).toBe(type);
    }
  });
});
