/**
 * Math at the edges of its domain, where DuckDB raises errors or loses digits and -0.0:
 * Java's NaN for trig out of domain, fdlibm's expm1 / log1p / sinh, round and bround of
 * NaN / -0.0 / wrapping ints, log base 1, unhex of bad text, strings cast to numbers and
 * Java's text of the smallest subnormals. Every expected value was checked on PySpark
 * 4.0.1 (local mode, spark.sql.ansi.enabled=false).
 */
import { describe, expect, it } from "vitest";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark({ "spark.sql.ansi.enabled": "false" });

async function values(...exprs: string[]): Promise<unknown[]> {
  const df = spark().createDataFrame([{ one: 1 }], "one INT");
  const row = await df.selectExpr(...exprs.map((e, i) => `${e} AS c${i}`)).first();
  return exprs.map((_, i) => row?.[`c${i}`]);
}

describe("math at the edges, as Spark", () => {
  it("gives NaN for trig of infinity and arc sines outside [-1, 1]", async () => {
    const got = await values("sin(double('Infinity'))", "asin(2.0D)", "acos(double('-Infinity'))");
    expect(got.every((v) => Number.isNaN(v))).toBe(true);
  });

  it("keeps -0.0 and the digits of small arguments in expm1, log1p, sinh", async () => {
    const got = await values("expm1(-0.0D)", "expm1(1e-6D)", "log1p(1e-6D)", "sinh(1e-6D)");
    expect(Object.is(got[0], -0)).toBe(true);
    expect(got.slice(1)).toEqual([
      1.0000005000001665e-6, 9.999995000003334e-7, 1.0000000000001666e-6,
    ]);
  });

  it("treats -0.0 as 0.0 in atan2 and bround", async () => {
    const got = await values("atan2(-0.0D, 1.0D)", "bround(-0.0D)", "bround(2.5D)");
    expect(got.map((v) => Object.is(v, -0))).toEqual([false, false, false]);
    expect(got).toEqual([0, 0, 2]);
  });

  it("rounds NaN and infinity to themselves, and wraps ints rounded to tens", async () => {
    const got = await values(
      "round(double('NaN'), -1)",
      "round(double('Infinity'), -1)",
      "bround(2147483647, -1)",
    );
    expect(Number.isNaN(got[0])).toBe(true);
    expect(got.slice(1)).toEqual([Number.POSITIVE_INFINITY, -2147483646]);
  });

  it("divides by ln(1) like Java in log with base 1", async () => {
    const got = await values("log(1, 8)", "log(1, 1)");
    expect(got[0]).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(got[1])).toBe(true);
  });

  it("casts the argument of factorial to int, wrapping a long", async () => {
    expect(await values("factorial(-9223372036854775808L)")).toEqual([1n]);
  });

  it("unhexes bad digits to null and an odd length as if led by 0", async () => {
    const got = await values("unhex('zz')", "unhex('4')", "unhex('')");
    expect(got[0]).toBeNull();
    expect(got.slice(1).map((b) => Buffer.from(b as Uint8Array).toString("hex"))).toEqual([
      "04",
      "",
    ]);
  });

  it("casts string arguments to double, text that is no number to null", async () => {
    expect(
      await values(
        "sqrt('Hello')",
        "abs(' 42 ')",
        "floor('-12.5e3')",
        "pmod('7', 3)",
        "isnan('x')",
      ),
    ).toEqual([null, 42, -12500n, 1, false]);
  });

  it("prints the smallest subnormals with two digits, as Java", async () => {
    expect(
      await values(
        "CAST(4.9E-324D AS STRING)",
        "CAST(1e-320D AS STRING)",
        "CAST(float(1.4E-45) AS STRING)",
        "md5(CAST(4.9E-324D AS STRING))",
      ),
    ).toEqual(["4.9E-324", "1.0E-320", "1.4E-45", "d573d02a8dd188df8c729e8e62608cab"]);
  });

  it("rounds like fdlibm in ln, log and hypot", async () => {
    expect(await values("ln(3)", "log(3, 8)", "hypot(2.5D, 3)")).toEqual([
      1.0986122886681096, 1.8927892607143724, 3.905124837953327,
    ]);
  });

  it("wraps a long rounded to tens with HALF_EVEN, exactly", async () => {
    expect(await values("bround(-9223372036854775808L, -1)")).toEqual([9223372036854775806n]);
  });

  it("keeps the first of -0.0 and 0.0 in greatest and least", async () => {
    const got = await values(
      "greatest(CAST('-0.0' AS FLOAT), 0)",
      "least(CAST('-0.0' AS FLOAT), 0)",
    );
    expect(got.map((v) => Object.is(v, -0))).toEqual([true, true]);
  });

  it("hashes the bytes of a string cast from binary, valid UTF-8 or not", async () => {
    expect(await values("md5(CAST(X'00FF' AS STRING))", "crc32(CAST(X'00FF' AS STRING))")).toEqual([
      "d07d34efac6328007ad67c7e0a985e00",
      1826356594n,
    ]);
  });

  it("keeps -0.0 in a column sorted by itself", async () => {
    const df = spark().createDataFrame([{ d: -0.0 }, { d: 1.5 }, { d: Number.NaN }], "d DOUBLE");
    const rows = await df.orderBy("d").collect();
    expect(rows.map((r) => Object.is(r.d, -0))).toEqual([true, false, false]);
  });
});
