/**
 * `npm run bench:cdf`: the change data feed of one MERGE on the 3M-row flights table (CDF
 * enabled), read by tributary (`readChangeFeed`) vs delta-spark's `table_changes` (PySpark
 * local[*], JVM start excluded). Report only: the MERGE updates 1% of the rows and inserts
 * 10,000, so its feed is 30,000 pre/post images plus 10,000 inserts, in its cdc files.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DeltaTable, functions as F, SparkSession } from "../src/index.js";
import { dataDir, flightsCsv } from "./data.js";
import { lastJson, median } from "./stats.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const python = join(root, ".tributary", "interop", "venv", "bin", "python");
const jarsDir = join(root, ".tributary", "interop", "jars");
const repeats = Number(process.env.BENCH_REPEATS ?? 3);

const spark = await SparkSession.builder().getOrCreate();
const flights = spark.read
  .option("header", "true")
  .option("inferSchema", "true")
  .csv(await flightsCsv(1))
  .withColumn("rid", F.monotonically_increasing_id());
const path = join(dataDir, "cdf-flights");
rmSync(path, { recursive: true, force: true });
await flights.write.format("delta").option("delta.enableChangeDataFeed", "true").save(path);
const source = spark.read
  .format("delta")
  .load(path)
  .filter("rid % 100 = 7 OR rid < 10000")
  .select(
    F.expr("CASE WHEN rid < 10000 THEN rid + 100000000 ELSE rid END").alias("rid"),
    F.col("date"),
    F.col("delay").plus(1).alias("delay"),
    F.col("distance"),
    F.col("origin"),
    F.col("destination"),
  );
const mergeStart = performance.now();
const merged = await (await DeltaTable.forPath(spark, path))
  .alias("t")
  .merge(source.alias("s"), "t.rid = s.rid")
  .whenMatchedUpdateAll()
  .whenNotMatchedInsertAll()
  .execute();
const mergeSeconds = (performance.now() - mergeStart) / 1000;
const [merge] = await merged.collect();
const version = 1;

const feed = () =>
  spark.read
    .format("delta")
    .option("readChangeFeed", true)
    .option("startingVersion", version)
    .option("endingVersion", version)
    .load(path)
    .groupBy("_change_type")
    .agg(F.count(F.lit(1)).alias("n"), F.sum("distance").alias("d"))
    .collect();
const ours: number[] = [];
let counts: Record<string, number> = {};
for (let i = 0; i < repeats; i++) {
  const start = performance.now();
  const rows = await feed();
  ours.push((performance.now() - start) / 1000);
  counts = Object.fromEntries(rows.map((r) => [String(r._change_type), Number(r.n)]));
}
await spark.stop();

const jars = readdirSync(jarsDir)
  .filter((n) => n.endsWith(".jar"))
  .map((n) => join(jarsDir, n))
  .join(",");
const theirs = lastJson<{ job: number; counts: Record<string, number> }>(
  execFileSync(
    python,
    [
      join(root, "bench", "peers", "spark_table_changes.py"),
      path,
      String(version),
      jars,
      String(repeats),
    ],
    { encoding: "utf8", maxBuffer: 1 << 26, stdio: ["ignore", "pipe", "ignore"] },
  ),
);
const ratio = theirs.job / median(ours);
const plain = (_key: string, v: unknown) => (typeof v === "bigint" ? Number(v) : v);
console.log(`MERGE in ${mergeSeconds.toFixed(2)} s: ${JSON.stringify(merge, plain)}`);
console.log(
  `CDF read of one MERGE (${JSON.stringify(counts)}): tributary ${median(ours).toFixed(2)} s, delta-spark table_changes ${theirs.job.toFixed(2)} s (${JSON.stringify(theirs.counts)}): ${ratio.toFixed(1)}x`,
);
console.log(JSON.stringify({ cdfReadSeconds: median(ours), sparkSeconds: theirs.job, ratio }));
