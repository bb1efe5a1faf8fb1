import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { functions as F, HealthCheck, MetricRegistry, SparkSession } from "../../../src/index.js";
import { checkDataFreshness } from "../../../src/monitoring/health/freshness.js";
import { recordHealth } from "../../../src/monitoring/health/health-check.js";
import { checkTableHealth } from "../../../src/monitoring/health/table-health.js";
import { durationMs, statusOf } from "../../../src/monitoring/health/thresholds.js";
import { runCli } from "../../helpers/cli.js";

let spark: SparkSession;
beforeAll(async () => {
  spark = await SparkSession.builder()
    .master("local[1]")
    .config("spark.sql.session.timeZone", "America/Los_Angeles")
    .create();
});
afterAll(async () => spark.stop());

const NOW = new Date("2024-06-01T12:00:00Z"); // 05:00 in Los Angeles (PDT, UTC-7)
const cli = (...argv: string[]) => runCli(argv);

describe("thresholds (dbt style)", () => {
  it("reads Spark time strings, bare minutes and dbt's {count, period}", () => {
    expect(durationMs("30m", "w")).toBe(1_800_000);
    expect(durationMs("2h", "w")).toBe(7_200_000);
    expect(durationMs("1d", "w")).toBe(86_400_000);
    expect(durationMs(45, "w")).toBe(2_700_000);
    expect(durationMs({ count: 12, period: "hour" }, "w")).toBe(43_200_000);
    expect(() => durationMs("soon", "warnAfter")).toThrow(/warnAfter/);
    expect(() => durationMs(-5, "errorAfter")).toThrow(/positive duration/);
  });

  it("pass, warn above warn_after, error above error_after; no data is an error", () => {
    const t = { warnAfter: "30m", errorAfter: "2h" };
    expect(statusOf(10 * 60_000, t)).toBe("pass");
    expect(statusOf(31 * 60_000, t)).toBe("warn");
    expect(statusOf(121 * 60_000, t)).toBe("error");
    expect(statusOf(undefined, t)).toBe("error");
    expect(statusOf(1e12, {})).toBe("pass");
  });
});

describe("checkDataFreshness: right in every time zone", () => {
  it("an instant column: the delay is the real elapsed time", async () => {
    const df = spark.createDataFrame(
      [{ ts: new Date("2024-06-01T11:50:00Z") }, { ts: new Date("2024-05-01T00:00:00Z") }],
      "ts TIMESTAMP",
    );
    const r = await checkDataFreshness(df, "ts", 60, NOW);
    expect(r).toMatchObject({
      status: "healthy",
      freshness: "pass",
      delayMinutes: 10,
      thresholdMinutes: 60,
    });
    expect(r.latest?.toISOString()).toBe("2024-06-01T11:50:00.000Z");
  });

  it("wall-clock columns (TIMESTAMP_NTZ, text) are read in the session time zone, not as UTC", async () => {
    // 04:50 in Los Angeles is 11:50 UTC: ten minutes before NOW, not seven hours and ten.
    const text = spark.createDataFrame([{ ts: "2024-06-01 04:50:00" }], "ts STRING");
    const ntz = text.withColumn("ts", F.col("ts").cast("timestamp_ntz"));
    for (const df of [text, ntz]) {
      const r = await checkDataFreshness(df, "ts", { warnAfter: "5m", errorAfter: "1h" }, NOW);
      expect(r.delayMinutes).toBe(10);
      expect(r.freshness).toBe("warn");
      expect(r.status).toBe("healthy");
    }
  });

  it("the seed's call: HealthCheck.checkDataFreshness(df, col, maxDelayMinutes)", async () => {
    const old = spark.createDataFrame(
      [{ ts: new Date(Date.now() - 3 * 3_600_000) }],
      "ts TIMESTAMP",
    );
    const r = await HealthCheck.checkDataFreshness(old, "ts", 60);
    expect(r.status).toBe("unhealthy");
    expect(r.thresholdMinutes).toBe(60);
    expect(r.delayMinutes).toBeGreaterThan(179);
  });

  it("no rows is unhealthy; an unknown column names the existing ones", async () => {
    const empty = spark.createDataFrame([], "ts TIMESTAMP");
    expect(await checkDataFreshness(empty, "ts", 60, NOW)).toMatchObject({
      status: "unhealthy",
      delayMinutes: null,
      latest: null,
    });
    await expect(checkDataFreshness(empty, "nope", 60, NOW)).rejects.toThrow(
      /`nope` does not exist; columns: ts/,
    );
  });
});

