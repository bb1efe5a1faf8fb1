/**
 * One measured run, in its own process (so peak RSS is this run's alone). Prints
 * {seconds, cpuSeconds, peakRssMb, rows} as JSON (CPU time of this process since the timer
 * started, DuckDB's threads included: comparable between sides on a loaded machine).
 *
 *   tsx bench/ingest-one.ts tributary|tributary-delta|duckdb <csv> <out>   (local or s3://)
 *   tsx bench/ingest-one.ts time-travel <table> <version>
 *   tsx bench/ingest-one.ts spark-delta <csv> <out> <sc://url>   (the Spark engine)
 *
 * `BENCH_CONF` (JSON) adds settings to the embedded session, e.g. the `spark.hadoop.fs.s3a.*`
 * of an S3 server when `<csv>` and `<out>` are `s3://` locations, or `spark.driver.memory`.
 * `BENCH_PARTITION_BY` (comma-separated, empty for none; default `day`) and `BENCH_SORT` (a
 * column: a global sort before the write) shape the tributary ingest.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { functions as F, SparkSession } from "../src/index.js";

const [kind, a = "", b = "", url = ""] = process.argv.slice(2);
// The engine module loads lazily with the first session; load it before the timer, as the
// raw DuckDB side loads @duckdb/node-api before its timer (under tsx, loading means compiling
// the engine's sources: ~0.6 s of CPU that a built package does not spend).
if (kind?.startsWith("tributary")) await import("../src/engine/duckdb/engine.js");
const started = performance.now();
const cpuAtStart = process.cpuUsage();
let rows = 0;
let extra: Record<string, unknown> = {};
const conf = JSON.parse(process.env.BENCH_CONF ?? "{}") as Record<string, string>;
const session = () =>
  SparkSession.builder()
    .master("local[*]")
    .config({ ...conf, "spark.sql.session.timeZone": "UTC" })
    .getOrCreate();

if (kind === "tributary" || kind === "tributary-delta") {
  const spark = await session();
  const partitionBy = (process.env.BENCH_PARTITION_BY ?? "day").split(",").filter(Boolean);
  const sortBy = process.env.BENCH_SORT;
  const read = spark.read
    .option("header", true)
    .option("inferSchema", true)
    .csv(a)
    .withColumn("day", F.to_date(F.col("date")));
  const writer = (sortBy === undefined ? read : read.orderBy(sortBy)).write.partitionBy(
    ...partitionBy,
  );
  const result =
    kind === "tributary" ? await writer.parquet(b) : await writer.format("delta").save(b);
  rows = result.rowsWritten;
  await spark.stop();
  extra = { files: result.files.length };
} else if (kind === "spark-delta") {
  const spark = await SparkSession.builder()
    .remote(url)
    .config("spark.sql.session.timeZone", "UTC")
    .create();
  // Timed like the PySpark peer: from a connected session to the committed table.
  const t0 = performance.now();
  await spark.read
    .option("header", true)
    .option("inferSchema", true)
    .csv(a)
    .withColumn("day", F.to_date(F.col("date")))
    .write.format("delta")
    .partitionBy("day")
    .save(b);
  extra = { jobSeconds: (performance.now() - t0) / 1000 };
  await spark.stop();
} else if (kind === "time-travel") {
  const spark = await session();
  // Timed from here: open the table at the version and read it (as the delta-rs side does).
  const t0 = performance.now();
  rows = (await spark.read.format("delta").option("versionAsOf", Number(b)).load(a).collect())
    .length;
  extra = { readSeconds: (performance.now() - t0) / 1000 };
  await spark.stop();
} else if (kind === "one-day") {
  const spark = await session();
  const df = spark.read.format("delta").load(a).filter(F.col("day").eq(b));
  rows = await df.count();
  const [m] = df.inputMetrics();
  extra = { filesRead: m?.filesRead, filesSkipped: m?.filesSkipped };
  await spark.stop();
} else {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run("SET TimeZone = 'UTC'");
  const endpoint = conf["spark.hadoop.fs.s3a.endpoint"];
  if (endpoint !== undefined) {
    // DuckDB's own S3 access (httpfs), for the S3 benchmark's floor; the keys are moto's.
    const q = (v: string | undefined) => `'${(v ?? "").replaceAll("'", "''")}'`;
    await c.run(
      `SET extension_directory = ${q(conf["spark.tributary.duckdb.extensionDirectory"])}`,
    );
    await c.run("LOAD httpfs");
    await c.run(
      `CREATE SECRET (TYPE s3, KEY_ID ${q(conf["spark.hadoop.fs.s3a.access.key"])}, SECRET ${q(conf["spark.hadoop.fs.s3a.secret.key"])}, ENDPOINT ${q(endpoint.replace(/^https?:\/\//, ""))}, URL_STYLE 'path', USE_SSL false, REGION 'us-east-1')`,
    );
  }
  const reader = await c.runAndReadAll(
    `COPY (SELECT *, CAST(date AS DATE) AS day FROM read_csv('${a.replaceAll("'", "''")}', header = true))
       TO '${b.replaceAll("'", "''")}' (FORMAT parquet, PARTITION_BY (day))`,
  );
  rows = Number(reader.getRows()[0]?.[0] ?? 0);
  c.closeSync();
  db.closeSync();
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuAtStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ seconds, cpuSeconds, peakRssMb, rows, ...extra }));
