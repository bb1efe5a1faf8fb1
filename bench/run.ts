/**
 * `npm run bench`: CSV -> Parquet partitioned by date, through the tributary API and through
 * DuckDB's own `COPY ... PARTITION_BY` in the same run, on 3M and 30M rows. Prints times,
 * the ratio tributary / raw DuckDB (target <= 1.10) and peak memory (RSS).
 *
 * Each measurement runs in a fresh child process so peak RSS belongs to that run alone.
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dataDir, flightsCsv } from "./data.js";
import { lastJson, median } from "./stats.js";

interface Sample {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly rows: number;
}

const runner = fileURLToPath(new URL("./ingest-one.ts", import.meta.url));

function measure(kind: "tributary" | "duckdb", csv: string): Sample {
  const out = join(dataDir, `out-${kind}`);
  rmSync(out, { recursive: true, force: true });
  const text = execFileSync(process.execPath, ["--import", "tsx", runner, kind, csv, out], {
    encoding: "utf8",
  });
  rmSync(out, { recursive: true, force: true });
  return lastJson<Sample>(text);
}

const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const sizes: (1 | 10)[] = process.env.BENCH_SIZES === "1" ? [1] : [1, 10];
console.log("CSV -> Parquet partitioned by date (median of", repeats, "runs, alternating)");
for (const times of sizes) {
  const csv = await flightsCsv(times);
  const t: Sample[] = [];
  const d: Sample[] = [];
  for (let i = 0; i < repeats; i++) {
    d.push(measure("duckdb", csv));
    t.push(measure("tributary", csv));
  }
  const ts = median(t.map((s) => s.seconds));
  const ds = median(d.map((s) => s.seconds));
  const tc = median(t.map((s) => s.cpuSeconds));
  const dc = median(d.map((s) => s.cpuSeconds));
  const label = times === 1 ? "3M rows (106 MB)" : "30M rows (1 GB)";
  console.log(
    `${label}: tributary ${ts.toFixed(2)}s (peak RSS ${Math.max(...t.map((s) => s.peakRssMb))} MB), ` +
      `raw DuckDB ${ds.toFixed(2)}s (peak RSS ${Math.max(...d.map((s) => s.peakRssMb))} MB), ratio ${(ts / ds).toFixed(3)} (target <= 1.05); ` +
      `CPU ${tc.toFixed(2)}s vs ${dc.toFixed(2)}s, ratio ${(tc / dc).toFixed(3)}`,
  );
}
