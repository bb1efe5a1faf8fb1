/**
 * Local rows sent to Spark Connect keep the sign of -0.0 (the parity suite's core.col.d case
 * compares the value with PySpark on a live server).
 */
import { describe, expect, it } from "vitest";
import { sparkLiteral } from "../../../src/engine/spark-connect/compiler/local-relation.js";
import { DoubleType, FloatType } from "../../../src/types/data-types.js";

describe("Spark Connect local-relation literals", () => {
  it("keeps -0.0", () => {
    expect(sparkLiteral(-0, DoubleType)).toBe("CAST('-0.0' AS DOUBLE)");
    expect(sparkLiteral(-0, FloatType)).toBe("CAST('-0.0' AS FLOAT)");
    expect(sparkLiteral(1.5, DoubleType)).toBe("CAST('1.5' AS DOUBLE)");
  });
});
