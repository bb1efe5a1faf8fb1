import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  definePipeline,
  nullFractionNotIncreased,
  PipelineError,
  SparkSession,
  suite,
  summaryLines,
} from "../../../src/index.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder()
    .master("local[2]")
    .config("spark.sql.session.timeZone", "UTC")
    .create();
});
afterAll(async () => spark.stop());

function data(): { raw: string; lake: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "trib-gates-"));
  const raw = join(dir, "orders.csv");
  writeFileSync(
    raw,
    "id,status,amount\n1,paid,10\n2,paid,20\n3,lost,30\n4,paid,-5\n5,shipped,\n6,paid,7\n",
  );
  return { raw, lake: join(dir, "lake", "orders"), dir };
}

const rules = suite("orders")
  .expectColumnValuesToBeInSet("status", ["paid", "shipped"])
  .expectColumnValuesToBeBetween("amount", { min_value: 0 });

const source = (raw: string) => ({
  format: "csv" as const,
  path: raw,
  schema: "id BIGINT, status STRING, amount BIGINT",
  options: { header: true },
});

describe("quality gates in a pipeline", () => {
  it("fail: a failed suite writes nothing and exits as QUALITY_GATE_FAILED", async () => {
    const { raw, lake, dir } = data();
    const error = await definePipeline({
      name: "gate_fail",
      source: source(raw),
      quality: { suite: rules, action: "fail" },
      sink: { path: lake },
    })
      .run({ spark })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).code).toBe("QUALITY_GATE_FAILED");
    expect((error as PipelineError).summary.quality).toMatchObject({
      success: false,
      action: "fail",
      evaluated: 2,
      failed: 2,
    });
    expect(existsSync(lake)).toBe(false);
    const runs = await spark.read
      .format("delta")
      .load(join(dir, "lake", "_runs"))
      .select("status", "error_code", "expectations_failed")
      .collect();
    expect(runs).toEqual([
      { status: "failed", error_code: "QUALITY_GATE_FAILED", expectations_failed: 2 },
    ]);
  });

  it("warn: the run goes on and writes every row", async () => {
    const { raw, lake } = data();
    const s = await definePipeline({
      name: "gate_warn",
      source: source(raw),
      quality: { suite: rules, action: "warn" },
      sink: { path: lake },
    }).run({ spark });
    expect(s.status).toBe("succeeded");
    expect(s.quality).toMatchObject({ success: false, action: "warn", failed: 2 });
    expect(s.rows).toMatchObject({ out: 6, quarantined: 0 });
  });

  it("quarantine: failing rows go aside with _errors and the run id; rows in = written + quarantined", async () => {
    const { raw, lake, dir } = data();
    const s = await definePipeline({
      name: "gate_quarantine",
      source: source(raw),
      quality: { suite: rules, action: "quarantine", reportPath: join(dir, "report.html") },
      sink: { path: lake },
    }).run({ spark });
    expect(s.status).toBe("succeeded");
    expect(s.rows).toMatchObject({ in: 6, out: 4, quarantined: 2 });
    expect(s.rows.in).toBe(s.rows.out + s.rows.quarantined);
    const bad = await spark.read
      .format("delta")
      .load(join(dir, "lake", "orders_quarantine"))
      .orderBy("id")
      .collect();
    expect(bad.map((r) => [r.id, r._errors, r._run_id])).toEqual([
      [3n, ["expect_column_values_to_be_in_set(status)"], s.runId],
      [4n, ["expect_column_values_to_be_between(amount)"], s.runId],
    ]);
    // A null amount is not unexpected (GE leaves nulls out of value checks): row 5 is written.
    const good = await spark.read.format("delta").load(lake).orderBy("id").collect();
    expect(good.map((r) => r.id)).toEqual([1n, 2n, 5n, 6n]);
    expect(existsSync(join(dir, "report.html"))).toBe(true);
  });

  it("quarantine cannot split rows for aggregate expectations: they fail the run (or warn)", async () => {
    const { raw, lake } = data();
    const agg = suite("agg")
      .expectColumnMeanToBeBetween("amount", { min_value: 100 })
      .expectColumnValuesToBeInSet("status", ["paid", "shipped"]);
    const error = await definePipeline({
      name: "agg_fail",
      source: source(raw),
      quality: { suite: agg, action: "quarantine" },
      sink: { path: lake },
    })
      .run({ spark })
      .catch((e: unknown) => e);
    expect((error as PipelineError).code).toBe("QUALITY_GATE_FAILED");
    expect(existsSync(lake)).toBe(false);
    const s = await definePipeline({
      name: "agg_warn",
      source: source(raw),
      quality: { suite: agg, action: "quarantine", aggregateAction: "warn" },
      sink: { path: lake },
    }).run({ spark });
    expect(s.rows).toMatchObject({ in: 6, out: 5, quarantined: 1 });
  });

  it("a gate that needs a table beside the sink is refused with a custom sink, saying what to add", () => {
    const custom = async () => undefined;
    expect(() =>
      definePipeline({
        name: "q",
        source: () => spark.range(1),
        quality: { suite: rules, action: "quarantine" },
        sink: custom,
      }),
    ).toThrow(/quality gate 0 quarantines rows but the sink is a function/);
    expect(() =>
      definePipeline({
        name: "h",
        source: () => spark.range(1),
        quality: { suite: rules, action: "warn", history: {} },
        sink: custom,
      }),
    ).toThrow(/keeps a metrics history but the sink is a function/);
    expect(() =>
      definePipeline({
        name: "ok",
        source: () => spark.range(1),
        quality: {
          suite: rules,
          action: "quarantine",
          quarantinePath: "q",
          history: { path: "m" },
        },
        sink: custom,
      }),
    ).not.toThrow();
  });
});

