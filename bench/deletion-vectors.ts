/**
 * `npm run bench:dv`: deletion vectors on the 3M-row flights table, in one run.
 * - DELETE of 1% of the rows (scattered over every file): with deletion vectors (rows marked)
 *   vs copy-on-write (files rewritten). Target: >= 5x faster with vectors.
 * - A full read (every column: the max of each, and the row count) of the table with those
 *   vectors vs the same table without any. Target: <= 1.2x. Also a one-column read (a sum
 *   and the count), the worst case for a positional filter: reported.
 */
import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { DeltaTable, functions as F, SparkSession } from "../src/index.js";
import { dataDir, flightsCsv } from "./data.js";
import { median } from "./stats.js";

const repeats = Number(process.env.BENCH_REPEATS ?? 3);
// DuckDB's delta extension (bash scripts/storage/setup.sh installs it here) drops deleted rows
// inside its Parquet reader; without it, reads anti-join the deleted positions (reported too).
const extensions = join(dataDir, "..", "..", ".tributary", "storage", "duckdb-extensions");
const builder = SparkSession.builder();
if (existsSync(extensions)) builder.config("spark.tributary.duckdb.extensionDirectory", extensions);
const spark = await builder.getOrCreate();
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
// Reads: [cold, warm] x [with vectors, without], each as wall and process CPU seconds.
const reads = {
  cold: { dv: [] as number[], plain: [] as number[] },
  warm: { dv: [] as number[], plain: [] as number[] },
};
const cpu = {
  cold: { dv: [] as number[], plain: [] as number[] },
  warm: { dv: [] as number[], plain: [] as number[] },
};
const sqlPath = { wall: [] as number[], cpu: [] as number[] };
const oneDv: number[] = [];
const onePlain: number[] = [];

async function cpuTimed(fn: () => Promise<unknown>): Promise<[number, number]> {
  const c = process.cpuUsage();
  const wall = await timed(fn);
  const d = process.cpuUsage(c);
  return [wall, (d.user + d.system) / 1e6];
}

for (let i = 0; i < repeats; i++) {
  const dvPath = join(dataDir, "dv-marked");
  const cowPath = join(dataDir, "dv-cow");
  const plainCopy = join(dataDir, "dv-plain-copy");
  for (const p of [dvPath, cowPath, plainCopy]) rmSync(p, { recursive: true, force: true });
  cpSync(base, dvPath, { recursive: true });
  cpSync(plain, cowPath, { recursive: true });
  // A fresh copy of the table without vectors, so both sides of the cold read are equally
  // cold: never read by this session, files just written (in the page cache).
  cpSync(plain, plainCopy, { recursive: true });
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
  // Cold: the first read of each table in this session (its log, its vectors, the file's
  // footer); warm: the same read again. Sides alternate which goes first.
  const order = i % 2 === 0 ? (["dv", "plain"] as const) : (["plain", "dv"] as const);
  for (const phase of ["cold", "warm"] as const) {
    for (const side of order) {
      const [wall, c] = await cpuTimed(() => full(side === "dv" ? dvPath : plainCopy));
      reads[phase][side].push(wall);
      cpu[phase][side].push(c);
    }
  }
  oneDv.push(await timed(() => sum(dvPath)));
  onePlain.push(await timed(() => sum(plainCopy)));
  // The same warm read without the extension: deleted positions anti-joined in SQL.
  await spark.conf.set("spark.tributary.duckdb.deltaExtension", "false");
  const [wall, c] = await cpuTimed(() => full(dvPath));
  sqlPath.wall.push(wall);
  sqlPath.cpu.push(c);
  await spark.conf.set("spark.tributary.duckdb.deltaExtension", "true");
}
const del = median(copyOnWrite) / median(withDv);
const ratio = (xs: { dv: number[]; plain: number[] }) => median(xs.dv) / median(xs.plain);
const read = ratio(reads.cold);
const warm = ratio(reads.warm);
const one = median(oneDv) / median(onePlain);
console.log(
  `DELETE 1% of 3M rows: with deletion vectors ${median(withDv).toFixed(2)} s, copy-on-write ${median(copyOnWrite).toFixed(2)} s: ${del.toFixed(1)}x faster (target >= 5x)`,
);
for (const phase of ["cold", "warm"] as const)
  console.log(
    `full read (${phase}) with those vectors ${median(reads[phase].dv).toFixed(3)} s vs none ${median(reads[phase].plain).toFixed(3)} s: ${ratio(reads[phase]).toFixed(2)}x wall, ${ratio(cpu[phase]).toFixed(2)}x CPU (target <= 1.2x)`,
  );
console.log(
  `full read (warm) without DuckDB's delta extension (SQL anti-join): ${(median(sqlPath.wall) / median(reads.warm.plain)).toFixed(2)}x wall, ${(median(sqlPath.cpu) / median(cpu.warm.plain)).toFixed(2)}x CPU (report)`,
);
console.log(
  `one-column read (sum, count) with those vectors ${median(oneDv).toFixed(3)} s vs none ${median(onePlain).toFixed(3)} s: ${one.toFixed(2)}x (report)`,
);
console.log(
  JSON.stringify({
    deleteSpeedup: del,
    readRatio: read,
    warmReadRatio: warm,
    coldCpuRatio: ratio(cpu.cold),
    warmCpuRatio: ratio(cpu.warm),
    oneColumnReadRatio: one,
  }),
);
await spark.stop();
