/**
 * The function catalog against its users: the `functions` API, Column methods, expression
 * text, docs/functions.md, the DuckDB table and the Spark rename table. Arities and Spark
 * names were checked with PySpark 4.0.1.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  functionNames,
  lookupFunction,
  unsupportedFunctionNames,
} from "../../../src/engine/duckdb/functions/registry.js";
import type { TributaryError } from "../../../src/errors.js";
import { type Column, functions as F, UnsupportedOperationError } from "../../../src/index.js";
import { functionCatalog, type SparkFunctionName } from "../../../src/plan/functions/index.js";
import { ArrayType, DecimalType, IntegerType, StringType } from "../../../src/types/data-types.js";
import { useSpark } from "../../helpers/session.js";

const entries = Object.entries(functionCatalog) as [
  SparkFunctionName,
  (typeof functionCatalog)[SparkFunctionName],
][];

/** The Column method that builds each operator-like name, with sample arguments. */
const COLUMN_METHODS: Record<string, (c: Column) => Column> = {
  "+": (c) => c.plus(1),
  "-": (c) => c.minus(1),
  "*": (c) => c.multiply(1),
  "/": (c) => c.divide(1),
  "%": (c) => c.mod(1),
  "==": (c) => c.eq(1),
  "!=": (c) => c.ne(1),
  "<=>": (c) => c.eqNullSafe(1),
  "<": (c) => c.lt(1),
  "<=": (c) => c.leq(1),
  ">": (c) => c.gt(1),
  ">=": (c) => c.geq(1),
  and: (c) => c.and(true),
  or: (c) => c.or(true),
  "&": (c) => c.bitwiseAND(1),
  "|": (c) => c.bitwiseOR(1),
  "^": (c) => c.bitwiseXOR(1),
  in: (c) => c.isin(1, 2),
  like: (c) => c.like("a%"),
  ilike: (c) => c.ilike("a%"),
  substr: (c) => c.substr(1, 2),
};

function callName(c: Column): string {
  return c.expr.kind === "call" ? c.expr.name : c.expr.kind;
}

describe("function catalog", () => {
  it("reaches every name from functions, a Column method, or expression text", () => {
    const exported = new Set(Object.keys(F));
    for (const [name, spec] of entries) {
      if (spec.reach === "functions") expect(exported.has(name), name).toBe(true);
      else if (spec.reach === "column") {
        const method = COLUMN_METHODS[name];
        expect(method, name).toBeDefined();
        if (method !== undefined) expect(callName(method(F.col("a")))).toBe(name);
      } else if (/^[a-z_0-9]+$/.test(name)) {
        const args = Array.from({ length: spec.minArgs }, () => "a").join(", ");
        expect(callName(F.expr(`${name}(${args})`))).toBe(name);
      } else {
        expect(name).toBe("~");
        expect(callName(F.expr("~a"))).toBe("~");
      }
    }
  });

  it("is listed entirely in docs/functions.md", () => {
    const doc = readFileSync(new URL("../../../docs/functions.md", import.meta.url), "utf8");
    expect(entries.map(([n]) => n).filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);
  });

  it("refuses at parse time the arities Spark refuses", () => {
    expect(() => F.expr("upper(a, b)")).toThrow(/upper\(\) takes 1 argument/);
    expect(() => F.expr("lpad(a)")).toThrow(/lpad\(\) takes 2 to 3 argument/);
    try {
      F.expr("typeof(a, b)");
      expect.unreachable();
    } catch (e) {
      expect((e as TributaryError).code).toBe("WRONG_NUM_ARGS");
    }
    // Spark takes these, so the parser does too.
    expect(callName(F.expr("lpad(a, 5)"))).toBe("lpad");
    expect(() => F.expr("rank(a) OVER (ORDER BY a)")).not.toThrow();
    expect(callName(F.expr("not_a_catalog_function(a, b, c)"))).toBe("not_a_catalog_function");
  });
});

describe("DuckDB function table against the catalog", () => {
  const runs = new Set(functionNames());
  const refused = new Set(unsupportedFunctionNames());

  it("runs or explicitly refuses every catalog name, and nothing else", () => {
    for (const [name] of entries) {
      expect(runs.has(name.toLowerCase()) !== refused.has(name), name).toBe(true);
    }
    const catalog = new Set(entries.map(([n]) => n.toLowerCase()));
    expect([...runs].filter((n) => !catalog.has(n))).toEqual([]);
  });

  it("keeps each function's kind and stays within Spark's arity", () => {
    for (const [name, spec] of entries) {
      if (refused.has(name)) continue;
      const def = lookupFunction(name);
      const kind = def.kind ?? "scalar";
      expect({ name, kind }).toEqual({ name, kind: spec.kind === "lambda" ? "scalar" : spec.kind });
      expect(def.minArgs, name).toBeGreaterThanOrEqual(spec.minArgs);
      expect(def.maxArgs ?? def.minArgs, name).toBeLessThanOrEqual(spec.maxArgs);
    }
  });

  it("gives the catalog's result type where the catalog fixes one", () => {
    const samples = [new DecimalType(7, 3), StringType, new ArrayType(IntegerType)];
    for (const [name, spec] of entries) {
      if (refused.has(name) || spec.returns === "input" || spec.returns === "derived") continue;
      const def = lookupFunction(name);
      if (def.returnType === undefined) continue;
      for (const t of samples) {
        const args = Array.from({ length: 4 }, () => ({
          sql: "x",
          type: t,
          node: F.expr("x").expr,
        }));
        expect({ name, type: def.returnType(args)?.typeName }).toEqual({
          name,
          type: spec.returns,
        });
      }
    }
  });

  it("refuses an unknown name, naming the closest one", () => {
    expect(() => lookupFunction("countDistinct")).toThrow(
      /Cannot resolve function `countDistinct`/,
    );
  });
});

describe("catalog names on the DuckDB engine", () => {
  const spark = useSpark();

  it("runs Column.substr, Spark's substr (PySpark: substr('hello', 2, 3) = 'ell')", async () => {
    const df = spark().createDataFrame([{ s: "hello" }], "s STRING");
    expect(await df.select(F.col("s").substr(2, 3).alias("r")).collect()).toEqual([{ r: "ell" }]);
  });

  it("refuses an arity Spark takes but the engine does not, as unsupported", async () => {
    // PySpark: struct() is an empty struct, which DuckDB cannot make.
    const df = spark().createDataFrame([{ s: "ab" }], "s STRING");
    await expect(df.select(F.expr("struct()")).collect()).rejects.toBeInstanceOf(
      UnsupportedOperationError,
    );
  });

  it("fills in Spark's defaults: lpad/rpad pad with spaces, regexp_extract takes group 1", async () => {
    // PySpark 4.0.1: lpad('ab', 5) = '   ab', rpad('ab', 4) = 'ab  ',
    // regexp_extract('a12b', '(\\d+)') = '12', regexp_extract('a12b', '[a-z](\\d)(\\d)') = '1'.
    const df = spark().createDataFrame([{ s: "ab", t: "a12b" }], "s STRING, t STRING");
    const out = df.select(
      F.expr("lpad(s, 5)").alias("l"),
      F.expr("rpad(s, 4)").alias("r"),
      F.expr("regexp_extract(t, '(\\\\d+)')").alias("x"),
      F.expr("regexp_extract(t, '[a-z](\\\\d)(\\\\d)')").alias("y"),
    );
    expect(await out.collect()).toEqual([{ l: "   ab", r: "ab  ", x: "12", y: "1" }]);
  });
});
