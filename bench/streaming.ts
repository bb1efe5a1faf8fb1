/**
 * `npm run bench:stream`: incremental ingestion (Structured Streaming, availableNow) of a
 * directory of CSV files into Delta, tributary vs PySpark + delta-spark on the same files:
 * - 1,000 small files (100 flights each) and 10 large ones (300,000 flights each): time to
 *   ingest (target: PySpark's job time / ours >= 10x);
 * - a run that finds nothing new, with a checkpoint of 1,000 batches (target < 200 ms);
 * - peak memory of the large ingest with and without maxFilesPerTrigger.
 * Each measurement runs in its own process. Inputs are built once under bench/data/stream/.
 */
import { execFileSync } from "node:child_process";
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { dataDir, flightsCsv } from "./data.js";
import { lastJson, median } from "./stats.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const python = join(root, ".tributary", "interop", "venv", "bin", "python");
const jarsDir = join(root, ".tributary", "interop", "jars");
const runner = fileURLToPath(new URL("./stream-one.ts", import.meta.url));
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const streamDir = join(dataDir, "stream");

/** Splits the flights CSV: `small` = 1,000 files of 100 rows, `large` = 10 of 300,000. */
async function inputs(): Promise<{ small: string; large: string }> {
  const small = join(streamDir, "small");
  const large = join(streamDir, "large");
  if (existsSync(join(small, "part-0999.csv")) && existsSync(join(large, "part-09.csv")))
    return { small, large };
  mkdirSync(small, { recursive: true });
  mkdirSync(large, { recursive: true });
  const csv = await flightsCsv(1);
  let header = "";
  let rows: string[] = [];
  let smallDone = 0;
  let largeDone = 0;
  const bigRows: string[] = [];
  for await (const line of createInterface({ input: createReadStream(csv) })) {
    if (header === "") {
      header = line;
      continue;
    }
    if (smallDone < 1000) {
      rows.push(line);
      if (rows.length === 100) {
        const name = `part-${String(smallDone).padStart(4, "0")}.csv`;
        writeFileSync(join(small, name), `${header}\n${rows.join("\n")}\n`);
        rows = [];
        smallDone++;
      }
    }
    bigRows.push(line);
    if (bigRows.length === 300_000) {
      const name = `part-${String(largeDone).padStart(2, "0")}.csv`;
      writeFileSync(join(large, name), `${header}\n${bigRows.join("\n")}\n`);
      bigRows.length = 0;
      largeDone++;
    }
  }
  return { small, large };
}

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    stdio: ["ignore", "pipe", "inherit"],
  });
}

const fresh = (name: string): string => {
  const p = join(streamDir, "out", name);
  rmSync(p, { recursive: true, force: true });
  return p;
};

interface Run {
  readonly seconds: number;
  readonly jobSeconds: number;
  readonly peakRssMb: number;
  readonly rows: number;
  readonly batches: number;
  readonly lastBatchId: number;
}

function ours(dir: string, name: string, maxFiles = ""): Run {
  const table = fresh(`${name}-table`);
  const cp = fresh(`${name}-cp`);
  return lastJson<Run>(sh(process.execPath, ["--import", "tsx", runner, dir, table, cp, maxFiles]));
}

/** Re-runs a query over its existing checkpoint: nothing is new. */
function oursAgain(dir: string, name: string): Run {
  const table = join(streamDir, "out", `${name}-table`);
  const cp = join(streamDir, "out", `${name}-cp`);
  return lastJson<Run>(sh(process.execPath, ["--import", "tsx", runner, dir, table, cp]));
}

const jars = existsSync(jarsDir)
  ? readdirSync(jarsDir)
      .filter((f) => f.endsWith(".jar"))
      .map((f) => join(jarsDir, f))
      .join(",")
  : "";

function theirs(dir: string, name: string, maxFiles = ""): { startup: number; job: number } {
  const args = [
    join(root, "bench", "peers", "spark_stream.py"),
    dir,
    fresh(`${name}-spark-table`),
    fresh(`${name}-spark-cp`),
    jars,
  ];
  if (maxFiles !== "") args.push(maxFiles);
  return lastJson<{ startup: number; job: number }>(sh(python, args));
}

const { small, large } = await inputs();
const peers = existsSync(python) && jars !== "" && process.env.BENCH_SKIP_SPARK !== "1";
const fmt = (s: number): string => `${s.toFixed(2)} s`;

for (const [label, dir] of [
  ["1,000 small files (100k rows)", small],
  ["10 large files (3M rows)", large],
] as const) {
  const t: number[] = [];
  const p: number[] = [];
  let run: Run | undefined;
  for (let i = 0; i < repeats; i++) {
    run = ours(dir, "ingest");
    t.push(run.jobSeconds);
    if (peers) p.push(theirs(dir, "ingest").job);
  }
  const line = `${label}: tributary ${fmt(median(t))} (${run?.rows} rows, ${run?.batches} batch(es), peak ${run?.peakRssMb} MB)`;
  console.log(
    peers
      ? `${line}; PySpark ${fmt(median(p))}; ratio ${(median(p) / median(t)).toFixed(1)}x`
      : line,
  );
}

// A checkpoint of 1,000 batches (one small file each), then runs that find nothing new.
// BENCH_KEEP_CHECKPOINT=1 reuses the one a previous run built (it takes minutes).
if (process.env.BENCH_KEEP_CHECKPOINT !== "1" || !existsSync(join(streamDir, "out", "idle-cp"))) {
  const built = ours(small, "idle", "1");
  console.log(`checkpoint of ${built.lastBatchId + 1} batches built in ${fmt(built.jobSeconds)}`);
}
const idle: number[] = [];
for (let i = 0; i < repeats; i++) idle.push(oursAgain(small, "idle").jobSeconds * 1000);
console.log(`run that finds nothing new (1,000-batch checkpoint): ${median(idle).toFixed(0)} ms`);

// Peak memory of the large ingest, whole vs one file per batch.
const whole = ours(large, "mem");
const capped = ours(large, "mem-capped", "1");
console.log(
  `peak RSS, 10 large files: ${whole.peakRssMb} MB in one batch; ${capped.peakRssMb} MB with maxFilesPerTrigger=1 (${capped.batches} batches, ${fmt(capped.jobSeconds)})`,
);
