/**
 * Data quality on both engines: the same suite (every expectation family) validates the
 * same rows to the same GE-shaped result on DuckDB and on Spark, and the quarantine split
 * puts the same rows on the same side.
 */

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  definePipeline,
  type SparkSession,
  suite,
  validate,
  withQualityErrors,
} from "../../src/index.js";
import { type Engines, sortedRows, startEngines, stopEngines } from "./engines.js";

let engines: Engines;
beforeAll(async () => {
  engines = await startEngines();
});
afterAll(async () => stopEngines(engines));

const data = (s: SparkSession) =>
  s.createDataFrame(
    [
      {
        id: 1n,
        status: "paid",
        amount: 10.5,
        code: "AB-1",
        shipped: 3n,
        ordered: 1n,
        ts: new Date("2024-01-01T10:00:00Z"),
      },
      {
        id: 2n,
        status: "lost",
        amount: -2,
        code: "ab-2",
        shipped: 1n,
        ordered: 2n,
        ts: new Date("2024-01-02T10:00:00Z"),
      },
      { id: 3n, status: "paid", amount: null, code: null, shipped: 5n, ordered: 4n, ts: null },
      {
        id: 3n,
        status: null,
        amount: 99,
        code: "CD-33",
        shipped: 7n,
        ordered: 7n,
        ts: new Date("2024-01-03T10:00:00Z"),
      },
      {
        id: 5n,
        status: "shipped",
        amount: 4.25,
        code: "EF-5",
        shipped: 9n,
        ordered: 8n,
        ts: new Date("2024-01-04T10:00:00Z"),
      },
    ],
    "id BIGINT, status STRING, amount DOUBLE, code STRING, shipped BIGINT, ordered BIGINT, ts TIMESTAMP",
  );

const rules = suite("conformance")
  .expectTableRowCountToBeBetween({ min_value: 1, max_value: 10 })
  .expectTableColumnsToMatchSet(["id", "status", "amount", "code", "shipped", "ordered", "ts"])
  .expectColumnToExist("code")
  .expectColumnValuesToNotBeNull("status")
  .expectColumnValuesToBeUnique("id")
  .expectColumnValuesToBeBetween("amount", { min_value: 0, max_value: 50, mostly: 0.5 })
  .expectColumnValuesToBeInSet("status", ["paid", "shipped"])
  .expectColumnValuesToNotBeInSet("status", ["void"])
  .expectColumnValuesToMatchRegex("code", "^[A-Z]{2}-\\d+$")
  .expectColumnValueLengthsToBeBetween("code", { min_value: 4, max_value: 4 })
  .expectColumnMeanToBeBetween("amount", { min_value: 0, max_value: 100 })
  .expectColumnMaxToBeBetween("shipped", { min_value: 1, max_value: 9 })
  .expectColumnSumToBeBetween("ordered", { min_value: 0, max_value: 100 })
  .expectColumnUniqueValueCountToBeBetween("status", { min_value: 1, max_value: 5 })
  .expectCompoundColumnsToBeUnique(["id", "status"])
  .expectColumnPairValuesAToBeGreaterThanB("shipped", "ordered", { or_equal: true });

/** The parts of a result that must not depend on the engine (timings and engine name do). */
function comparable(r: Awaited<ReturnType<typeof validate>>) {
  return {
    success: r.success,
    statistics: r.statistics,
    results: r.results.map((x) => ({
      success: x.success,
      type: x.expectation_config.type,
      result: {
        ...x.result,
        partial_unexpected_list: [...(x.result.partial_unexpected_list ?? [])].map(String).sort(),
      },
      raised: x.exception_info.raised_exception,
    })),
  };
}

