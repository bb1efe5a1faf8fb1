/** The one Spark rename table, keyed by catalog names; facts checked with PySpark 4.0.1. */
import { describe, expect, it } from "vitest";
import { compileExpression } from "../../../src/engine/spark-connect/compiler/expressions.js";
import {
  SPARK_RENAMES,
  sparkFunctionName,
} from "../../../src/engine/spark-connect/compiler/function-names.js";
import { exprSql } from "../../../src/engine/spark-connect/compiler/sql-text.js";
import { functions as F } from "../../../src/index.js";
import { functionSpec } from "../../../src/plan/functions/index.js";

describe("Spark names", () => {
  it("renames only what Spark's registry spells differently", () => {
    // PySpark 4.0.1: create_map(1,2) and bitwise_not(5) are UNRESOLVED_ROUTINE; map, ~ and
    // date_part resolve.
    expect(SPARK_RENAMES).toEqual({ create_map: "map", bitwise_not: "~", extract: "date_part" });
    expect(sparkFunctionName("CREATE_MAP")).toBe("map");
    expect(sparkFunctionName("upper")).toBe("upper");
    expect(sparkFunctionName("unknown_fn")).toBe("unknown_fn");
  });

  it("sends countDistinct as count(DISTINCT ...), the one way both compilers spell it", () => {
    const proto = compileExpression(F.countDistinct("a").expr);
    expect(proto.exprType).toMatchObject({
      case: "unresolvedFunction",
      value: { functionName: "count", isDistinct: true },
    });
    expect(exprSql(F.countDistinct("a").expr)).toBe("count(DISTINCT `a`)");
    expect(exprSql(F.create_map(F.lit("k"), F.col("v")).expr)).toBe("map('k', `v`)");
    // Spark SQL has no countDistinct function (UNRESOLVED_ROUTINE), so neither does the catalog.
    expect(functionSpec("countDistinct")).toBeUndefined();
  });
});
