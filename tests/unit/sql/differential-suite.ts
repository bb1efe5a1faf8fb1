/**
 * The spark.sql differential suite, for any engine: every query of differential/cases.json
 * runs on a tributary session over the views of differential/views.json and is compared
 * with the answer PySpark 4.0.1 gave (differential/oracle.json, written by
 * scripts/sql/oracle.py; never by hand): same column names and types, same rows (in order
 * when the query orders them), and the same error class when Spark fails.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SparkSession } from "../../../src/index.js";
import { compare } from "../../parity/lib/compare.js";
import { encodeValue, rowValues } from "../../parity/lib/encode.js";
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

/** Known differences on one engine: case id -> the reason. */
export type KnownDifferences = Readonly<Record<string, string>>;

async function run(spark: SparkSession, c: Case): Promise<OracleResult> {
  try {
    const df = spark.sql(c.sql);
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
    const err = e as { code?: string; errorClass?: string; message?: string };
    const cls = err.errorClass ?? err.code ?? "Error";
    return { error: { class: cls, message: String(err.message).split("\n")[0] ?? "" } };
  }
}

/**
 * Declares the suite on the session `open` creates (views registered here). A case in
 * `known` must still differ, so a fix shows up and its entry is removed.
 */
export function sqlDifferentialSuite(
  engine: string,
  open: () => Promise<SparkSession>,
  known: KnownDifferences,
): void {
  let spark: SparkSession | undefined;
  const session = (): SparkSession => {
    if (spark === undefined) throw new Error("session not open");
    return spark;
  };

  beforeAll(async () => {
    spark = await open();
    for (const [name, v] of Object.entries(views))
      spark.createDataFrame(v.rows, v.schema).createOrReplaceTempView(name);
  }, 300_000);

  afterAll(async () => {
    await spark?.stop();
  });

  describe(`spark.sql on ${engine} agrees with PySpark 4.0.1`, () => {
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
      const actual = await run(session(), c);
      const verdict = compare(expected, actual, { compareNames: true });
      if (known[c.id] !== undefined) {
        expect(verdict.kind, `${c.id} now agrees: remove it from the known differences`).toBe(
          "differ",
        );
        return;
      }
      expect(verdict.kind === "differ" ? verdict.reason : "agree", c.sql).toBe("agree");
      if ("error" in expected && "error" in actual) {
        // Spark's sub-class (`.WITH_SUGGESTION`) is left out of our codes.
        expect(actual.error.class.split(".")[0], c.sql).toBe(expected.error.class.split(".")[0]);
      }
    });
  });
}
