/**
 * `npm run bench:quality`: a 20-expectation suite (examples/quality/flights-suite.json) on
 * the flights CSV (3M rows), side by side in one run:
 * - tributary `validate` on the embedded engine vs a scan that parses the same columns (one
 *   `count(column)` per column the suite reads; target <= 1.5x) and vs a `count(*)` scan,
 *   which DuckDB answers without parsing a value, both through tributary; a `count(*)` through
 *   DuckDB directly for reference. Each side is timed in wall-clock and in process CPU time
 *   (DuckDB's threads run in this process): CPU time stays comparable on a loaded machine.
 * - Great Expectations 1.x with its pandas engine on the same CSV and suite (read and
 *   validate timed apart). GE comes from `bash scripts/quality/setup.sh`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import { functions as F, loadSuite, SparkSession, validate } from "../src/index.js";
import { flightsCsv } from "./data.js";
import { median } from "./stats.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const suitePath = join(root, "examples", "quality", "flights-suite.json");
const python = join(root, ".tributary", "quality", "venv", "bin", "python");
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const SCHEMA = "date TIMESTAMP, delay INT, distance INT, origin STRING, destination STRING";
const COLUMNS = ["date", "delay", "distance", "origin", "destination"];

const csv = await flightsCsv(1);
const suite = loadSuite(readFileSync(suitePath, "utf8"));
const spark = await SparkSession.builder()
  .master("local[*]")
  .config("spark.sql.session.timeZone", "UTC")
  .create();
const df = () => spark.read.schema(SCHEMA).option("header", true).csv(csv);

const db = await DuckDBInstance.create(":memory:");
const conn = await db.connect();

/** Wall-clock and process CPU milliseconds of one run. */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}
async function timed(f: () => Promise<unknown>): Promise<Timing> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  await f();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 };
}

const sides = {
  count: [] as Timing[],
  parse: [] as Timing[],
  raw: [] as Timing[],
  suite: [] as Timing[],
};
let scans = 0;
let failed = 0;
// The sides alternate within each repeat, so a burst of load hits them alike.
for (let i = 0; i < repeats; i++) {
  sides.count.push(await timed(() => df().count()));
  sides.parse.push(
    await timed(() =>
      df()
        .agg(...COLUMNS.map((c) => F.count(c)))
        .collect(),
    ),
  );
  sides.raw.push(
    await timed(() =>
      conn.runAndReadAll(
        `SELECT count(*) FROM read_csv('${csv.replaceAll("'", "''")}', header = true, columns = {'date': 'TIMESTAMP', 'delay': 'INTEGER', 'distance': 'INTEGER', 'origin': 'VARCHAR', 'destination': 'VARCHAR'})`,
      ),
    ),
  );
  sides.suite.push(
    await timed(async () => {
      const result = await validate(df(), suite, { result_format: "SUMMARY" });
      scans = result.meta.scans;
      failed = result.statistics.unsuccessful_expectations;
    }),
  );
}
conn.closeSync();
db.closeSync();
await spark.stop();

const wall = (t: readonly Timing[]) => median(t.map((x) => x.wall));
const cpu = (t: readonly Timing[]) => median(t.map((x) => x.cpu));
const ms = (t: readonly Timing[]) => `${wall(t).toFixed(0)} ms (CPU ${cpu(t).toFixed(0)} ms)`;
const ratio = (t: readonly Timing[]) =>
  `${(wall(sides.suite) / wall(t)).toFixed(2)}x wall, ${(cpu(sides.suite) / cpu(t)).toFixed(2)}x CPU`;
const s = wall(sides.suite);
console.log(`20-expectation suite on the flights CSV, 3M rows (median of ${repeats})`);
console.log(`  tributary scan parsing the suite's ${COLUMNS.length} columns: ${ms(sides.parse)}`);
console.log(
  `  tributary count(*) scan: ${ms(sides.count)}; DuckDB count(*) directly: ${ms(sides.raw)}`,
);
console.log(`  tributary validate: ${ms(sides.suite)}, ${scans} scan(s), ${failed} failed`);
console.log(`  validate / parsing scan: ${ratio(sides.parse)} (target <= 1.5x)`);
console.log(`  validate / count(*) scan: ${ratio(sides.count)} (report)`);
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
