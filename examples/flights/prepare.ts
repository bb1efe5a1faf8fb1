/**
 * Builds the example's raw input: the 3 million real flights shipped by the `vega-datasets`
 * package, dropped as monthly CSV files with a header, the way an upstream system would
 * deliver them. Runs once; later runs reuse the files.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { functions as F, type SparkSession } from "../../src/index.js";

const require = createRequire(import.meta.url);

/** The flights-3m.parquet file inside the installed vega-datasets package. */
export function flightsParquet(): string {
  return join(dirname(require.resolve("vega-datasets")), "..", "data", "flights-3m.parquet");
}

/** Writes `<dir>/month=YYYY-MM/part-*.csv` unless it exists; returns the directory. */
export async function prepareRawDrop(spark: SparkSession, dir: string): Promise<string> {
  if (existsSync(join(dir, "_SUCCESS"))) return dir;
  await spark.read
    .parquet(flightsParquet())
    .select(
      F.date_format(F.col("date"), "yyyy-MM-dd HH:mm:ss").alias("scheduled_departure"),
      F.col("origin"),
      F.col("destination"),
      F.col("distance"),
      F.col("delay"),
      F.date_format(F.col("date"), "yyyy-MM").alias("month"),
    )
    .write.mode("overwrite")
    .option("header", true)
    .partitionBy("month")
    .csv(dir);
  return dir;
}
