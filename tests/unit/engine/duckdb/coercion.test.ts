/**
 * Spark's implicit type coercion (src/engine/duckdb/functions/coercion.ts) against PySpark
 * 4.0.1: every ordered pair of fourteen kinds of value, in coalesce, CASE, array, IN, a
 * union, `=` and `<`, with ANSI off and on. The answers (type and value, or the error) are
 * PySpark's, written by scripts/sql/coercion_oracle.py into coercion-oracle.json.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkSession } from "../../../../src/index.js";

interface Oracle {
  readonly values: Readonly<Record<string, string>>;
  readonly forms: Readonly<Record<string, string>>;
  readonly results: Readonly<Record<string, readonly [string, string | null]>>;
}
const oracle = JSON.parse(
  readFileSync(join(import.meta.dirname, "coercion-oracle.json"), "utf8"),
) as Oracle;

/** Known differences: key -> why. */
const KNOWN: Readonly<Record<string, string>> = {
  "false|case|null|null": "CASE of only NULLs is typed int (DuckDB's), Spark's void",
  "true|case|null|null": "CASE of only NULLs is typed int (DuckDB's), Spark's void",
};

let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder().config("spark.sql.session.timeZone", "UTC").create();
});
afterAll(async () => spark.stop());

/** Ours as the oracle writes Spark's: the type, and the value for types printed alike. */
async function ours(sql: string): Promise<readonly [string, string | null]> {
  try {
    const df = spark.sql(sql);
    const type = (await df.schema).fields[0]?.dataType.simpleString() ?? "";
    const [row] = await df.collect();
    const v = row?.v;
    if (v === null || v === undefined) return [type, null];
    return [type, typeof v === "boolean" ? (v ? "True" : "False") : String(v)];
  } catch (e) {
    return ["ERR", String((e as Error).message)];
  }
}

/** Values compared as text: booleans, strings and integers print the same on both sides. */
const COMPARED = new Set(["boolean", "string", "tinyint", "int", "bigint"]);

describe("implicit coercion agrees with PySpark 4.0.1", () => {
  for (const ansi of ["false", "true"]) {
    it(`every pair, ANSI ${ansi === "true" ? "on" : "off"}`, async () => {
      await spark.conf.set("spark.sql.ansi.enabled", ansi);
      const differences: string[] = [];
      for (const [key, expected] of Object.entries(oracle.results)) {
        const [mode, form, a, b] = key.split("|");
        if (mode !== ansi || KNOWN[key] !== undefined) continue;
        const x = oracle.values[a ?? ""] ?? "";
        const y = oracle.values[b ?? ""] ?? "";
        const sql = (oracle.forms[form ?? ""] ?? "").replace("{x}", x).replace("{y}", y);
        const [type, value] = await ours(sql);
        const [sparkType, sparkValue] = expected;
        if (sparkType === "ERR" || type === "ERR") {
          if (sparkType !== type)
            differences.push(`${key}: ${sparkType} ${sparkValue} | ours ${type} ${value}`);
          continue;
        }
        const valueDiffers = COMPARED.has(sparkType) && sparkValue !== value;
        if (sparkType !== type || valueDiffers)
          differences.push(`${key}: ${sparkType} ${sparkValue} | ours ${type} ${value}`);
      }
      expect(differences).toEqual([]);
    }, 120_000);
  }
});
