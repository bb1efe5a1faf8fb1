/**
 * `npm run bench:dv`: deletion vectors on the 3M-row flights table, in one run.
 * - DELETE of 1% of the rows (scattered over every file): with deletion vectors (rows marked)
 *   vs copy-on-write (files rewritten). Target: >= 5x faster with vectors.
 * - A full read (every column: the max of each, and the row count) of the table with those
 *   vectors vs the same table without any. Target: <= 1.2x. Also a one-column read (a sum
 *   and the count), the worst case for a positional filter: reported.
 */
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DeltaTable, functions as F, SparkSession } from "../src/index.js";
import { dataDir, flightsCsv } from "./data.js";
import { median } from "./stats.js";

const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const spark = await SparkSession.builder().getOrCreate();
const csv = await flightsCsv(1);
const flights = spark.read
  .option("header", "true")
  .option("inferSchema", "true")
  .csv(csv)
  .withColumn("rid", F.monotonically_increasing_id());
// The same rows twice: one table with deletion vectors enabled, one without.
const base = join(dataDir, "dv-base");
const plain = join(dataDir, "dv-plain");
for (const p of [base, plain]) rmSync(p, { recursive: true, force: true });
await flights.write.format("delta").option("delta.enableDeletionVectors", "true").save(base);
await spark.read.format("delta").load(base).write.format("delta").save(plain);

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

const predicate = "rid % 100 = 7";
const withDv: number[] = [];
const copyOnWrite: number[] = [];
const readDv: number[] = [];
const readPlain: number[] = [];
const oneDv: number[] = [];
const onePlain: number[] = [];
for (let i = 0; i < repeats; i++) {
  const dvPath = join(dataDir, "dv-marked");
  const cowPath = join(dataDir, "dv-cow");
  for (const p of [dvPath, cowPath]) rmSync(p, { recursive: true, force: true });
  cpSync(base, dvPath, { recursive: true });
  cpSync(plain, cowPath, { recursive: true });
  const dv = await DeltaTable.forPath(spark, dvPath);
  withDv.push(await timed(() => dv.delete(predicate)));
  const cow = await DeltaTable.forPath(spark, cowPath);
  copyOnWrite.push(await timed(() => cow.delete(predicate)));
  const sum = (p: string) =>
    spark.read
      .format("delta")
      .load(p)
      .agg(F.sum("distance"), F.count(F.lit(1)))
      .collect();
  const full = async (p: string) => {
    const df = spark.read.format("delta").load(p);
    return df.agg(F.count(F.lit(1)), ...(await df.columns).map((c) => F.max(c))).collect();
  };
  readDv.push(await timed(() => full(dvPath)));
  readPlain.push(await timed(() => full(plain)));
  oneDv.push(await timed(() => sum(dvPath)));
  onePlain.push(await timed(() => sum(plain)));
}
const del = median(copyOnWrite) / median(withDv);
const read = median(readDv) / median(readPlain);
const one = median(oneDv) / median(onePlain);
console.log(
  `DELETE 1% of 3M rows: with deletion vectors ${median(withDv).toFixed(2)} s, copy-on-write ${median(copyOnWrite).toFixed(2)} s: ${del.toFixed(1)}x faster (target >= 5x)`,
);
console.log(
  `full read with those vectors ${median(readDv).toFixed(2)} s vs none ${median(readPlain).toFixed(2)} s: ${read.toFixed(2)}x (target <= 1.2x)`,
);
console.log(
  `one-column read (sum, count) with those vectors ${median(oneDv).toFixed(2)} s vs none ${median(onePlain).toFixed(2)} s: ${one.toFixed(2)}x (report)`,
);
console.log(JSON.stringify({ deleteSpeedup: del, readRatio: read, oneColumnReadRatio: one }));
await spark.stop();
