/** Small helpers for the quality tests: a sample DataFrame and one-expectation validations. */
import type { DataFrame, SparkSession } from "../../../src/index.js";
import {
  type ExpectationKwargs,
  type ExpectationType,
  type ExpectationValidationResult,
  suite,
  validate,
} from "../../../src/quality/index.js";
import type { ResultFormatInput } from "../../../src/quality/result-format.js";

/** Ten orders: a duplicated id, nulls in name and amount, a negative amount, odd codes. */
export function orders(spark: SparkSession): DataFrame {
  return spark.createDataFrame(
    [
      { id: 1, name: "ann", amount: 10.5, code: "AB-12", day: "2024-01-31", qty: 3 },
      { id: 2, name: "bob", amount: null, code: "AB-13", day: "2024-02-29", qty: 1 },
      { id: 2, name: null, amount: -5, code: "ab-14", day: "2023-02-29", qty: 4 },
      { id: 3, name: "cy", amount: 7.5, code: "XX", day: "2024-13-01", qty: 2 },
      { id: 4, name: "dee", amount: 0, code: "AB-99", day: "2024-1-5", qty: 5 },
      { id: 5, name: "eve", amount: 100, code: null, day: "24-01-05", qty: 1 },
      { id: 6, name: "ann", amount: 3, code: "AB-1", day: "2024-01-05", qty: 2 },
      { id: 7, name: "fay", amount: null, code: "CD-22", day: null, qty: 3 },
      { id: 8, name: "gus", amount: 12, code: "AB-12", day: "2024-04-31", qty: 6 },
      { id: 9, name: null, amount: 1, code: "AB-77", day: "2024-12-01", qty: 1 },
    ],
    "id INT, name STRING, amount DOUBLE, code STRING, day STRING, qty INT",
  );
}

/** The same columns, no rows. */
export function empty(spark: SparkSession): DataFrame {
  return orders(spark).limit(0);
}

/** Validates one expectation and returns its result. */
export async function one<T extends ExpectationType>(
  df: DataFrame,
  type: T,
  kwargs: ExpectationKwargs[T],
  resultFormat: ResultFormatInput = "SUMMARY",
): Promise<ExpectationValidationResult> {
  const r = await validate(df, suite("t").expect(type, kwargs), { result_format: resultFormat });
  const first = r.results[0];
  if (first === undefined) throw new Error("no result");
  return first;
}