describe("table health and `tributary health`", () => {
  let path: string;
  beforeAll(async () => {
    path = join(mkdtempSync(join(tmpdir(), "trib-health-")), "t");
    const rows = (n: number, at: Date) => Array.from({ length: n }, (_, i) => ({ id: i, ts: at }));
    await spark
      .createDataFrame(rows(10, new Date(Date.now() - 5 * 3_600_000)), "id INT, ts TIMESTAMP")
      .write.format("delta")
      .save(path);
    await spark
      .createDataFrame(rows(5, new Date(Date.now() - 3 * 3_600_000)), "id INT, ts TIMESTAMP")
      .write.format("delta")
      .mode("append")
      .save(path);
  });

  it("freshness from the last commit, small files and the row-count change", async () => {
    const h = await checkTableHealth(spark, path, {
      warnAfter: "30m",
      errorAfter: "2h",
      maxRowCountChangePercent: 20,
    });
    expect(h.version).toBe(1);
    expect(h.freshnessSource).toBe("commit");
    expect(h.freshness.freshness).toBe("pass"); // committed just now
    expect(h.files).toMatchObject({ total: 2, small: 2 });
    expect(h).toMatchObject({
      rowCount: 15,
      previousRowCount: 10,
      rowCountChange: 5,
      rowCountChangePercent: 50,
    });
    expect(h.checks.map((c) => [c.name, c.status])).toEqual([
      ["freshness", "pass"],
      ["small_files", "pass"],
      ["row_count_change", "warn"],
    ]);
    expect(h.status).toBe("warn");
  });

  it("freshness from a column: newest row three hours old is an error after 2h", async () => {
    const h = await checkTableHealth(spark, path, {
      freshnessColumn: "ts",
      warnAfter: "30m",
      errorAfter: "2h",
      maxSmallFiles: 1,
    });
    expect(h.freshnessSource).toBe("data");
    expect(h.freshness.freshness).toBe("error");
    expect(h.checks.find((c) => c.name === "small_files")?.status).toBe("warn");
    expect(h.status).toBe("error");
  });

  it("exit codes scripts can trust: 0 healthy, 0 warn, 1 unhealthy, 2 error; --json", async () => {
    const ok = await cli("health", path, "--warn-after", "30m", "--error-after", "2h");
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^PASS .* \(version 1, last WRITE at /);
    const warn = await cli("health", path, "--freshness", "ts", "--warn-after", "1h", "--json");
    expect(warn.code).toBe(0);
    expect(JSON.parse(warn.out)).toMatchObject({
      status: "warn",
      rowCount: 15,
      freshnessSource: "data",
    });
    const bad = await cli("health", path, "--freshness", "ts", "--error-after", "2h", "--json");
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).status).toBe("error");
    const missing = await cli("health", join(path, "..", "nothing-here"), "--json");
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/DELTA_MISSING_DELTA_TABLE/);
    const wrong = await cli("health", path, "--warn-after", "soon");
    expect(wrong.code).toBe(2);
  });

  it("the result as metrics: status, delay and the last-success gauge batch jobs alert on", async () => {
    const registry = new MetricRegistry();
    const h = await checkTableHealth(spark, path, { errorAfter: "2h" });
    recordHealth(registry, h, { table: "t" }, NOW);
    const values = Object.fromEntries(registry.snapshot().samples.map((s) => [s.name, s]));
    expect(values["health.status"]).toMatchObject({ value: 0 });
    expect(values["health.last_success_timestamp_seconds"]).toMatchObject({
      value: NOW.getTime() / 1000,
    });
    // The CLI reports it through metrics.properties sinks (here the console sink).
    const props = join(mkdtempSync(join(tmpdir(), "trib-health-m-")), "metrics.properties");
    writeFileSync(props, "*.sink.console.class=org.apache.spark.metrics.sink.ConsoleSink\n");
    const r = await cli("health", path, "--error-after", "2h", "--metrics", props);
    expect(r.code).toBe(0);
    expect(r.err).toContain("health.last_success_timestamp_seconds");
    // Without --metrics, as Spark: $SPARK_CONF_DIR/metrics.properties when it is there.
    const before = process.env.SPARK_CONF_DIR;
    process.env.SPARK_CONF_DIR = dirname(props);
    try {
      const byDefault = await cli("health", path, "--error-after", "2h");
      expect(byDefault.err).toContain("health.last_success_timestamp_seconds");
    } finally {
      if (before === undefined) delete process.env.SPARK_CONF_DIR;
      else process.env.SPARK_CONF_DIR = before;
    }
    expect((await cli("health", path, "--error-after", "2h")).err).toBe("");
  });
});
