/**
 * Edge values where DuckDB's own functions answer differently from Spark 4.0.1 (ANSI off):
 * Java text rules, three-valued array logic, Spark's statistics formulas, IGNORE NULLS,
 * interval arithmetic and exact microseconds. Every expected value was checked on PySpark
 * 4.0.1 (local mode, session time zone UTC).
 */
import { describe, expect, it } from "vitest";
import { Timestamp } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

/** Evaluates SQL expressions over one empty-schema row and returns the values by position. */
async function values(...exprs: string[]): Promise<unknown[]> {
  const df = spark().createDataFrame([{ one: 1 }], "one INT");
  const row = await df.selectExpr(...exprs.map((e, i) => `${e} AS c${i}`)).first();
  return exprs.map((_, i) => row?.[`c${i}`]);
}

describe("strings follow Java's text rules", () => {
  it("maps case fully, with final sigma and title-case digraphs", async () => {
    expect(
      await values(
        "upper('straße')",
        "upper('ﬁ')",
        "lower('ΟΔΟΣ σοφός ΣΑΣ')",
        "lower('İ')",
        "initcap('ǆemal ﬁne ŉ')",
        "initcap('İstanbul ıi')",
        "initcap('hello  world\tnew-line_x')",
        "upper(CAST(NULL AS STRING))",
      ),
    ).toEqual([
      "STRASSE",
      "FI",
      "οδος σοφός σας",
      "i\u0307",
      "ǅemal Fine ʼN",
      "\u0130stanbul Ii",
      "Hello  World\tnew-line_x",
      null,
    ]);
  });

  it("measures levenshtein in characters, with a threshold", async () => {
    expect(
      await values(
        "levenshtein('İstanbul ıi', 'istanbul')",
        "levenshtein('😀 emoji ünï', '😀')",
        "levenshtein('straße', 'strasse', 3)",
        "levenshtein('ΟΔΟΣ σοφός ΣΑΣ', 'οδος', 3)",
        "levenshtein('', '', 0)",
      ),
    ).toEqual([4, 10, 2, -1, 0]);
  });

  it("formats numbers as DecimalFormat: HALF_EVEN on the exact value, NaN, ∞, -0", async () => {
    expect(
      await values(
        "format_number(CAST('NaN' AS DOUBLE), 2)",
        "format_number(CAST('Infinity' AS DOUBLE), 0)",
        "format_number(CAST('-Infinity' AS DOUBLE), 2)",
        "format_number(-0.0D, 2)",
        "format_number(1e20D, 5)",
        "format_number(2.5D, 0)",
        "format_number(-1.005D, 2)",
        "format_number(1234567.891D, one)",
        "format_number(1.5D, -1)",
      ),
    ).toEqual([
      "NaN",
      "∞",
      "-∞",
      "-0.00",
      "100,000,000,000,000,000,000.00000",
      "2",
      "-1.00",
      "1,234,567.9",
      null,
    ]);
  });

  it("keeps a null count null (DuckDB's greatest skips nulls)", async () => {
    expect(
      await values(
        "repeat('ab', CAST(NULL AS INT))",
        "space(CAST(NULL AS INT))",
        "lpad('x', CAST(NULL AS INT), 'y')",
      ),
    ).toEqual([null, null, null]);
  });
});

describe("arrays use three-valued logic", () => {
  it("answers null where a null element could have matched", async () => {
    expect(
      await values(
        "array_contains(array(1, NULL, 3), 2)",
        "exists(array(1, NULL, 3), e -> e = 5)",
        "forall(array(1, NULL, 3), e -> e > 0)",
        "arrays_overlap(array(NULL, NULL), array(NULL, 1))",
        "array_position(array(1, NULL), CAST(NULL AS INT))",
        "array_remove(array(1, NULL), CAST(NULL AS INT))",
      ),
    ).toEqual([null, null, null, null, null, null]);
  });

  it("gives Spark's set results with null arrays and null elements", async () => {
    expect(
      await values(
        "flatten(array(array(1, NULL), NULL))",
        "array_union(CAST(NULL AS ARRAY<INT>), array(CAST(NULL AS INT)))",
        "array_except(array(1, NULL, 3), array(3, 5))",
        "array_intersect(array(NULL, NULL), array(NULL, 1))",
        "array_distinct(array(CAST('NaN' AS DOUBLE), CAST('NaN' AS DOUBLE), -0.0D, 0.0D))",
      ),
    ).toEqual([null, null, [1, null], [null], [Number.NaN, -0, 0]]);
  });

  it("counts sequences down and steps dates by months from the start", async () => {
    expect(
      await values(
        "sequence(5, 1)",
        "sequence(DATE'2024-03-01', DATE'2024-02-26')",
        "sequence(DATE'2024-01-31', DATE'2024-05-01', INTERVAL 1 MONTH)",
      ),
    ).toEqual([
      [5, 4, 3, 2, 1],
      ["2024-03-01", "2024-02-29", "2024-02-28", "2024-02-27", "2024-02-26"],
      ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"],
    ]);
  });
});

