/**
 * Spark 4.0.1 accepts an empty column name and one holding a NUL character (checked with
 * PySpark: `createDataFrame(..., "`` INT")`, `withColumnRenamed("a", "")`, `alias("")`,
 * `withColumnRenamed("a", "x\0y")` all collect). DuckDB has no spelling for them, so the
 * embedded engine refuses them with a typed error naming the column, never DuckDB's parser
 * message.
 */
import { describe, expect, it } from "vitest";
import { functions as F, UnsupportedOperationError } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

describe("column names DuckDB cannot spell", () => {
  const cases: [string, () => Promise<unknown>][] = [
    [
      "an empty name in a DDL schema",
      () =>
        spark()
          .createDataFrame([{ "": 1 }], "`` INT")
          .collect(),
    ],
    [
      "withColumnRenamed to an empty name",
      () =>
        spark()
          .createDataFrame([{ a: 1 }], "a INT")
          .withColumnRenamed("a", "")
          .collect(),
    ],
    [
      "alias to an empty name",
      () =>
        spark()
          .createDataFrame([{ a: 1 }], "a INT")
          .select(F.col("a").alias(""))
          .collect(),
    ],
    [
      "a NUL in withColumnRenamed",
      () =>
        spark()
          .createDataFrame([{ a: 1 }], "a INT")
          .withColumnRenamed("a", "x\u0000y")
          .collect(),
    ],
  ];
  for (const [name, run] of cases) {
    it(name, async () => {
      const e = await run().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UnsupportedOperationError);
      expect((e as Error).message).toMatch(/cannot use the column name "(x\\u0000y)?"/);
      expect((e as Error).message).not.toMatch(/Parser Error/);
    });
  }
});
