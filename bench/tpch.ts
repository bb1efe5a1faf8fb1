/**
 * `npm run bench:tpch`: the 22 TPC-H queries through `spark.sql` on the embedded engine vs
 * the same SQL text in DuckDB directly (target: total time <= 1.10x), and vs PySpark local
 * (reported). Data: DuckDB's dbgen at `BENCH_TPCH_SF` (default 1), written once by
 * scripts/tpch/setup.sh. Each side runs in its own process (bench/tpch-one.ts), alternating,
 * `BENCH_REPEATS` times (default 3); a query's time is its median. `BENCH_TPCH_PYSPARK=0`
 * leaves PySpark out (it needs `bash scripts/interop/setup.sh`).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tpchData } from "../tests/tpch/data.js";
import { lastJson, median } from "./stats.js";

interface Pass {
  readonly seconds: number[];
  readonly rows: number[];
  readonly peakRssMb?: number;
  readonly startSeconds?: number;
}

const root = fileURLToPath(new URL("..", import.meta.url));
const sf = process.env.BENCH_TPCH_SF ?? "1";
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const dir = tpchData(sf);
const runner = join(root, "bench", "tpch-one.ts");
const python = join(root, ".tributary", "interop", "venv", "bin", "python");

function side(kind: "tributary" | "duckdb"): Pass {
  const text = execFileSync(process.execPath, ["--import", "tsx", runner, kind, dir], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return lastJson<Pass>(text);
}

function medians(passes: readonly Pass[]): number[] {
  return Array.from({ length: 22 }, (_, q) => median(passes.map((p) => p.seconds[q] ?? 0)));
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

console.log(`TPC-H sf ${sf}: 22 queries, median of ${repeats} runs per side, alternating`);
const t: Pass[] = [];
const d: Pass[] = [];
for (let i = 0; i < repeats; i++) {
  d.push(side("duckdb"));
  t.push(side("tributary"));
}
for (const [q, rows] of (d[0]?.rows ?? []).entries()) {
  if (t[0]?.rows[q] !== rows)
    throw new Error(`q${q + 1}: tributary returned ${t[0]?.rows[q]} rows, DuckDB ${rows}`);
}
const tm = medians(t);
const dm = medians(d);
const total = sum(tm);
const raw = sum(dm);
// Printed before PySpark runs, which takes minutes.
console.log("query  tributary  DuckDB  ratio");
for (let q = 0; q < 22; q++) {
  const a = tm[q] ?? 0;
  const b = dm[q] ?? 0;
  console.log(
    `q${String(q + 1).padEnd(4)} ${a.toFixed(3).padStart(8)}s ${b.toFixed(3).padStart(6)}s ${(a / b).toFixed(2).padStart(6)}`,
  );
}
console.log(
  `total: tributary ${total.toFixed(2)}s (peak RSS ${Math.max(...t.map((p) => p.peakRssMb ?? 0))} MB), ` +
    `raw DuckDB ${raw.toFixed(2)}s (peak RSS ${Math.max(...d.map((p) => p.peakRssMb ?? 0))} MB), ` +
    `ratio ${(total / raw).toFixed(3)} (target <= 1.10)`,
);
if (process.env.BENCH_TPCH_PYSPARK !== "0" && existsSync(python)) {
  const text = execFileSync(
    python,
    [
      join(root, "bench", "peers", "spark_tpch.py"),
      dir,
      join(root, "tests", "tpch", "queries"),
      "2",
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  const spark = lastJson<Pass>(text);
  console.log("query  PySpark  PySpark/tributary");
  for (let q = 0; q < 22; q++) {
    const s = spark.seconds[q] ?? 0;
    console.log(
      `q${String(q + 1).padEnd(4)} ${s.toFixed(2).padStart(7)}s ${(s / (tm[q] ?? 1)).toFixed(1).padStart(8)}x`,
    );
  }
  const s = sum(spark.seconds);
  console.log(
    `PySpark local[2]: ${s.toFixed(2)}s (JVM start ${(spark.startSeconds ?? 0).toFixed(1)}s not counted), ${(s / total).toFixed(1)}x tributary's time`,
  );
}
