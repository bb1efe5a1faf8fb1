/**
 * Spark functions added for the differential suite: string look-ups, date names and parts,
 * string_agg / regr_count and array_insert. Expected values were checked on PySpark 4.0.1
 * (local mode, session time zone UTC).
 */
import { describe, expect, it } from "vitest";
import { functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

async function values(...exprs: string[]): Promise<unknown[]> {
  const df = spark().createDataFrame([{ one: 1 }], "one INT");
  const row = await df.selectExpr(...exprs.map((e, i) => `${e} AS c${i}`)).first();
  return exprs.map((_, i) => row?.[`c${i}`]);
}

describe("string look-ups", () => {
  it("find_in_set and substring_index", async () => {
    expect(
      await values(
        "find_in_set('b', 'a,b,c')",
        "find_in_set('a,b', 'a,b,c')",
        "find_in_set('', 'a,,b')",
        "substring_index('a.b.c', '.', 2)",
        "substring_index('a.b.c', '.', -2)",
        "substring_index('a.b.c', '.', 0)",
        "substring_index('a.b.c', '', 1)",
      ),
    ).toEqual([2, 0, 2, "a.b", "b.c", "", ""]);
  });

  it("chr takes the code modulo 256 and soundex is Spark's American Soundex", async () => {
    expect(
      await values(
        "chr(65)",
        "chr(-1)",
        "chr(322)",
        "soundex('Robert')",
        "soundex('Ashcraft')",
        "soundex('Pfister')",
        "soundex('')",
        "soundex('straße')",
        "soundex('İstanbul ıi')",
      ),
    ).toEqual(["A", "", "B", "R163", "A261", "P236", "", "S360", "İstanbul ıi"]);
  });
});

describe("date names and parts", () => {
  it("dayname, monthname and date_part", async () => {
    expect(
      await values(
        "dayname(DATE'2024-02-29')",
        "monthname(DATE'2024-02-29')",
        "date_part('week', DATE'2024-02-29')",
        "date_part('YEAR', DATE'2024-02-29')",
      ),
    ).toEqual(["Thu", "Feb", 9, 2024]);
  });
});

describe("array_insert", () => {
  it("inserts at a 1-based position, from the end when negative, padding with nulls", async () => {
    expect(
      await values(
        "array_insert(array(1, 2, 3), 2, 9)",
        "array_insert(array(1, 2, 3), -1, 9)",
        "array_insert(array(1, 2, 3), 6, 9)",
        "array_insert(array(1, 2, 3), -6, 9)",
      ),
    ).toEqual([
      [1, 9, 2, 3],
      [1, 2, 3, 9],
      [1, 2, 3, null, null, 9],
      [9, null, null, 1, 2, 3],
    ]);
  });
});

describe("string_agg and regr_count", () => {
  it("joins non-null values and counts pairs with both sides set", async () => {
    const df = spark().createDataFrame(
      [
        { g: "a", i: 1, x: 10.0, v: "p" },
        { g: "a", i: 2, x: 10.0, v: "q" },
        { g: "a", i: 3, x: 2.0, v: null },
        { g: "b", i: null, x: null, v: null },
      ],
      "g STRING, i INT, x DOUBLE, v STRING",
    );
    const rows = await df
      .groupBy("g")
      .agg(
        F.expr("string_agg(v, ',')").alias("s"),
        F.expr("listagg(v)").alias("l"),
        F.expr("regr_count(i, x)").alias("n"),
      )
      .orderBy("g")
      .collect();
    expect(rows.map((r) => [r.g, r.s, r.l, r.n])).toEqual([
      ["a", "p,q", "pq", 3n],
      ["b", null, null, 0n],
    ]);
  });
});

describe("unix_timestamp of a timestamp", () => {
  it("truncates toward zero like Java's division, where unix_seconds floors", async () => {
    expect(
      await values(
        "unix_timestamp(TIMESTAMP'1969-12-31 23:59:59.5Z')",
        "unix_seconds(TIMESTAMP'1969-12-31 23:59:59.5Z')",
      ),
    ).toEqual([0n, -1n]);
  });
});

describe("transform and filter with an (element, index) lambda", () => {
  it("count the index from 0", async () => {
    expect(
      await values(
        "transform(array(1, 2, 3, 2), (e, i) -> e + i)",
        "filter(array(1, 2, 3, 2), (e, i) -> i > 0)",
        "transform(array(1, NULL, 3), (e, i) -> e + i)",
      ),
    ).toEqual([
      [1, 3, 5, 5],
      [2, 3, 2],
      [1, null, 5],
    ]);
  });
});

describe("arrays_zip", () => {
  it("pads shorter arrays with nulls and names fields by position for non-columns", async () => {
    const [zipped] = await values("arrays_zip(array(1, 2), array('a'))");
    expect(zipped).toEqual([
      { "0": 1, "1": "a" },
      { "0": 2, "1": null },
    ]);
  });
});
