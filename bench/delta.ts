/**
 * `npm run bench:delta`: Delta ingest and reads, side by side in one run.
 * - CSV -> Delta partitioned by day: tributary vs raw DuckDB COPY to partitioned Parquet
 *   (target <= 1.15x), vs PySpark local + delta-spark (target tributary >= 8x faster) and
 *   delta-rs write_deltalake (target: no slower at 3M rows, 1.5x faster at 30M, lower peak RSS);
 * - the 1 GB ingest under spark.driver.memory=512m: peak RSS and file counts;
 * - a 1,000-commit table (checkpoint every 10): read version 500, tributary vs delta-rs;
 * - a one-day filter on the 182-partition table: files read.
 * Peers come from `bash scripts/interop/setup.sh` (.tributary/interop).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SparkSession } from "../src/index.js";
import { dataDir, flightsCsv } from "./data.js";
import { lastJson, median } from "./stats.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const python = join(root, ".tributary", "interop", "venv", "bin", "python");
const jarsDir = join(root, ".tributary", "interop", "jars");
const runner = fileURLToPath(new URL("./ingest-one.ts", import.meta.url));

interface Sample {
  readonly seconds: number;
  readonly files?: number;
  readonly peakRssMb?: number;
  readonly rows?: number;
  readonly filesRead?: number;
  readonly filesSkipped?: number;
  readonly readSeconds?: number;
}

function nodeWith(env: Record<string, string>, ...args: string[]): Sample {
  const text = execFileSync(process.execPath, ["--import", "tsx", runner, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env: { ...process.env, ...env },
  });
  return lastJson<Sample>(text);
}

const node = (...args: string[]): Sample => nodeWith({}, ...args);

function py(script: string, ...args: string[]): Record<string, number> {
  const text = execFileSync(python, [join(root, "bench", "peers", script), ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    stdio: ["ignore", "pipe", "ignore"],
  });
  return lastJson(text);
}

const out = (name: string): string => {
  const p = join(dataDir, name);
  rmSync(p, { recursive: true, force: true });
  return p;
};

const peers = existsSync(python);
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const sizes: (1 | 10)[] = process.env.BENCH_SIZES === "1" ? [1] : [1, 10];
const mb = (xs: readonly number[]): number => Math.max(...xs);
for (const times of sizes) {
  const csv = await flightsCsv(times);
  const label = times === 1 ? "3M rows" : "30M rows";
  // Issue 15: no slower than delta-rs at 3M rows, 1.5x faster at 30M, with a lower peak RSS.
  const rsTarget = times === 1 ? 1 : 1.5;
  const trib: Sample[] = [];
  const duck: number[] = [];
  const rs: Record<string, number>[] = [];
  // The sides alternate, so a burst of load on this shared machine hits each of them alike.
  for (let i = 0; i < repeats; i++) {
    duck.push(node("duckdb", csv, out("b-duckdb")).seconds);
    trib.push(node("tributary-delta", csv, out("b-delta")));
    if (peers) rs.push(py("rs_ingest.py", csv, out("b-rs")));
  }
  const t = median(trib.map((s) => s.seconds));
  const d = median(duck);
  const rss = mb(trib.map((s) => s.peakRssMb ?? 0));
  console.log(
    `[${label}] CSV -> partitioned Delta: tributary ${t.toFixed(2)}s (peak RSS ${rss} MB) vs DuckDB COPY to Parquet ${d.toFixed(2)}s: ratio ${(t / d).toFixed(3)} (target <= 1.15)`,
  );
  if (peers) {
    const r = median(rs.map((x) => x.job ?? Number.NaN));
    const rRss = mb(rs.map((x) => x.peakRssMb ?? 0));
    console.log(
      `[${label}] delta-rs write_deltalake: ${r.toFixed(2)}s: tributary is ${(r / t).toFixed(2)}x faster (target >= ${rsTarget}); peak RSS tributary ${rss} MB vs delta-rs ${rRss} MB (target: lower)`,
    );
    const jars = readdirSync(jarsDir)
      .filter((f) => f.endsWith(".jar"))
      .map((f) => join(jarsDir, f))
      .join(",");
    const spark = py("spark_ingest.py", csv, out("b-spark"), jars);
    console.log(
      `[${label}] PySpark + delta-spark: job ${spark.job?.toFixed(2)}s (+ ${spark.startup?.toFixed(1)}s JVM start): tributary is ${((spark.job ?? 0) / t).toFixed(1)}x faster (target >= 8)`,
    );
  }
}

// Memory and file sizes under spark.driver.memory=512m on the 1 GB CSV (issue 15): peak RSS
// <= 512 MB + 256 MB partitioned (229 origins), unpartitioned, and behind a global sort; at
// most ceil(partition bytes / 128 MB) + 1 files per partition.
if (process.env.BENCH_SIZES !== "1") {
  const csv = await flightsCsv(10);
  const memory = { BENCH_CONF: JSON.stringify({ "spark.driver.memory": "512m" }) };
  const cases: [string, Record<string, string>][] = [
    ["partitioned by origin (229)", { BENCH_PARTITION_BY: "origin" }],
    ["unpartitioned", { BENCH_PARTITION_BY: "" }],
    ["global sort by delay, unpartitioned", { BENCH_PARTITION_BY: "", BENCH_SORT: "delay" }],
  ];
  for (const [name, env] of cases) {
    const s = nodeWith({ ...memory, ...env }, "tributary-delta", csv, out("b-memory"));
    console.log(
      `[30M rows, spark.driver.memory=512m] ${name}: peak RSS ${s.peakRssMb} MB (target <= 768), ${s.files} files, ${s.seconds.toFixed(1)}s`,
    );
  }
}

// One-day filter on the partitioned table written above.
{
  const table = join(dataDir, "b-delta");
  if (!existsSync(table)) node("tributary-delta", await flightsCsv(1), table);
  const s = node("one-day", table, "2001-01-05");
  console.log(
    `one-day filter: read ${s.filesRead} file(s), skipped ${s.filesSkipped} (rows ${s.rows})`,
  );
}

// 1,000 commits, checkpoint every 10; read version 500.
{
  const table = join(dataDir, "b-1000-commits");
  if (!existsSync(join(table, "_delta_log", "00000000000000000999.json"))) {
    rmSync(table, { recursive: true, force: true });
    const spark = await SparkSession.builder().master("local[1]").getOrCreate();
    for (let v = 0; v < 1000; v++) {
      await spark
        .createDataFrame([[v, `row ${v}`]], "v INT, s STRING")
        .write.format("delta")
        .mode("append")
        .save(table);
    }
    await spark.stop();
  }
  const ours = median(
    Array.from(
      { length: repeats },
      () => node("time-travel", table, "500").readSeconds ?? Number.NaN,
    ),
  );
  let line = `1,000-commit table, read version 500: tributary ${(ours * 1000).toFixed(0)} ms (open + read)`;
  if (peers) {
    const rs = median(
      Array.from(
        { length: repeats },
        () => py("rs_time_travel.py", table, "500").job ?? Number.NaN,
      ),
    );
    line += `, delta-rs ${(rs * 1000).toFixed(0)} ms (open + read): ratio ${(ours / rs).toFixed(2)} (target <= 1)`;
  }
  console.log(line);
}
