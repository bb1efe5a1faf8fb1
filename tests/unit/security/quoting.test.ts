/**
 * Identifiers and literals always travel as data: column names, string values and option
 * values full of SQL syntax (quotes, semicolons, comment markers, backslashes, newlines,
 * unicode) come back exactly as given and never change what the query does.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { quoteIdent, quoteString } from "../../../src/engine/duckdb/sql-quote.js";
import { functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark();

const NASTY = [
  "'",
  '"',
  "''",
  '""',
  "'; DROP TABLE t; --",
  '"; SELECT 1; --',
  "/* comment */",
  "-- line comment",
  "\\",
  "\\'",
  "a\nb",
  "a\r\nb",
  "\t",
  "é漢字🙂",
  "`backtick`",
  "$1",
  "?",
  "%s",
  "a.b",
  " leading and trailing ",
  "\u0000nul",
];

/** A small seeded generator, so failures reproduce. */
function* fuzzStrings(seed: number, count: number): Generator<string> {
  const alphabet = [
    "'",
    '"',
    ";",
    "-",
    "-",
    "/",
    "*",
    "\\",
    "\n",
    "\r",
    "\t",
    " ",
    "a",
    "Z",
    "é",
    "🙂",
    "`",
    "(",
    ")",
    ",",
    "=",
    "%",
    "\u0000",
  ];
  let x = seed;
  for (let i = 0; i < count; i++) {
    let s = "";
    const len = 1 + (i % 12);
    for (let j = 0; j < len; j++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      s += alphabet[x % alphabet.length];
    }
    yield s;
  }
}

describe("sql-quote", () => {
  it("doubles quotes and never lets a string end early", () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteString("it's")).toBe("'it''s'");
    expect(quoteString("a\u0000b")).toBe("('a' || chr(0) || 'b')");
  });
});

describe("values travel as data", () => {
  const values = [...NASTY, ...fuzzStrings(7, 200)];

  it("string literals round-trip exactly through lit()", async () => {
    const df = spark()
      .range(1)
      .select(...values.map((v, i) => F.lit(v).alias(`c${i}`)));
    const row = await df.first();
    values.forEach((v, i) => {
      expect(row?.[`c${i}`]).toBe(v);
    });
  });

  it("createDataFrame values round-trip and filter by equality matches exactly one row", async () => {
    const rows = values.map((v, i) => ({ id: i, v }));
    const df = spark().createDataFrame(rows, "id INT, v STRING");
    const back = await df.orderBy("id").collect();
    expect(back.map((r) => r.v)).toEqual(values);
    for (const probe of NASTY) {
      const hits = await df.filter(F.col("v").eq(probe)).collect();
      expect(hits.map((r) => r.v)).toEqual(values.filter((v) => v === probe));
    }
  });
});

describe("identifiers travel as data", () => {
  const names = [
    ...NASTY.filter(
      (n) => !n.includes("\u0000") && n.trim() !== "" && !n.includes(".") && !n.includes("`"),
    ),
    ...[...fuzzStrings(11, 40)].filter(
      (n) => !n.includes("\u0000") && !n.includes(".") && !n.includes("`"),
    ),
  ];
  const unique = [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];

  it("column names survive select, withColumn, rename, groupBy and write", async () => {
    const row = Object.fromEntries(unique.map((n, i) => [n, i]));
    const df = spark().createDataFrame([row]);
    expect(await df.columns).toEqual(unique);
    const renamed = df.withColumnRenamed(unique[0] ?? "", "x'y\"z");
    expect((await renamed.columns)[0]).toBe("x'y\"z");
    const first = unique[1] ?? "";
    const sel = await df
      .select(F.col(`\`${first}\``))
      .withColumn(`${first}; --`, F.lit(1))
      .first();
    expect(sel).toEqual({ [first]: 1n, [`${first}; --`]: 1 });
    const grouped = await df
      .groupBy(F.col(`\`${first}\``))
      .count()
      .first();
    expect(grouped?.count).toBe(1n);
    const out = mkdtempSync(join(tmpdir(), "trib-quote-"));
    await df.write.mode("overwrite").parquet(join(out, "t"));
    expect(await spark().read.parquet(join(out, "t")).columns).toEqual(unique);
  });

  it("a nasty value in a partition column is written and read back as data", async () => {
    const out = mkdtempSync(join(tmpdir(), "trib-part-"));
    const df = spark().createDataFrame(
      NASTY.filter((v) => !v.includes("\u0000")).map((v, i) => ({ p: v, i })),
      "p STRING, i INT",
    );
    await df.write.mode("overwrite").partitionBy("p").parquet(join(out, "t"));
    expect(readdirSync(join(out, "t")).filter((n) => n.startsWith("p=")).length).toBeGreaterThan(5);
    const back = await spark().read.parquet(join(out, "t")).orderBy("i").collect();
    expect(back.map((r) => String(r.p))).toEqual(NASTY.filter((v) => !v.includes("\u0000")));
  });
});
