/**
 * `npm run bench:quality`: a 20-expectation suite (examples/quality/flights-suite.json) on
 * the flights CSV (3M rows), side by side in one run:
 * - tributary `validate` on the embedded engine vs a single `count(*)` scan of the same CSV
 *   through tributary and through DuckDB directly (target: <= 1.5x, at most two scans);
 * - Great Expectations 1.x with its pandas engine on the same CSV and suite (read and
 *   validate timed apart). GE comes from `bash scripts/quality/setup.sh`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { loadSuite, SparkSession, validate } from "../src/index.js";
import { flightsCsv } from "./data.js";
import { median } from "./stats.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const suitePath = join(root, "examples", "quality", "flights-suite.json");
const python = join(root, ".tributary", "quality", "venv", "bin", "python");
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const SCHEMA = "date TIMESTAMP, delay INT, distance INT, origin STRING, destination STRING";

const csv = await flightsCsv(1);
const suite = loadSuite(readFileSync(suitePath, "utf8"));
const spark = await SparkSession.builder()
  .master("local[*]")
  .config("spark.sql.session.timeZone", "UTC")
  .create();
const df = () => spark.read.schema(SCHEMA).option("header", true).csv(csv);

const db = await DuckDBInstance.create(":memory:");
const conn = await db.connect();
const counts: number[] = [];
const raw: number[] = [];
const suites: number[] = [];
let scans = 0;
let failed = 0;
for (let i = 0; i < repeats; i++) {
  let t = performance.now();
  await df().count();
  counts.push(performance.now() - t);
  t = performance.now();
  await conn.runAndReadAll(
    `SELECT count(*) FROM read_csv('${csv.replaceAll("'", "''")}', header = true, columns = {'date': 'TIMESTAMP', 'delay': 'INTEGER', 'distance': 'INTEGER', 'origin': 'VARCHAR', 'destination': 'VARCHAR'})`,
  );
  raw.push(performance.now() - t);
  t = performance.now();
  const result = await validate(df(), suite, { result_format: "SUMMARY" });
  suites.push(performance.now() - t);
  scans = result.meta.scans;
  failed = result.statistics.unsuccessful_expectations;
}
conn.closeSync();
db.closeSync();
await spark.stop();

const c = median(counts);
const s = median(suites);
console.log(`20-expectation suite on the flights CSV, 3M rows (median of ${repeats})`);
console.log(
  `  tributary count(*) scan ${c.toFixed(0)} ms; DuckDB count(*) directly ${median(raw).toFixed(0)} ms`,
);
console.log(
  `  tributary validate ${s.toFixed(0)} ms, ${scans} scan(s), ${failed} failed: ${(s / c).toFixed(2)}x the count(*) scan (target <= 1.5x, <= 2 scans)`,
);
if (existsSync(python)) {
  const out = execFileSync(python, [join(root, "bench", "peers", "ge_suite.py"), csv, suitePath], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const ge = JSON.parse(out.trim().split("\n").pop() ?? "{}") as Record<string, number>;
  console.log(
    `  Great Expectations (pandas): read ${((ge.read ?? 0) * 1000).toFixed(0)} ms + validate ${((ge.validate ?? 0) * 1000).toFixed(0)} ms, ${ge.failed} failed; ` +
      `tributary is ${((((ge.read ?? 0) + (ge.validate ?? 0)) * 1000) / s).toFixed(1)}x faster end to end`,
  );
} else console.log("  Great Expectations: not installed (bash scripts/quality/setup.sh)");
