/**
 * `npm run bench:spark`: the Spark engine against a local Spark Connect server (with Delta),
 * side by side in one run:
 * - the ingest job (CSV -> Delta partitioned by day, 3M rows) through tributary's client and
 *   through PySpark's own Connect client, same server, same plan (target: tributary adds
 *   <= 5% to PySpark's time), with the embedded engine's time beside them;
 * - client overhead per action: building and serializing a 100-node plan; collecting a
 *   1,000,000-row result end to end (beside PySpark's collect() and toArrow());
 * - decoding those Arrow batches into JS values vs apache-arrow's own `tableFromIPC`
 *   (target: >= 50% of its throughput), and vs `tableFromIPC(...).toArray()`.
 * Starts the server (scripts/spark/start-server.sh) when none runs, and stops it after.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { toBinary } from "@bufbuild/protobuf";
import { tableFromIPC } from "apache-arrow";
import { decodeArrowBatch } from "../src/engine/spark-connect/arrow.js";
import { rootPlan, type SparkConnectEngine } from "../src/engine/spark-connect/engine.js";
import { type DataFrame, functions as F, SparkSession } from "../src/index.js";
import { PlanSchema } from "../src/proto/gen/spark/connect/base_pb.js";
import { dataDir, flightsCsv } from "./data.js";
import { lastJson, median } from "./stats.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const state = join(root, ".tributary", "spark");
const python = join(state, "venv", "bin", "python");
const runner = fileURLToPath(new URL("./ingest-one.ts", import.meta.url));
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
const port = process.env.SPARK_CONNECT_PORT ?? "15002";

function sh(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, {
    encoding: "utf8",
    maxBuffer: 1 << 26,
    stdio: ["ignore", "pipe", "inherit"],
  });
}
const out = (name: string): string => {
  const p = join(dataDir, name);
  rmSync(p, { recursive: true, force: true });
  return p;
};

// --- the server, and PySpark's Connect client (its extras: pandas, pyarrow, grpcio) ---
const wasRunning = existsSync(join(state, "server.pid"));
sh("bash", [join(root, "scripts", "spark", "start-server.sh")]);
const tokenFile = join(state, "token");
const url = `sc://127.0.0.1:${port}${existsSync(tokenFile) ? `/;token=${readFileSync(tokenFile, "utf8")}` : ""}`;
const version = /^PYSPARK_VERSION=(\S+)$/m.exec(
  readFileSync(join(root, "scripts", "spark", "versions.env"), "utf8"),
)?.[1];
sh(python, [
  "-m",
  "pip",
  "install",
  "--quiet",
  "--disable-pip-version-check",
  `pyspark[connect]==${version}`,
]);

try {
  // --- 1. ingest: tributary's client vs PySpark's, same server and plan ---
  const csv = await flightsCsv(1);
  const ingest = process.env.BENCH_SKIP_INGEST !== "1";
  const ours: number[] = [];
  const theirs: number[] = [];
  const embedded: number[] = [];
  for (let i = 0; ingest && i < repeats; i++) {
    theirs.push(
      lastJson(
        sh(python, [join(root, "bench", "peers", "connect_ingest.py"), url, csv, out("spark-py")]),
      ).seconds ?? Number.NaN,
    );
    ours.push(
      lastJson(
        sh(process.execPath, ["--import", "tsx", runner, "spark-delta", csv, out("spark-ts"), url]),
      ).jobSeconds ?? Number.NaN,
    );
    embedded.push(
      lastJson(
        sh(process.execPath, ["--import", "tsx", runner, "tributary-delta", csv, out("embedded")]),
      ).seconds ?? Number.NaN,
    );
  }
  const t = median(ours);
  const p = median(theirs);
  console.log(`CSV -> Delta partitioned by day, 3M rows (median of ${repeats}, alternating)`);
  console.log(
    `  Spark engine (tributary client) ${t.toFixed(2)}s, PySpark Connect client ${p.toFixed(2)}s: ` +
      `ratio ${(t / p).toFixed(3)} (client adds ${((t / p - 1) * 100).toFixed(1)}%; target <= 5%)`,
  );
  console.log(`  embedded engine (DuckDB, same job) ${median(embedded).toFixed(2)}s`);

  // --- 2. client overhead per action ---
  // Spark's analyzer gives up on plans this deep after 100 rounds (PySpark's plans too).
  const spark = await SparkSession.builder()
    .remote(url)
    .config("spark.sql.session.timeZone", "UTC")
    .config("spark.sql.analyzer.maxIterations", "1000")
    .create();
  const build = (): DataFrame => {
    let df = spark.range(0, 1000);
    for (let i = 0; i < 50; i++)
      df = df.withColumn(`c${i}`, F.col("id").plus(i)).filter(F.col(`c${i}`).geq(i));
    return df;
  };
  const n = 200;
  let t0 = performance.now();
  for (let i = 0; i < n; i++) build();
  const buildMs = (performance.now() - t0) / n;
  const big = build();
  t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes = toBinary(PlanSchema, rootPlan(big.plan)).length;
  const serializeMs = (performance.now() - t0) / n;
  t0 = performance.now();
  await big.count();
  const countMs = performance.now() - t0;
  console.log(
    `100-node plan: build ${buildMs.toFixed(3)} ms, compile + serialize ${serializeMs.toFixed(3)} ms (${bytes} bytes); ` +
      `count() round trip ${countMs.toFixed(0)} ms`,
  );

  const query =
    "SELECT id, id * 1.5 AS d, CAST(id AS STRING) AS s, CAST(id AS DECIMAL(18,2)) AS dec, " +
    "TIMESTAMP'2024-01-01 00:00:00' + make_interval(0, 0, 0, 0, 0, 0, id) AS ts, DATE'2024-01-01' + CAST(id % 365 AS INT) AS day " +
    "FROM range(1000000)";
  await spark.sql(query, { dialect: "engine" }).limit(10).collect();
  const collectMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    t0 = performance.now();
    const rows = await spark.sql(query, { dialect: "engine" }).collect();
    collectMs.push(performance.now() - t0);
    if (rows.length !== 1_000_000) throw new Error(`collected ${rows.length} rows`);
  }
  const peer = lastJson(
    sh(python, [join(root, "bench", "peers", "connect_collect.py"), url, query]),
  );
  console.log(
    `1,000,000-row result (6 columns) end to end: tributary collect() ${median(collectMs).toFixed(0)} ms; ` +
      `PySpark collect() ${((peer.collect ?? 0) * 1000).toFixed(0)} ms, toArrow() ${((peer.toArrow ?? 0) * 1000).toFixed(0)} ms`,
  );

  // --- 3. decoding the same Arrow batches ---
  const engine = spark.engine as SparkConnectEngine;
  const batches: Uint8Array[] = [];
  for await (const r of engine.client.executePlan(
    rootPlan(spark.sql(query, { dialect: "engine" }).plan),
  ))
    if (r.responseType.case === "arrowBatch") batches.push(r.responseType.value.data);
  const time = (f: () => void): number => {
    const xs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = performance.now();
      f();
      xs.push(performance.now() - s);
    }
    return median(xs);
  };
  const raw = time(() => {
    for (const b of batches) tableFromIPC(b);
  });
  const toArray = time(() => {
    for (const b of batches) tableFromIPC(b).toArray();
  });
  const decoded = time(() => {
    for (const b of batches) decodeArrowBatch(b);
  });
  const mrows = (ms: number) => (1 / (ms / 1000)).toFixed(1);
  console.log(
    `decode 1M rows from ${batches.length} Arrow batches: tableFromIPC ${raw.toFixed(0)} ms (${mrows(raw)} M rows/s), ` +
      `tableFromIPC + toArray() ${toArray.toFixed(0)} ms (${mrows(toArray)} M rows/s), ` +
      `tributary decode to JS values ${decoded.toFixed(0)} ms (${mrows(decoded)} M rows/s): ` +
      `${((raw / decoded) * 100).toFixed(1)}% of tableFromIPC's throughput, ${((toArray / decoded) * 100).toFixed(0)}% of toArray()'s`,
  );
  await spark.stop();
} finally {
  if (!wasRunning) sh("bash", [join(root, "scripts", "spark", "stop-server.sh")]);
}
