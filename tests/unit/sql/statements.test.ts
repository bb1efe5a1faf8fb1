/**
 * spark.sql statements, differential: every case of statements/cases.json runs its
 * statements (CREATE TABLE, CTAS, INSERT, ALTER TABLE ... CONSTRAINT, MERGE, DROP...) in
 * order on the embedded engine, then its query, and is compared with what PySpark 4.0.1 with
 * delta-spark 4.0.1 answered (statements/oracle.json, written by
 * scripts/sql/statements_oracle.py; never by hand): the query's columns, types and rows, or
 * the error class of the first statement that fails.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SparkSession } from "../../../src/index.js";
import { compare } from "../../parity/lib/compare.js";
import { encodeValue, rowValues } from "../../parity/lib/encode.js";
import type { OracleResult } from "../../parity/lib/oracle.js";

const DIR = join(import.meta.dirname, "statements");
const read = (name: string) => readFileSync(join(DIR, name), "utf8");

interface Case {
  readonly id: string;
  readonly statements: readonly string[];
  readonly query: string;
  readonly ordered: boolean;
}

const cases = JSON.parse(read("cases.json")) as Case[];
const oracle = JSON.parse(read("oracle.json")) as {
  hash: string;
  results: Record<string, OracleResult>;
};

let spark: SparkSession;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "sql-statements-"));
  spark = await SparkSession.builder()
    .master("local[1]")
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.warehouse.dir", join(scratch, "warehouse"))
    .getOrCreate();
});

afterAll(async () => {
  await spark.stop();
});

async function run(c: Case): Promise<OracleResult> {
  const fill = (text: string) => text.replaceAll("{dir}", scratch);
  try {
    for (const statement of c.statements) await spark.sql(fill(statement));
    const df = spark.sql(fill(c.query));
    const [schema, rows] = await Promise.all([df.schema, df.collect()]);
    const names = schema.fieldNames();
    return {
      schema: schema.fields.map((f) => [f.name, f.dataType.simpleString()] as const),
      rows: rows.map((r) => {
        const values = rowValues(r, names);
        return schema.fields.map((f, j) => encodeValue(values[j], f.dataType));
      }),
      ordered: c.ordered,
    };
  } catch (e) {
    const err = e as { code?: string; message?: string };
    return {
      error: { class: err.code ?? "Error", message: String(err.message).split("\n")[0] ?? "" },
    };
  }
}

describe("spark.sql statements agree with PySpark 4.0.1 + delta-spark 4.0.1", () => {
  it("has oracle answers for the current cases (else run scripts/sql/statements_oracle.py)", () => {
    const hash = createHash("sha256").update(read("cases.json").replace(/\s+/g, "")).digest("hex");
    expect(oracle.hash).toBe(hash);
  });

  // The cases run in order in one session, as the oracle ran them.
  it.each(cases.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    const expected = oracle.results[c.id];
    if (expected === undefined) throw new Error(`no oracle answer for ${c.id}`);
    const actual = await run(c);
    const verdict = compare(expected, actual, { compareNames: true });
    expect(verdict.kind === "differ" ? verdict.reason : "agree", c.id).toBe("agree");
    if ("error" in expected && "error" in actual)
      expect(actual.error.class.split(".")[0], c.id).toBe(expected.error.class.split(".")[0]);
  });
});
