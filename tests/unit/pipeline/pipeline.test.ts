import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  definePipeline,
  functions as F,
  PipelineError,
  type PipelineSummary,
  SparkSession,
} from "../../../src/index.js";
import { configureLogging, MemoryAppender, resetLogging } from "../../../src/logging/index.js";
import { runCli } from "../../helpers/cli.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
let spark: SparkSession;
let logs: MemoryAppender;
beforeAll(async () => {
  spark = await SparkSession.builder()
    .master("local[2]")
    .config("spark.sql.session.timeZone", "UTC")
    .create();
  logs = new MemoryAppender();
  await configureLogging({ appenders: [logs] });
});
afterAll(async () => {
  await spark.stop();
  resetLogging();
});

function workdir(): { dir: string; raw: string; lake: string } {
  const dir = mkdtempSync(join(tmpdir(), "trib-pipeline-"));
  const raw = join(dir, "raw.csv");
  // Line 4 is malformed (a text amount): PERMISSIVE keeps it with a null amount (Spark's rule).
  writeFileSync(
    raw,
    "id,city,amount,ts\n1,oslo,10.5,2024-01-01 10:00:00\n2,lima,3,2024-01-02 11:00:00\n3,oslo,abc,2024-01-02 12:00:00\n4,rome,7,2024-01-03 09:00:00\n",
  );
  return { dir, raw, lake: join(dir, "lake", "sales") };
}

const orders = (raw: string, lake: string) =>
  definePipeline({
    name: "sales",
    source: {
      format: "csv",
      path: raw,
      schema: "id INT, city STRING, amount DOUBLE, ts TIMESTAMP",
      options: { header: true, mode: "PERMISSIVE" },
    },
    transform: (df) =>
      df
        .filter(F.col("amount").isNotNull())
        .withColumn("city", F.upper(F.col("city")))
        .withColumn("day", F.to_date(F.col("ts"))),
    sink: { format: "delta", path: lake, mode: "append", partitionBy: ["day"] },
  });

describe("definePipeline", () => {
  it("validates the definition when it is written", () => {
    expect(() =>
      definePipeline({
        name: "bad name!",
        source: { format: "csv", path: "x" },
        sink: { path: "y" },
      }),
    ).toThrow(/pipeline name/);
  });

  it("runs read -> transform -> write with a run id, row accounting, stage timings and a run log", async () => {
    const { raw, lake, dir } = workdir();
    const pipeline = orders(raw, lake);
    const first = await pipeline.run({ spark });
    expect(first).toMatchObject({
      pipeline: "sales",
      status: "succeeded",
      engine: "duckdb",
      rows: { in: 4, out: 3, rejected: 0, malformed: 1, quarantined: 0 },
      table: { path: lake, version: 0 },
      runsPath: join(dir, "lake", "_runs"),
    });
    expect(first.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.stages.write).toBeGreaterThan(0);
    const second = await pipeline.run({ spark });
    expect(second.table.version).toBe(1);
    expect(second.runId).not.toBe(first.runId);

    // The run log is a Delta table: query the pipeline's history with tributary.
    const runs = await spark.read
      .format("delta")
      .load(join(dir, "lake", "_runs"))
      .orderBy("started_at")
      .collect();
    expect(
      runs.map((r) => [
        r.run_id,
        r.status,
        r.rows_in,
        r.rows_out,
        r.rows_rejected,
        r.rows_malformed,
        r.table_version,
      ]),
    ).toEqual([
      [first.runId, "succeeded", 4n, 3n, 0n, 1n, 0n],
      [second.runId, "succeeded", 4n, 3n, 0n, 1n, 1n],
    ]);
    expect(await spark.read.format("delta").load(lake).count()).toBe(6);
    expect(
      logs.lines.some((l) =>
        l.includes(
          `Run ${first.runId} of sales succeeded: 4 rows in, 3 out, 0 rejected, 1 malformed kept with nulls`,
        ),
      ),
    ).toBe(true);
  });

  it("a failed run leaves the table as it was, is logged, and throws with its summary", async () => {
    const { raw, lake, dir } = workdir();
    await orders(raw, lake).run({ spark });
    const broken = definePipeline({
      name: "sales",
      source: { format: "csv", path: raw, options: { header: true } },
      transform: (df) => df.select("id", "no_such_column"),
      sink: { format: "delta", path: lake },
    });
    const error = await broken.run({ spark }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PipelineError);
    const summary = (error as PipelineError).summary;
    expect(summary.status).toBe("failed");
    expect(summary.error?.code).toBe("UNRESOLVED_COLUMN");
    expect((error as PipelineError).code).toBe("PIPELINE_FAILED");
    expect(await spark.read.format("delta").load(lake).count()).toBe(3);
    const runs = await spark.read
      .format("delta")
      .load(join(dir, "lake", "_runs"))
      .select("status", "error_code")
      .collect();
    expect(runs).toContainEqual({ status: "failed", error_code: "UNRESOLVED_COLUMN" });
  });

  it("a dry run plans and analyses without writing anything", async () => {
    const { raw, lake, dir } = workdir();
    const summary = await orders(raw, lake).run({ spark, dryRun: true });
    expect(summary.status).toBe("dry_run");
    expect(existsSync(lake)).toBe(false);
    expect(existsSync(join(dir, "lake", "_runs"))).toBe(false);
  });
});

