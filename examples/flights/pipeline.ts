/**
 * The bundled example: raw flight CSV drops -> typed, cleaned, enriched -> daily delay
 * statistics per airport, written as a Delta table partitioned by date (one atomic commit
 * per run; earlier runs stay readable with time travel).
 *
 *   npm run example                                              (embedded DuckDB engine, no JVM)
 *   npx tributary run examples/flights/pipeline.ts --master sc://127.0.0.1:15002   (Spark)
 *
 * The code sets no master: `tributary run --master`, SPARK_REMOTE or spark-defaults.conf
 * pick the engine (local[*] when none does), as with spark-submit.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DataFrame, DeltaTable, functions as F, SparkSession } from "../../src/index.js";
import { prepareRawDrop } from "./prepare.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const rawDir = join(here, "data", "raw");
const outDir = join(here, "out", "daily_delays");

/** A delay category from minutes of delay. */
export function withDelayCategory(df: DataFrame): DataFrame {
  return df.withColumn(
    "delay_category",
    F.when(F.col("delay").leq(0), "on_time")
      .when(F.col("delay").leq(15), "minor")
      .when(F.col("delay").leq(60), "moderate")
      .otherwise("severe"),
  );
}

/** Typed timestamp, flight date, and only flights with a known delay and distance. */
export function clean(df: DataFrame): DataFrame {
  return df
    .withColumn("departure", F.to_timestamp(F.col("scheduled_departure"), "yyyy-MM-dd HH:mm:ss"))
    .withColumn("flight_date", F.to_date(F.col("departure")))
    .filter("delay IS NOT NULL AND distance > 0");
}

/** Daily statistics per origin airport. */
export function dailyDelays(df: DataFrame): DataFrame {
  return df
    .groupBy("flight_date", "origin")
    .agg(
      F.count("*").alias("flights"),
      F.round(F.avg("delay"), 2).alias("avg_delay"),
      F.max("delay").alias("max_delay"),
      F.sum(F.when(F.col("delay_category").isin("moderate", "severe"), 1).otherwise(0)).alias(
        "late_flights",
      ),
    );
}

async function main(): Promise<void> {
  const started = performance.now();
  const spark = await SparkSession.builder().appName("flights-example").getOrCreate();
  try {
    await prepareRawDrop(spark, rawDir);
    const raw = spark.read
      .format("csv")
      .option("header", true)
      .option("inferSchema", true)
      .load(rawDir);
    const daily = raw.transform(clean).transform(withDelayCategory).transform(dailyDelays);
    const result = await daily.write
      .format("delta")
      .mode("overwrite")
      .partitionBy("flight_date")
      .save(outDir);
    const [read] = raw.inputMetrics();
    // Spark reports no per-file results through Connect: ask the table instead.
    const table = spark.read.format("delta").load(outDir);
    const rowsOut = Number.isFinite(result.rowsWritten) ? result.rowsWritten : await table.count();
    const partitions =
      result.files.length > 0
        ? new Set(result.files.map((f) => JSON.stringify(f.partitionValues))).size
        : await table.select("flight_date").distinct().count();
    const version =
      result.version ??
      (await (await (await DeltaTable.forPath(spark, outDir)).history(1)).first())?.version;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log("flights example: done");
    // Spark reports no read metrics through Connect: count the input there (one more scan).
    const rowsIn = read?.rowsRead ?? (await raw.count());
    console.log(`  rows in:     ${rowsIn} (rejected ${read?.rowsRejected ?? 0})`);
    console.log(
      `  rows out:    ${rowsOut}${result.files.length > 0 ? ` (${result.files.length} files)` : ""}`,
    );
    console.log(`  partitions:  ${partitions} (flight_date)`);
    console.log(
      `  output:      ${outDir} (Delta table, version ${version}, ${spark.engine.name} engine)`,
    );
    console.log(`  time taken:  ${seconds}s`);
    await spark.read.format("delta").load(outDir).orderBy(F.col("late_flights").desc()).show(5);
  } finally {
    await spark.stop();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
