/**
 * LIKE's escape rules and split with a limit, as Spark 4.0.1 answers them (checked with
 * PySpark, spark.sql.ansi.enabled=false).
 */
import { describe, expect, it } from "vitest";
import { functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

async function value(expr: string): Promise<unknown> {
  const row = await spark().range(1).select(F.expr(expr).alias("v")).first();
  return row?.v;
}

async function errorClass(expr: string): Promise<string | undefined> {
  try {
    await value(expr);
  } catch (e) {
    const err = e as { errorClass?: string; code?: string };
    return err.errorClass ?? err.code;
  }
  return undefined;
}

describe("LIKE escapes as Spark does", () => {
  it("matches an escaped _, % or escape character literally", async () => {
    expect(await value(String.raw`'ab' like 'a\\_'`)).toBe(false);
    expect(await value(String.raw`'a_' like 'a\\_'`)).toBe(true);
    expect(await value(String.raw`'a%' like 'a\\%'`)).toBe(true);
    expect(await value(String.raw`'a\\' like 'a\\\\'`)).toBe(true);
    expect(await value("'a_' like 'a/_' escape '/'")).toBe(true);
    expect(await value(String.raw`'A_' ilike 'a\\_'`)).toBe(true);
  });

  it("leaves ESCAPE out for a pattern without the escape character (DuckDB's fast LIKE)", async () => {
    expect(await value("'special requests' not like '%special%requests%'")).toBe(false);
    expect(await value(String.raw`'a\\b' like 'a\\b' escape '/'`)).toBe(true);
    expect(await value("'abc' like 'a_c'")).toBe(true);
    expect(await value("'ABC' ilike '%b%'")).toBe(true);
    expect(await value("CAST(NULL AS STRING) like '%a%'")).toBe(null);
    const plan = await spark()
      .range(1)
      .select(F.expr("'x' like '%special%requests%'").alias("v"))
      .explainString();
    expect(plan).toContain("LIKE '%special%requests%')");
    expect(plan).not.toContain("ESCAPE");
  });

  it("refuses an escape before another character, or at the end", async () => {
    expect(await errorClass(String.raw`'a$' like '%\\$'`)).toBe("INVALID_FORMAT.ESC_IN_THE_MIDDLE");
    expect(await errorClass("'ab' like 'a/b' escape '/'")).toBe("INVALID_FORMAT.ESC_IN_THE_MIDDLE");
    expect(await errorClass(String.raw`'ab' ilike 'a\\b'`)).toBe(
      "INVALID_FORMAT.ESC_IN_THE_MIDDLE",
    );
    expect(await errorClass(String.raw`'ab' like 'ab\\'`)).toBe("INVALID_FORMAT.ESC_AT_THE_END");
    expect(await errorClass("'ab' like 'ab/' escape '/'")).toBe("INVALID_FORMAT.ESC_AT_THE_END");
  });

  it("checks a computed pattern on each row, and not for a null value", async () => {
    expect(await errorClass(String.raw`'ab' like concat('a', '\\b')`)).toBe(
      "INVALID_FORMAT.ESC_IN_THE_MIDDLE",
    );
    expect(await errorClass(String.raw`'ab' like concat('ab', '\\')`)).toBe(
      "INVALID_FORMAT.ESC_AT_THE_END",
    );
    expect(await value(String.raw`'a_' like concat('a', '\\_')`)).toBe(true);
    expect(await value(String.raw`NULL like 'a\\b'`)).toBe(null);
    expect(await value("'x' like NULL")).toBe(null);
  });
});

describe("split with a limit is Java's String.split", () => {
  it("keeps at most limit parts, the last holding the rest", async () => {
    expect(await value("split('a b c d', ' ', 2)")).toEqual(["a", "b c d"]);
    expect(await value("split('a b c d', ' ', 3)")).toEqual(["a", "b", "c d"]);
    expect(await value("split('a b c d', ' ', 10)")).toEqual(["a", "b", "c", "d"]);
    expect(await value("split('a b  ', ' ', 3)")).toEqual(["a", "b", " "]);
    expect(await value("split('a b  ', ' ', 4)")).toEqual(["a", "b", "", ""]);
    expect(await value("split(',a,,', ',', 3)")).toEqual(["", "a", ","]);
    expect(await value("split('😀 x 😀 y', ' ', 3)")).toEqual(["😀", "x", "😀 y"]);
  });

  it("follows the regex, skipping an empty match at the start", async () => {
    expect(await value("split('a1b22c', '[0-9]+', 2)")).toEqual(["a", "b22c"]);
    expect(await value("split('a1b22c', '[0-9]*', 2)")).toEqual(["a", "b22c"]);
    expect(await value("split('a1b22c', '[0-9]*', 3)")).toEqual(["a", "", "b22c"]);
    expect(await value("split('aXbxc', '(?i)x', 2)")).toEqual(["a", "bxc"]);
  });

  it("splits on an empty pattern into the first limit characters, and keeps nulls", async () => {
    expect(await value("split('abc', '', 2)")).toEqual(["a", "b"]);
    expect(await value("split('', ',', 2)")).toEqual([""]);
    expect(await value("split(NULL, ',', 2)")).toBe(null);
    expect(await value("split('a,b', NULL, 2)")).toBe(null);
  });
});