describe("a run's summary tells the truth", () => {
  const passing = suite("ids").expectColumnValuesToNotBeNull("id");

  it("a run that went on says which action was taken, not the strictest configured", async () => {
    const { raw, lake } = data();
    const s = await definePipeline({
      name: "truth_warn",
      source: source(raw),
      quality: [
        { suite: rules, action: "warn" },
        { suite: passing, action: "fail" },
      ],
      sink: { path: lake },
    }).run({ spark });
    expect(s.status).toBe("succeeded");
    expect(s.quality).toMatchObject({ success: false, action: "warn", evaluated: 3, failed: 2 });
    const text = summaryLines(s).join("\n");
    expect(text).toContain("quality: 2 of 3 expectations failed (action warn: the run went on)");
    expect(text).toContain("expect_column_values_to_be_in_set(status): 1 unexpected of 6 rows");
    expect(text).not.toContain("action fail");
  });

  it("a gate that blocks the run leaves no quarantine table and still counts the rows in", async () => {
    const { raw, lake, dir } = data();
    const error = await definePipeline({
      name: "truth_blocked",
      source: source(raw),
      quality: [
        { suite: rules, action: "quarantine" },
        { suite: suite("n").expectTableRowCountToBeBetween({ min_value: 100 }), action: "fail" },
      ],
      sink: { path: lake },
    })
      .run({ spark })
      .catch((e: unknown) => e);
    expect((error as PipelineError).code).toBe("QUALITY_GATE_FAILED");
    const s = (error as PipelineError).summary;
    expect(s.rows).toMatchObject({ in: 6, out: 0, quarantined: 0 });
    expect(s.quality?.action).toBe("fail");
    expect(s.quality?.quarantinePath).toBeUndefined();
    expect(existsSync(join(dir, "lake", "orders_quarantine"))).toBe(false);
    expect(existsSync(lake)).toBe(false);
    expect(s.error?.message).toContain("expect_table_row_count_to_be_between: observed 4");
  });

  it("a failing history check says why (the null check it needs)", async () => {
    const { raw, lake } = data();
    const s = await definePipeline({
      name: "truth_history",
      source: source(raw),
      quality: {
        suite: suite("statuses").expectColumnValuesToBeInSet("status", ["paid", "shipped", "lost"]),
        action: "warn",
        history: { checks: [nullFractionNotIncreased("amount")] },
      },
      sink: { path: lake },
    }).run({ spark });
    expect(s.quality).toMatchObject({ failed: 1, evaluated: 2 });
    expect(summaryLines(s).join("\n")).toContain(
      "expect_column_null_fraction_not_to_increase(amount): The suite measured no null_fraction of amount: add expect_column_values_to_not_be_null for amount to the suite.",
    );
  });

  it("a numeric expectation on a string column names the expectation and the column", async () => {
    const { raw, lake } = data();
    const error = await definePipeline({
      name: "truth_types",
      source: source(raw),
      quality: {
        suite: suite("t").expectColumnValuesToBeBetween("status", { min_value: 0 }),
        action: "quarantine",
      },
      sink: { path: lake },
    })
      .run({ spark })
      .catch((e: unknown) => e);
    const s = (error as PipelineError).summary;
    expect(s.error?.code).toBe("QUALITY_EXPECTATION_NOT_APPLICABLE");
    expect(s.error?.message).toContain(
      "expectation #0 expect_column_values_to_be_between(status) cannot apply to the data",
    );
    expect(s.error?.message).toContain("the column is string, the bound 0 is number");
  });

  it("PERMISSIVE keeps a malformed row with nulls: written, and not counted as rejected", async () => {
    const { dir } = data();
    const raw = join(dir, "bad.csv");
    writeFileSync(raw, "id,status,amount\n1,paid,10\nx,paid,20\n3,lost,30\n4,paid,-5\n");
    const run = (mode: string, name: string) =>
      definePipeline({
        name,
        source: { ...source(raw), options: { header: true, mode } },
        sink: { path: join(dir, name) },
      }).run({ spark });
    // Spark 4.0.1 (PySpark): PERMISSIVE reads 4 rows (id null on the bad one), DROPMALFORMED 3.
    const kept = await run("PERMISSIVE", "permissive");
    expect(kept.rows).toMatchObject({ in: 4, out: 4, rejected: 0, malformed: 1 });
    expect(summaryLines(kept).join("\n")).toContain(
      "rows: in 4, out 4, rejected 0, quarantined 0; 1 malformed kept with nulls (PERMISSIVE)",
    );
    const dropped = await run("DROPMALFORMED", "dropmalformed");
    expect(dropped.rows).toMatchObject({ in: 4, out: 3, rejected: 1, malformed: 0 });
  });
});
