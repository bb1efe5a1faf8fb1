/** Checks an expression on the embedded engine against the answer PySpark 4.0.1 gave. */
import { expect } from "vitest";
import { Decimal, type SparkSession } from "../../../src/index.js";

/** What PySpark 4.0.1 answered: a value of a Spark type, or an error class. */
export type Expected =
  | { readonly type: string; readonly value: unknown }
  | { readonly error: string };

export const dec = (text: string): Decimal => Decimal.parse(text);
export const ts = (iso: string): Date => new Date(`${iso}Z`);
export const bin = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, "hex"));

function plain(v: unknown): unknown {
  if (v instanceof Decimal) return `decimal ${v.toString()}`;
  if (v instanceof Date) return `ts ${v.toISOString().slice(0, 23)}`;
  if (v instanceof Uint8Array) return `bin ${Buffer.from(v).toString("hex")}`;
  if (typeof v === "number" && Object.is(v, -0)) return "-0";
  return v;
}

/** Runs `expr` on one row and checks the type and value, or the error class, against Spark's. */
export async function expectSpark(
  spark: SparkSession,
  expr: string,
  expected: Expected,
): Promise<void> {
  const df = spark.range(1).selectExpr(`${expr} AS v`);
  if ("error" in expected) {
    // Analysis errors carry Spark's class as their code; run-time ones as errorClass too.
    const failure = await (async () => {
      await df.schema;
      await df.collect();
    })().then(
      () => undefined,
      (e: unknown) => e as { code?: string; errorClass?: string },
    );
    expect(failure?.errorClass ?? failure?.code).toBe(expected.error);
    return;
  }
  const schema = await df.schema;
  expect(schema.fields[0]?.dataType.simpleString()).toBe(expected.type);
  const row = await df.first();
  expect(plain(row?.v)).toEqual(plain(expected.value));
}