describe("tributary run <pipeline.ts>", () => {
  const cli = (...argv: string[]) => runCli(argv);
  const cliWith = (isTTY: boolean, ...argv: string[]) => runCli(argv, isTTY);

  function moduleFile(dir: string, body: string, name = "pipeline.ts"): string {
    const file = join(dir, name);
    writeFileSync(
      file,
      `import { definePipeline, functions as F } from ${JSON.stringify(join(ROOT, "src", "index.js"))};\n${body}`,
    );
    return file;
  }

  it("runs the exported pipeline and prints its summary (plain or --json); exit 0", async () => {
    const { raw, lake, dir } = workdir();
    const file = moduleFile(
      dir,
      `export default definePipeline({ name: "cli_sales", source: { format: "csv", path: ${JSON.stringify(raw)}, options: { header: true, inferSchema: true } }, sink: { path: ${JSON.stringify(lake)} } });\n`,
    );
    const plain = await cli("run", file, "--master", "local[1]");
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(
      /^pipeline cli_sales run [0-9a-f-]{36}: succeeded in [\d.]+s on duckdb\n {2}rows: in 4, out 4, rejected 0, quarantined 0\n/,
    );
    const json = await cli("run", file, "--json");
    const summary = JSON.parse(json.out) as PipelineSummary;
    expect(json.code).toBe(0);
    expect(summary.table.version).toBe(1);
  });

  it("--dry-run writes nothing; a broken pipeline exits 2 with its summary", async () => {
    const { raw, lake, dir } = workdir();
    const good = moduleFile(
      dir,
      `export const pipeline = definePipeline({ name: "p", source: { format: "csv", path: ${JSON.stringify(raw)}, options: { header: true } }, sink: { path: ${JSON.stringify(lake)} } });\n`,
    );
    const dry = await cli("run", good, "--dry-run", "--json");
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out).status).toBe("dry_run");
    expect(existsSync(lake)).toBe(false);
    const bad = moduleFile(
      dir,
      `export default definePipeline({ name: "p", source: { format: "csv", path: ${JSON.stringify(join(dir, "missing.csv"))} }, sink: { path: ${JSON.stringify(lake)} } });\n`,
      "broken.ts",
    );
    const failed = await cli("run", bad, "--json");
    expect(failed.code, failed.out + failed.err).toBe(2);
    expect(JSON.parse(failed.out)).toMatchObject({ status: "failed" });
  });

  it("draws stage progress on a terminal only", async () => {
    const { raw, lake, dir } = workdir();
    const file = moduleFile(
      dir,
      `export default definePipeline({ name: "tty", source: { format: "csv", path: ${JSON.stringify(raw)}, options: { header: true } }, sink: { path: ${JSON.stringify(lake)} } });\n`,
      "tty.ts",
    );
    const tty = await cliWith(true, "run", file);
    expect(tty.code).toBe(0);
    for (const stage of ["read", "transform", "quality", "write"])
      expect(tty.err).toMatch(new RegExp(`✔ ${stage} [\\d.]+s`));
    const piped = await cliWith(false, "run", file);
    expect(piped.err).not.toContain("✔");
  });
});
