/**
 * The seed's pipeline with s3:// paths end to end: a raw CSV drop at s3://bucket/raw/data.csv
 * (5,000 real flights from vega-datasets) is cleaned, enriched and aggregated by the bundled
 * example's transforms, written as a Delta table at s3://bucket/processed/data partitioned by
 * date, and read back: with the seed's helpers, as a defined pipeline (its run log beside the
 * sink, on S3 too), and from the command line (`tributary run`, `show`, `delta history`).
 * Expected numbers are PySpark 4.0.1's for the same input and transforms.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clean, dailyDelays, withDelayCategory } from "../../examples/flights/pipeline.js";
import { flightsParquet } from "../../examples/flights/prepare.js";
import {
  createSparkSession,
  type DataFrame,
  DataReader,
  DataWriter,
  definePipeline,
  functions as F,
  S3Storage,
  type SparkSession,
} from "../../src/index.js";
import { runCli } from "../helpers/cli.js";
import { newBucket, s3Settings } from "./helpers.js";

const ROOT = join(import.meta.dirname, "..", "..");
let spark: SparkSession;
let bucket: string;

beforeAll(async () => {
  spark = await createSparkSession("seed-on-s3", {
    ...s3Settings(),
    "spark.master": "local[2]",
    "spark.sql.session.timeZone": "UTC",
  });
  bucket = await newBucket();
  // The upstream drop: one CSV object, as the seed's source is.
  const local = mkdtempSync(join(tmpdir(), "seed-s3-"));
  await spark.read
    .parquet(flightsParquet())
    .orderBy("date", "delay", "distance", "origin", "destination")
    .limit(5000)
    .select(
      F.date_format(F.col("date"), "yyyy-MM-dd HH:mm:ss").alias("scheduled_departure"),
      "origin",
      "destination",
      "distance",
      "delay",
    )
    .write.option("header", true)
    .csv(local);
  const part = readdirSync(local).find((n) => n.endsWith(".csv")) ?? "";
  await new S3Storage(s3Settings()).put(
    `s3://${bucket}/raw/data.csv`,
    readFileSync(join(local, part)),
  );
});
afterAll(async () => {
  await spark.stop();
});

const transform = (df: DataFrame): DataFrame =>
  df.transform(clean).transform(withDelayCategory).transform(dailyDelays);

/** PySpark's answers for the 5,000 flights (one day, 202 origin airports). */
async function expectSparksAnswer(table: DataFrame): Promise<void> {
  expect((await table.schema).simpleString()).toBe(
    "struct<flight_date:date,origin:string,flights:bigint,avg_delay:double,max_delay:int,late_flights:bigint>",
  );
  expect(await table.count()).toBe(202);
  const [totals] = await table
    .agg(
      F.sum("flights").alias("f"),
      F.sum("late_flights").alias("l"),
      F.max("max_delay").alias("m"),
    )
    .collect();
  expect(totals).toEqual({ f: 5000n, l: 1114n, m: 1191 });
  const top = await table
    .orderBy(F.col("late_flights").desc(), "flight_date", "origin")
    .limit(3)
    .select("origin", "flights", "avg_delay", "max_delay", "late_flights")
    .collect();
  expect(top).toEqual([
    { origin: "DFW", flights: 165n, avg_delay: 42.97, max_delay: 230, late_flights: 115n },
    { origin: "ATL", flights: 159n, avg_delay: 39.5, max_delay: 184, late_flights: 112n },
    { origin: "ORD", flights: 278n, avg_delay: 2.4, max_delay: 133, late_flights: 57n },
  ]);
}

