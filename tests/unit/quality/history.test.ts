import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkAnomalies,
  definePipeline,
  MetricsRepository,
  metricsOf,
  nullFractionNotIncreased,
  type PipelineError,
  rowCountWithinHistory,
  SparkSession,
  suite,
  validate,
  withAnomalies,
} from "../../../src/index.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder()
    .master("local[1]")
    .config("spark.sql.session.timeZone", "UTC")
    .create();
});
afterAll(async () => spark.stop());

const batch = (n: number, nullEvery = 0) =>
  spark.createDataFrame(
    Array.from({ length: n }, (_, i) => ({
      id: BigInt(i),
      amount: nullEvery > 0 && i % nullEvery === 0 ? null : i,
    })),
    "id BIGINT, amount INT",
  );
const rules = suite("orders")
  .expectColumnValuesToNotBeNull("amount")
  .expectColumnMeanToBeBetween("id", { min_value: 0 });

describe("metrics history and anomaly checks", () => {
  it("takes row count, null fractions and observed values from the result, with no extra scan", async () => {
    const result = await validate(batch(10, 5), rules);
    expect(metricsOf(result)).toEqual([
      { metric: "row_count", column: "", value: 10 },
      { metric: "null_fraction", column: "amount", value: 0.2 },
      { metric: "mean", column: "id", value: 4.5 },
    ]);
  });

  it("compares a batch with the mean of the last runs", async () => {
    const repo = new MetricsRepository(spark, join(mkdtempSync(join(tmpdir(), "trib-hist-")), "m"));
    const checks = [
      rowCountWithinHistory({ window: 3, tolerance: 0.2 }),
      nullFractionNotIncreased("amount", { window: 3, maxRatio: 2 }),
    ];
    // The first batch has no history: it passes and starts it.
    let at = Date.parse("2024-01-01T00:00:00Z");
    for (const n of [100, 110, 90]) {
      const r = await validate(batch(n, 10), rules);
      const a = await checkAnomalies(r, repo, "orders", checks);
      expect(a.every((x) => x.success)).toBe(true);
      at += 3_600_000;
      await repo.append(r, { dataset: "orders", at: new Date(at) });
    }
    expect(await repo.values("row_count", "", { dataset: "orders", last: 3 })).toEqual([
      90, 110, 100,
    ]);

    // Half the usual rows, and nulls up from 10% to 50%: both flagged.
    const odd = await validate(batch(50, 2), rules);
    const anomalies = await checkAnomalies(odd, repo, "orders", checks);
    expect(
      anomalies.map((a) => [a.expectation_config.type, a.success, a.result.observed_value]),
    ).toEqual([
      ["expect_table_row_count_to_be_within_history", false, 50],
      ["expect_column_null_fraction_not_to_increase", false, 0.5],
    ]);
    expect(anomalies[0]?.result.details).toEqual({ history_mean: 100, history_runs: 3 });
    const merged = withAnomalies(odd, anomalies);
    expect(merged.success).toBe(false);
    expect(merged.statistics).toMatchObject({
      evaluated_expectations: 4,
      unsuccessful_expectations: 3, // the batch also fails its own not-null expectation
    });
    // Another dataset's history is its own.
    expect((await checkAnomalies(odd, repo, "refunds", checks)).every((a) => a.success)).toBe(true);
  });

  it("a check the suite cannot measure says what to add", async () => {
    const repo = new MetricsRepository(spark, join(mkdtempSync(join(tmpdir(), "trib-hist-")), "m"));
    const r = await validate(batch(5), suite("s").expectColumnToExist("id"));
    const [a] = await checkAnomalies(r, repo, "x", [nullFractionNotIncreased("amount")]);
    expect(a?.success).toBe(false);
    expect(a?.exception_info.exception_message).toContain(
      "add expect_column_values_to_not_be_null for amount",
    );
  });

  it("in a pipeline: metrics kept per run; an anomalous batch fails the gate", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trib-hist-pipe-"));
    const raw = join(dir, "in.csv");
    const write = (n: number) =>
      writeFileSync(
        raw,
        `id,amount\n${Array.from({ length: n }, (_, i) => `${i},${i}`).join("\n")}\n`,
      );
    const pipeline = definePipeline({
      name: "hist",
      source: {
        format: "csv",
        path: raw,
        schema: "id BIGINT, amount INT",
        options: { header: true },
      },
      quality: {
        suite: rules,
        action: "fail",
        history: { checks: [rowCountWithinHistory({ window: 7, tolerance: 0.2 })] },
      },
      sink: { path: join(dir, "lake", "t"), mode: "overwrite" },
    });
    for (const n of [100, 105, 95]) {
      write(n);
      expect((await pipeline.run({ spark })).status).toBe("succeeded");
    }
    write(10);
    const error = await pipeline.run({ spark }).catch((e: unknown) => e);
    expect((error as PipelineError).code).toBe("QUALITY_GATE_FAILED");
    expect((error as PipelineError).summary.quality?.failedExpectations).toEqual([
      "expect_table_row_count_to_be_within_history",
    ]);
    const kept = await spark.read
      .format("delta")
      .load(join(dir, "lake", "_quality_metrics"))
      .filter("metric = 'row_count'")
      .count();
    expect(kept).toBe(4);
  });
});
