/**
 * Analysis takes the types of a select or aggregate from our own rules, without asking DuckDB,
 * when every column is built from columns, literals, casts, arithmetic, predicates and common
 * aggregates (CompiledRelation.typesKnown). A wrong type there is a silent wrong answer, so
 * every step analysed that way over the parity cases (both ANSI modes) and the 22 TPC-H
 * queries is described by DuckDB here too: the types must agree.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restoreVoid } from "../../../../src/engine/duckdb/compiler/void-type.js";
import { DuckDBSession } from "../../../../src/engine/duckdb/connection.js";
import { DuckDBEngine } from "../../../../src/engine/duckdb/engine.js";
import { AnalysisError } from "../../../../src/errors.js";
import { type DataFrame, functions as F, SparkSession } from "../../../../src/index.js";
import { childrenOf, type RelationNode } from "../../../../src/plan/node.js";
import { resolvePlan } from "../../../../src/sql/resolving-engine.js";
import { isAgg, isSelect, loadCases, loadDataset } from "../../../parity/lib/format.js";
import { TPCH_TABLES, tpchData, tpchQuery } from "../../../tpch/data.js";

let spark: SparkSession;
let engine: DuckDBEngine;
let db: DuckDBSession;
beforeAll(async () => {
  spark = await SparkSession.builder()
    .master("local[1]")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate();
  if (!(spark.engine instanceof DuckDBEngine)) throw new Error("not the embedded engine");
  engine = spark.engine;
  db = await DuckDBSession.open({
    threads: 1,
    memoryLimit: undefined,
    timeZone: "UTC",
    tempDirectory: undefined,
  });
});
afterAll(async () => {
  await db.close();
  await spark.stop();
});

/** Every step of `plan` analysed without DuckDB: [step, our types, DuckDB's types]. */
async function knownSteps(plan: RelationNode): Promise<[string, string, string][]> {
  const out: [string, string, string][] = [];
  const seen = new Set<RelationNode>();
  const visit = async (node: RelationNode): Promise<void> => {
    if (seen.has(node)) return;
    seen.add(node);
    for (const child of childrenOf(node)) await visit(child);
    const compiled = await engine.analyze(node);
    if (compiled.typesKnown !== true) return;
    const described = await db.describe(compiled.sql);
    const ours = compiled.columns.map((c) => c.dataType?.simpleString() ?? "?");
    const duck = compiled.columns.map((c, i) => {
      const found = described[i]?.dataType;
      return found === undefined ? "missing" : restoreVoid(c.dataType, found).simpleString();
    });
    out.push([`${node.kind} ${node.planId}`, ours.join(", "), duck.join(", ")]);
  };
  await visit(plan);
  return out;
}

/** Whether every expression of a case parses (the parity suite checks the others' errors). */
function parses(c: ReturnType<typeof loadCases>[number]): boolean {
  const texts = isAgg(c) ? [...c.agg, ...(c.groupBy ?? [])] : isSelect(c) ? c.select : [];
  try {
    for (const t of texts) F.expr(t);
    return true;
  } catch (e) {
    if (e instanceof AnalysisError && e.code === "PARSE_SYNTAX_ERROR") return false;
    throw e;
  }
}

function parityFrame(c: ReturnType<typeof loadCases>[number]): DataFrame | undefined {
  if ((!isSelect(c) && !isAgg(c)) || !parses(c)) return undefined;
  const data = loadDataset(c.data);
  let df = spark.createDataFrame(
    data.rows.map((r, i) => [...r.map(() => null), i]),
    `${data.schema}, __i INT`,
  );
  if (c.where !== undefined) df = df.filter(c.where);
  if (isAgg(c)) {
    const aggs = c.agg.map((e, j) => F.expr(e).alias(`c${j}`));
    const keys = (c.groupBy ?? []).map((k) => F.expr(k));
    const [first, ...rest] = aggs;
    if (first === undefined) return undefined;
    return keys.length > 0 ? df.groupBy(...keys).agg(...aggs) : df.agg(first, ...rest);
  }
  return df.select(F.col("__i"), ...c.select.map((e, j) => F.expr(e).alias(`c${j}`)));
}

describe("types computed by our rules agree with DuckDB's DESCRIBE", () => {
  it("on every parity expression and aggregate, with and without ANSI", async () => {
    let checked = 0;
    const disagree: string[] = [];
    for (const ansi of [false, true]) {
      await spark.conf.set("spark.sql.ansi.enabled", ansi);
      for (const c of loadCases()) {
        if (c.conf !== undefined) continue;
        const df = parityFrame(c);
        if (df === undefined) continue;
        // A case whose analysis fails (a Spark analysis error) has no types to compare.
        const steps = await knownSteps(df.plan).catch(() => []);
        for (const [step, ours, duck] of steps) {
          checked++;
          if (ours !== duck) disagree.push(`${c.id} (ansi ${ansi}) ${step}: ${ours} vs ${duck}`);
        }
      }
    }
    expect(disagree).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  }, 600_000);

  it("on every step of the 22 TPC-H queries", async () => {
    await spark.conf.set("spark.sql.ansi.enabled", false);
    const dir = tpchData("0.01");
    for (const t of TPCH_TABLES)
      spark.read.parquet(join(dir, `${t}.parquet`)).createOrReplaceTempView(t);
    let checked = 0;
    for (let q = 1; q <= 22; q++) {
      const plan = await resolvePlan(spark.engine, spark.sql(tpchQuery(q)).plan);
      for (const [step, ours, duck] of await knownSteps(plan)) {
        checked++;
        expect(`q${q} ${step}: ${ours}`).toBe(`q${q} ${step}: ${duck}`);
      }
    }
    expect(checked).toBeGreaterThan(40);
  }, 600_000);
});