describe("the seed's pipeline on S3", () => {
  it("DataReader.readCsv -> transforms -> DataWriter.writeDelta -> readDelta", async () => {
    const reader = new DataReader(spark);
    const raw = reader.readCsv(`s3://${bucket}/raw/data.csv`);
    const table = `s3://${bucket}/processed/data`;
    const written = await DataWriter.writeDelta(transform(raw), table, {
      partitionBy: ["flight_date"],
    });
    expect(written.version).toBe(0);
    await expectSparksAnswer(reader.readDelta(table));
    await expectSparksAnswer(reader.readDelta(table, { version: 0 }));
  });

  it("runs as a defined pipeline, its run log beside the sink on S3", async () => {
    const sink = `s3a://${bucket}/pipeline/daily`;
    const pipeline = definePipeline({
      name: "daily_delays",
      source: {
        format: "csv",
        path: `s3a://${bucket}/raw/data.csv`,
        options: { header: true, inferSchema: true },
      },
      transform,
      sink: { format: "delta", path: sink, mode: "overwrite", partitionBy: ["flight_date"] },
    });
    const summary = await pipeline.run({ spark });
    expect(summary).toMatchObject({
      status: "succeeded",
      rows: { in: 5000, out: 202, rejected: 0 },
      table: { path: sink, version: 0 },
      runsPath: `s3a://${bucket}/pipeline/_runs`,
    });
    await expectSparksAnswer(spark.read.format("delta").load(sink));
    const runs = await spark.read.format("delta").load(`s3a://${bucket}/pipeline/_runs`).collect();
    expect(runs.map((r) => [r.run_id, r.status, r.rows_out])).toEqual([
      [summary.runId, "succeeded", 202n],
    ]);
  });

  it("runs from the command line: tributary run, show and delta history on s3:// paths", async () => {
    const dir = mkdtempSync(join(tmpdir(), "seed-s3-cli-"));
    const sink = `s3://${bucket}/cli/daily`;
    const file = join(dir, "pipeline.ts");
    writeFileSync(
      file,
      `import { definePipeline } from ${JSON.stringify(join(ROOT, "src", "index.js"))};
import { clean, dailyDelays, withDelayCategory } from ${JSON.stringify(join(ROOT, "examples", "flights", "pipeline.js"))};
export default definePipeline({
  name: "cli_daily",
  source: { format: "csv", path: "s3://${bucket}/raw/data.csv", options: { header: true, inferSchema: true } },
  transform: (df) => df.transform(clean).transform(withDelayCategory).transform(dailyDelays),
  sink: { format: "delta", path: ${JSON.stringify(sink)}, partitionBy: ["flight_date"] },
});
`,
    );
    const conf = Object.entries({ ...s3Settings(), "spark.sql.session.timeZone": "UTC" }).flatMap(
      ([k, v]) => ["--conf", `${k}=${v}`],
    );
    const run = await runCli(["run", file, "--master", "local[1]", "--json", ...conf]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({
      status: "succeeded",
      rows: { in: 5000, out: 202 },
      table: { path: sink, version: 0 },
    });
    const show = await runCli(["show", sink, "--json", "--limit", "1000", ...conf]);
    expect(show.code).toBe(0);
    const rows = JSON.parse(show.out) as { flights: number }[];
    expect(rows).toHaveLength(202);
    expect(rows.reduce((n, r) => n + Number(r.flights), 0)).toBe(5000);
    const history = await runCli(["delta", "history", sink, "--json", ...conf]);
    expect(history.code).toBe(0);
    expect((JSON.parse(history.out) as { version: number }[]).map((h) => h.version)).toEqual([0]);

    const suite = join(dir, "suite.json");
    writeFileSync(
      suite,
      JSON.stringify({
        name: "daily",
        expectations: [
          {
            type: "expect_table_row_count_to_be_between",
            kwargs: { min_value: 1, max_value: 1000 },
          },
          { type: "expect_column_values_to_not_be_null", kwargs: { column: "origin" } },
        ],
      }),
    );
    const validate = await runCli(["validate", sink, "--suite", suite, "--json", ...conf]);
    expect(validate.code).toBe(0);
    expect(JSON.parse(validate.out)).toMatchObject({ success: true });
    const health = await runCli(["health", sink, "--json", ...conf]);
    expect(health.code).toBe(0);
    expect(JSON.parse(health.out)).toMatchObject({ rowCount: 202, version: 0 });
  });
});
