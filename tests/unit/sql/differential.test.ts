/**
 * spark.sql differential suite: every query of differential/cases.json runs on tributary
 * (DuckDB engine) over the views of differential/views.json and is compared with the
 * answer PySpark 4.0.1 gave (differential/oracle.json, written by scripts/sql/oracle.py;
 * never by hand): same column names and types, same rows (in order when the query orders
 * them), and the same error class when Spark fails.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkSession } from "../../../src/index.js";
import { compare } from "../../parity/lib/compare.js";
import { encodeValue } from "../../parity/lib/encode.js";
import type { OracleResult } from "../../parity/lib/oracle.js";

const DIR = join(import.meta.dirname, "differential");
const read = (name: string) => readFileSync(join(DIR, name), "utf8");

interface Case {
  readonly id: string;
  readonly sql: string;
  readonly ordered: boolean;
}
interface View {
  readonly schema: string;
  readonly rows: unknown[][];
}

const cases = JSON.parse(read("cases.json")) as Case[];
const views = JSON.parse(read("views.json")) as Record<string, View>;
const oracle = JSON.parse(read("oracle.json")) as {
  hash: string;
  results: Record<string, OracleResult>;
};

/**
 * Known differences, each with its reason; a listed case must still differ, so a fix
 * shows up here and the entry is removed.
 */
const KNOWN: Readonly<Record<string, string>> = {
  "select.no_from":
    "A bare NULL is typed int on DuckDB; Spark's type is void (the DuckDB compiler's literal typing).",
  "fn.arrays":
    "Spark names lambda variables of parsed text namedlambdavariable(); our column name keeps the parameter name.",
};

let spark: SparkSession;

beforeAll(async () => {
  spark = await SparkSession.builder()
    .master("local[1]")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate();
  for (const [name, v] of Object.entries(views))
    spark.createDataFrame(v.rows, v.schema).createOrReplaceTempView(name);
});

afterAll(async () => {
  await spark.stop();
});

async function run(c: Case): Promise<OracleResult> {
  try {
    const df = spark.sql(c.sql);
    const [schema, rows] = await Promise.all([df.schema, df.collect()]);
    const names = schema.fieldNames();
    return {
      schema: schema.fields.map((f) => [f.name, f.dataType.simpleString()] as const),
      rows: rows.map((r) =>
        schema.fields.map((f, j) => encodeValue(r[names[j] ?? ""], f.dataType)),
      ),
      ordered: c.ordered,
    };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return {
      error: { class: err.code ?? "Error", message: String(err.message).split("\n")[0] ?? "" },
    };
  }
}

describe("spark.sql agrees with PySpark 4.0.1", () => {
  it("has oracle answers for the current cases (else run scripts/sql/oracle.py)", () => {
    const squeeze = (name: string) => read(name).replace(/\s+/g, "");
    const hash = createHash("sha256")
      .update(squeeze("views.json"))
      .update(squeeze("cases.json"))
      .digest("hex");
    expect(oracle.hash).toBe(hash);
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    const expected = oracle.results[c.id];
    if (expected === undefined) throw new Error(`no oracle answer for ${c.id}`);
    const actual = await run(c);
    const verdict = compare(expected, actual, { compareNames: true });
    if (KNOWN[c.id] !== undefined) {
      expect(verdict.kind, `${c.id} now agrees: remove it from KNOWN`).toBe("differ");
      return;
    }
    expect(verdict.kind === "differ" ? verdict.reason : "agree", c.sql).toBe("agree");
    if ("error" in expected && "error" in actual) {
      // Spark's sub-class (`.WITH_SUGGESTION`) is left out of our codes.
      expect(actual.error.class, c.sql).toBe(expected.error.class.split(".")[0]);
    }
  });
});