describe("quality: DuckDB == Spark", () => {
  it("validates a suite of every family to the same result", async () => {
    const duck = await validate(data(engines.duckdb), rules, { result_format: "SUMMARY" });
    const spark = await validate(data(engines.spark), rules, { result_format: "SUMMARY" });
    expect(comparable(duck)).toEqual(comparable(spark));
    expect(duck.meta.scans).toBe(2);
    expect(spark.meta.scans).toBe(2);
    expect(duck.statistics.unsuccessful_expectations).toBeGreaterThan(3);
  });

  it("merges statistics from per-value sets to the same result (by-value, per-set.ts)", async () => {
    // A regex on a low-cardinality string column groups the pass by its values; every
    // statistic of the int column merges exactly, so no empty set (see src/quality/per-set.ts).
    const rows = (s: SparkSession) =>
      s
        .range(2_000)
        .selectExpr(
          "element_at(array('AAA', 'BBB', 'cc', NULL), CAST(id % 4 AS INT) + 1) AS code",
          "CAST(CASE WHEN id % 7 = 0 THEN NULL ELSE 1000000 + (id * 37) % 101 - 50 END AS INT) AS v",
        );
    const kw = { column: "v", min_value: null, max_value: null };
    const stats = suite("per-set")
      .expect("expect_column_values_to_match_regex", { column: "code", regex: "^[A-Z]{3}$" })
      .expect("expect_column_mean_to_be_between", kw)
      .expect("expect_column_stdev_to_be_between", kw)
      .expect("expect_column_median_to_be_between", kw)
      .expect("expect_column_sum_to_be_between", kw)
      .expect("expect_column_min_to_be_between", kw)
      .expect("expect_column_unique_value_count_to_be_between", kw);
    const duck = await validate(rows(engines.duckdb), stats, { result_format: "SUMMARY" });
    const spark = await validate(rows(engines.spark), stats, { result_format: "SUMMARY" });
    expect(comparable(duck)).toEqual(comparable(spark));
    // Python on the 1,714 values, exact fractions (the squares sum below 2^53: an exact merge).
    expect(duck.results.slice(1).map((x) => x.result.observed_value)).toEqual([
      1000000.004084014, 29.1629975650168, 1000000, 1714000007, 999950, 101,
    ]);
    // Per row (a limit is not a plan the probe reads): the same, but for Welford's last bits.
    const perRow = await validate(rows(engines.spark).limit(10_000), stats, {
      result_format: "SUMMARY",
    });
    const observed = (r: typeof duck) => r.results.map((x) => x.result.observed_value);
    expect(observed(spark).filter((_, i) => i !== 2)).toEqual(
      observed(perRow).filter((_, i) => i !== 2),
    );
    const [a, b] = [observed(spark)[2], observed(perRow)[2]].map(Number);
    expect(Math.abs(Number(a) - Number(b))).toBeLessThan(Number(b) * 1e-9);
  });

  it("splits the same rows into good and quarantined", async () => {
    const row = suite("rows")
      .expectColumnValuesToBeInSet("status", ["paid", "shipped"])
      .expectColumnValuesToMatchRegex("code", "^[A-Z]{2}-\\d+$")
      .expectColumnValuesToBeUnique("id");
    const split = async (s: SparkSession) =>
      sortedRows(
        await (await withQualityErrors(data(s), row)).select("id", "status", "_errors").collect(),
      );
    expect(await split(engines.duckdb)).toEqual(await split(engines.spark));
  });

  it("a pipeline with a quarantine gate gives the same accounting and tables on both engines", async () => {
    const run = async (s: SparkSession) => {
      const dir = mkdtempSync(join(tmpdir(), "trib-conf-gate-"));
      const raw = join(dir, "in.csv");
      writeFileSync(raw, "id,status,amount\n1,paid,10\n2,lost,20\n3,paid,-1\n4,shipped,\n");
      const summary = await definePipeline({
        name: "conf_gate",
        source: {
          format: "csv",
          path: raw,
          schema: "id BIGINT, status STRING, amount BIGINT",
          options: { header: true },
        },
        quality: {
          suite: suite("gate")
            .expectColumnValuesToBeInSet("status", ["paid", "shipped"])
            .expectColumnValuesToBeBetween("amount", { min_value: 0 }),
          action: "quarantine",
        },
        sink: { path: join(dir, "lake", "orders") },
      }).run({ spark: s });
      const good = sortedRows(
        await s.read
          .format("delta")
          .load(join(dir, "lake", "orders"))
          .collect(),
      );
      const bad = sortedRows(
        await s.read
          .format("delta")
          .load(join(dir, "lake", "orders_quarantine"))
          .select("id", "_errors")
          .collect(),
      );
      const runs = await s.read
        .format("delta")
        .load(join(dir, "lake", "_runs"))
        .select("status", "rows_in", "rows_out", "rows_quarantined", "table_version")
        .collect();
      return { rows: summary.rows, version: summary.table.version, good, bad, runs };
    };
    const duck = await run(engines.duckdb);
    const spark = await run(engines.spark);
    expect(spark).toEqual(duck);
    expect(duck.rows).toEqual({ in: 4, out: 2, rejected: 0, malformed: 0, quarantined: 2 });
  });
});
