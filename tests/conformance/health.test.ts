/**
 * Health checks on both engines: the same Delta table is as fresh, as large and as changed
 * on DuckDB (our kernel reads the log) as on Spark (delta-spark's history and detail).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDataFreshness, checkTableHealth } from "../../src/index.js";
import { type Engines, startEngines, stopEngines } from "./engines.js";

let engines: Engines;
beforeAll(async () => {
  engines = await startEngines();
});
afterAll(async () => stopEngines(engines));

describe("health: DuckDB == Spark", () => {
  it("table health and data freshness agree", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "trib-conf-health-")), "t");
    const at = new Date(Date.now() - 90 * 60_000);
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: BigInt(i), ts: at }));
    const s = engines.duckdb;
    await s.createDataFrame(rows(10), "id BIGINT, ts TIMESTAMP").write.format("delta").save(path);
    await s
      .createDataFrame(rows(4), "id BIGINT, ts TIMESTAMP")
      .write.format("delta")
      .mode("append")
      .save(path);
    const now = new Date();
    const options = { warnAfter: "30m", errorAfter: "2h", maxRowCountChangePercent: 20, now };
    const [duck, spark] = await Promise.all([
      checkTableHealth(engines.duckdb, path, options),
      checkTableHealth(engines.spark, path, options),
    ]);
    const shared = (h: typeof duck) => ({
      status: h.status,
      version: h.version,
      lastOperation: h.lastOperation,
      rowCount: h.rowCount,
      previousRowCount: h.previousRowCount,
      rowCountChangePercent: h.rowCountChangePercent,
      files: h.files.total,
      checks: h.checks.filter((c) => c.name !== "small_files").map((c) => [c.name, c.status]),
    });
    expect(shared(spark)).toEqual(shared(duck));
    expect(shared(duck)).toMatchObject({
      version: 1,
      rowCount: 14,
      previousRowCount: 10,
      status: "warn",
    });
    // Only the embedded engine sees file sizes (Spark Connect does not expose them).
    expect(duck.files.small).toBe(2);
    expect(spark.files.small).toBeNull();

    const fresh = await Promise.all(
      [engines.duckdb, engines.spark].map((e) =>
        checkDataFreshness(
          e.read.format("delta").load(path),
          "ts",
          { warnAfter: "1h", errorAfter: "2h" },
          now,
        ),
      ),
    );
    expect(fresh[1]).toEqual(fresh[0]);
    expect(fresh[0]?.freshness).toBe("warn");
  });
});
