/**
 * The TPC-H proof, for any engine: the 22 queries of tests/tpch/queries run through
 * spark.sql over the tables DuckDB's dbgen writes at scale factor 0.01 (scripts/tpch/setup.sh,
 * run here when the data is missing), and are compared with the answers PySpark 4.0.1 gave
 * (tests/tpch/oracle.json, written by scripts/tpch/oracle.py; never by hand): same column
 * names and types, same rows in the same order. Decimals are exact (their type and scale
 * are Spark's), so no tolerance is needed.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SparkSession } from "../../src/index.js";
import { compare } from "../parity/lib/compare.js";
import { encodeValue, rowValues } from "../parity/lib/encode.js";
import type { OracleResult, OracleRows } from "../parity/lib/oracle.js";
import { TPCH_TABLES, tpchData, tpchQuery } from "./data.js";

const ROOT = join(import.meta.dirname, "..", "..");
const SF = "0.01";

const oracle = JSON.parse(readFileSync(join(ROOT, "tests", "tpch", "oracle.json"), "utf8")) as {
  hash: string;
  sf: string;
  results: Record<string, OracleResult>;
};

function oracleHash(): string {
  const h = createHash("sha256");
  for (let n = 1; n <= 22; n++) h.update(tpchQuery(n).replace(/\s+/g, ""));
  const pkg = JSON.parse(
    readFileSync(join(ROOT, "node_modules", "@duckdb", "node-api", "package.json"), "utf8"),
  ) as { version: string };
  h.update(`sf${SF}duckdb${pkg.version.split("-")[0]}`);
  return h.digest("hex");
}

async function run(spark: SparkSession, sql: string, ordered: boolean): Promise<OracleRows> {
  const df = spark.sql(sql);
  const [schema, rows] = await Promise.all([df.schema, df.collect()]);
  const names = schema.fieldNames();
  return {
    schema: schema.fields.map((f) => [f.name, f.dataType.simpleString()] as const),
    rows: rows.map((r) => {
      const values = rowValues(r, names);
      return schema.fields.map((f, j) => encodeValue(values[j], f.dataType));
    }),
    ordered,
  };
}

/**
 * Declares the suite on the session `open` creates; `path` spells a local file as the
 * engine reads it (the Spark server may need an absolute `file:` URI).
 */
export function tpchSuite(engine: string, open: () => Promise<SparkSession>): void {
  let spark: SparkSession | undefined;

  beforeAll(async () => {
    const dir = tpchData(SF);
    spark = await open();
    for (const t of TPCH_TABLES)
      spark.read.parquet(join(dir, `${t}.parquet`)).createOrReplaceTempView(t);
  }, 600_000);

  afterAll(async () => {
    await spark?.stop();
  });

  describe(`TPC-H (sf ${SF}) through spark.sql on ${engine} agrees with PySpark 4.0.1`, () => {
    it("has oracle answers for the current queries (else run scripts/tpch/oracle.py)", () => {
      expect(oracle.sf).toBe(SF);
      expect(oracle.hash).toBe(oracleHash());
    });

    it.each(Array.from({ length: 22 }, (_, i) => `q${i + 1}`))("%s", async (id) => {
      const expected = oracle.results[id];
      if (expected === undefined || !("rows" in expected))
        throw new Error(`no oracle rows for ${id}`);
      if (spark === undefined) throw new Error("session not open");
      const actual = await run(spark, tpchQuery(Number(id.slice(1))), expected.ordered);
      expect(actual.rows.length).toBe(expected.rows.length);
      const verdict = compare(expected, actual, { compareNames: true });
      expect(verdict.kind === "differ" ? verdict.reason : "agree").toBe("agree");
    });
  });
}