describe("conditionals, intervals and months_between", () => {
  it("has if() with a null condition taking the else branch", async () => {
    expect(await values("if(NULL, 1, 2)", "if(one > 0, 'a', 'b')")).toEqual([2, "a"]);
  });

  it("adds intervals to dates (a date stays a date without a time part) and timestamps", async () => {
    const [month, year, dayToMinute, minutes, days] = await values(
      "TIMESTAMP'2024-01-31 00:00:00' + INTERVAL 1 MONTH",
      "DATE'2024-02-29' + INTERVAL 1 YEAR",
      "DATE'2024-01-31' + INTERVAL '1 2:03' DAY TO MINUTE",
      "TIMESTAMP'2024-03-30 12:00:00.123456' - INTERVAL 90 MINUTES",
      "DATE'2024-03-01' - INTERVAL 2 DAYS",
    );
    expect((month as Timestamp).toISOStringMicros()).toBe("2024-02-29T00:00:00.000000Z");
    expect(year).toBe("2025-02-28");
    expect((dayToMinute as Timestamp).toISOStringMicros()).toBe("2024-02-01T02:03:00.000000Z");
    expect((minutes as Timestamp).toISOStringMicros()).toBe("2024-03-30T10:30:00.123456Z");
    expect(days).toBe("2024-02-28");
  });

  it("counts months_between in whole seconds over 31-day months", async () => {
    const [rounded, exact] = await values(
      "months_between(TIMESTAMP'1970-01-01 00:00:00.000001', TIMESTAMP'1969-12-31 23:59:59.999999')",
      "months_between(TIMESTAMP'2024-01-01 00:00:00.999', TIMESTAMP'2023-12-31 23:59:59.001', false)",
    );
    expect(rounded).toBe(3.7e-7);
    expect(exact).toBe(3.7335722824494155e-7);
  });
});

describe("aggregates and windows", () => {
  const rows = [
    { g: "a", i: 1, x: 1.0, v: "p", k: 3 },
    { g: "a", i: 2, x: 2.0, v: "q", k: 1 },
    { g: "a", i: 3, x: 4.0, v: null, k: 2 },
    { g: "a", i: 4, x: 10.0, v: "r", k: null },
    { g: "b", i: 5, x: null, v: "s", k: 7 },
    { g: "b", i: 6, x: 3.0, v: null, k: 7 },
    { g: "b", i: 7, x: -3.0, v: "t", k: null },
  ];
  const schema = "g STRING, i INT, x DOUBLE, v STRING, k INT";

  it("uses Spark's population skewness and kurtosis", async () => {
    const df = spark().createDataFrame(rows, schema);
    const out = await df
      .groupBy("g")
      .agg({ x: "skewness" })
      .selectExpr("g", "`skewness(x)` AS s")
      .orderBy("g")
      .collect();
    expect(out[0]?.s).toBeCloseTo(0.8483206969390203, 12);
    expect(out[1]?.s).toBe(0);
    const [k] = await df.where("g = 'a'").selectExpr("kurtosis(x) AS k").collect();
    expect(k?.k).toBeCloseTo(-0.9292307692307684, 12);
  });

  it("max_by/min_by keep a null value and let the later row win a tie", async () => {
    const byGroup = await spark()
      .createDataFrame(rows, schema)
      .selectExpr("max_by(v, k) AS mx", "min_by(v, k) AS mn")
      .collect();
    // over all rows: k = 7 twice (s, then null) -> null; k = 1 once -> q
    expect(byGroup).toEqual([{ mx: null, mn: "q" }]);
  });

  it("lag/lead IGNORE NULLS and first/last(x, true) over frames", async () => {
    const out = await spark()
      .createDataFrame(rows, schema)
      .selectExpr(
        "i",
        "lag(v) IGNORE NULLS OVER (ORDER BY i) AS lag_v",
        "lead(v, 2) IGNORE NULLS OVER (ORDER BY i) AS lead_v",
        "last(v, true) OVER (ORDER BY i ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS last_v",
        "first(v, true) OVER (ORDER BY i ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS first_v",
      )
      .orderBy("i")
      .collect();
    expect(out.map((r) => r.lag_v)).toEqual([null, "p", "q", "q", "r", "s", "s"]);
    expect(out.map((r) => r.lead_v)).toEqual(["r", "s", "s", "t", null, null, null]);
    expect(out.map((r) => r.last_v)).toEqual(["p", "q", "q", "r", "s", "s", "t"]);
    expect(out.map((r) => r.first_v)).toEqual(["p", "p", "q", "r", "r", "s", "t"]);
  });
});

describe("timestamps keep their microseconds", () => {
  it("from text, bigint micros and Timestamp in createDataFrame, through collect", async () => {
    const df = spark().createDataFrame(
      [
        ["2024-01-01 00:00:00.123456"],
        [1704067200123456n],
        [new Timestamp(1704067200123456n)],
        ["2024-01-01T02:00:00.123456+02:00"],
      ],
      "ts TIMESTAMP",
    );
    const out = await df.selectExpr("ts", "unix_micros(ts) AS us").collect();
    for (const row of out) {
      expect(row.us).toBe(1704067200123456n);
      expect((row.ts as Timestamp).epochMicros).toBe(1704067200123456n);
    }
  });

  it("in TIMESTAMP literals of expression text", async () => {
    expect(await values("unix_micros(TIMESTAMP'2024-01-01 00:00:00.123456+00:00')")).toEqual([
      1704067200123456n,
    ]);
  });
});
