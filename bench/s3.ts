/**
 * `npm run bench:s3`: the flights ingest (CSV -> Delta partitioned by day) on object storage,
 * against a moto S3 server on loopback that this script starts and stops:
 * - tributary with the CSV and the table on S3 vs the same ingest on local disk (target
 *   S3 / local <= 1.5x);
 * - vs delta-rs `write_deltalake` reading the CSV from and writing the table to the same
 *   server (target: tributary no slower);
 * - the requests of one blind append to the ingested table, counted by a proxy between the
 *   session and the server (target: one PUT for the log entry, no listing of the whole log).
 * Each ingest runs in its own process (bench/ingest-one.ts); medians of BENCH_REPEATS runs.
 * Peers come from `bash scripts/interop/setup.sh`, moto from `bash scripts/storage/setup.sh`.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { S3Storage, SparkSession } from "../src/index.js";
import {
  createBucket,
  MOTO_KEYS,
  motoSettings,
  startMoto,
  storageHome,
} from "../tests/helpers/moto.js";
import { startFaultProxy } from "../tests/storage/fault-proxy.js";
import { dataDir, flightsCsv } from "./data.js";
import { lastJson, median } from "./stats.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const python = join(root, ".tributary", "interop", "venv", "bin", "python");
const runner = fileURLToPath(new URL("./ingest-one.ts", import.meta.url));
const repeats = Number(process.env.BENCH_REPEATS ?? 3);
// Asynchronous on purpose: moto logs every request to a pipe this process must keep reading,
// and a synchronous child would leave it full and the server blocked.
const run = promisify(execFile);

const moto = await startMoto();
try {
  const settings = {
    ...motoSettings(moto.url),
    "spark.tributary.duckdb.extensionDirectory": `${storageHome}/duckdb-extensions`,
  };
  const s3 = new S3Storage(settings);
  const bucket = await createBucket(moto.url, "bench");
  const localCsv = await flightsCsv(1);
  const csv = `s3://${bucket}/raw/flights-3m.csv`;
  await s3.put(csv, readFileSync(localCsv));

  /** One ingest (`tributary-delta` or raw `duckdb`) in its own process; `conf` reaches it. */
  const ingest = async (
    from: string,
    to: string,
    conf: Record<string, string> = {},
    kind = "tributary-delta",
  ) => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", runner, kind, from, to], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
      env: { ...process.env, BENCH_CONF: JSON.stringify(conf) },
    });
    return lastJson<{ seconds: number }>(stdout).seconds;
  };
  /** delta-rs: pyarrow reads the CSV from the server, write_deltalake writes the table there. */
  const deltaRs = async (to: string) => {
    const { stdout } = await run(
      python,
      [join(root, "bench", "peers", "rs_ingest_s3.py"), csv, to],
      {
        encoding: "utf8",
        maxBuffer: 1 << 26,
        env: {
          ...process.env,
          AWS_ENDPOINT_URL: moto.url,
          AWS_ACCESS_KEY_ID: MOTO_KEYS.accessKey,
          AWS_SECRET_ACCESS_KEY: MOTO_KEYS.secretKey,
          AWS_REGION: "us-east-1",
        },
      },
    );
    return lastJson<{ job: number }>(stdout).job;
  };
  // Tables of earlier runs are deleted, so the server holds one CSV and a few tables at most.
  const drop = async (table: string): Promise<void> => {
    await s3.delete((await s3.list(table, { recursive: true })).map((e) => e.location));
  };

  const local: number[] = [];
  const onS3: number[] = [];
  const rs: number[] = [];
  const duck: number[] = [];
  const peers = existsSync(python);
  const kept = `s3://${bucket}/lake/flights`;
  for (let i = 0; i < repeats; i++) {
    // Alternating, so a load change on the machine hits every side alike.
    const localOut = join(dataDir, "b-s3-local");
    rmSync(localOut, { recursive: true, force: true });
    local.push(await ingest(localCsv, localOut));
    const table = i === repeats - 1 ? kept : `s3://${bucket}/lake/run-${i}`;
    onS3.push(await ingest(csv, table, settings));
    if (i < repeats - 1) await drop(table);
    const duckTable = `s3://${bucket}/lake/duckdb-${i}`;
    duck.push(await ingest(csv, duckTable, settings, "duckdb"));
    await drop(duckTable);
    if (peers) {
      const rsTable = `s3://${bucket}/lake/rs-${i}`;
      rs.push(await deltaRs(rsTable));
      await drop(rsTable);
    }
  }
  const l = median(local);
  const t = median(onS3);
  console.log(
    `[3M rows] CSV -> Delta by day: on S3 ${t.toFixed(2)}s vs local disk ${l.toFixed(2)}s: S3 / local ${(t / l).toFixed(2)} (target <= 1.5)`,
  );
  const d = median(duck);
  console.log(
    `[3M rows] the floor: DuckDB's own COPY, CSV on S3 -> Parquet by day on S3 (httpfs): ${d.toFixed(2)}s: tributary / DuckDB ${(t / d).toFixed(2)}`,
  );
  console.log(
    `  runs: S3 ${onS3.map((x) => x.toFixed(2)).join(", ")}; local ${local.map((x) => x.toFixed(2)).join(", ")}; DuckDB ${duck.map((x) => x.toFixed(2)).join(", ")}`,
  );
  if (peers) {
    const r = median(rs);
    console.log(
      `[3M rows] delta-rs write_deltalake, S3 -> S3: ${r.toFixed(2)}s: delta-rs / tributary ${(r / t).toFixed(2)} (target >= 1)`,
    );
    console.log(`  runs: delta-rs ${rs.map((x) => x.toFixed(2)).join(", ")}`);
  }

  // Blind appends of one row to the ingested table (182 partitions), through a counting proxy:
  // versions 1 to 11, so the last ones have a checkpoint (at 10) to start listing from.
  const proxy = await startFaultProxy(moto.url, {});
  const spark = await SparkSession.builder()
    .master("local[1]")
    .config({ ...settings, "spark.hadoop.fs.s3a.endpoint": proxy.url })
    .create();
  const kind = (r: string): string => {
    const [method = "", target = ""] = r.split(" ");
    const log = target.includes("_delta_log");
    if (method === "GET" && target.includes("list-type=2"))
      return `LIST ${log ? "log" : "other"} ${target.includes("start-after=") ? "after a checkpoint" : "from the start"}`;
    return `${method} ${log ? "log" : "data"}`;
  };
  try {
    for (let v = 1; v <= 11; v++) {
      const before = proxy.seen.length;
      const result = await spark
        .createDataFrame(
          [
            {
              date: "2001-01-01 00:00:00",
              delay: 1,
              distance: 2,
              origin: "SFO",
              destination: "LAX",
            },
          ],
          "date STRING, delay INT, distance INT, origin STRING, destination STRING",
        )
        .selectExpr(
          "CAST(date AS TIMESTAMP) AS date",
          "delay",
          "distance",
          "origin",
          "destination",
          "CAST(date AS DATE) AS day",
        )
        .write.format("delta")
        .mode("append")
        .partitionBy("day")
        .save(kept);
      const requests = proxy.seen.slice(before);
      const counts = new Map<string, number>();
      for (const r of requests) counts.set(kind(r), (counts.get(kind(r)) ?? 0) + 1);
      if (v === 1 || v === 2 || v === 10 || v === 11)
        console.log(
          `blind append, version ${result.version}: ${requests.length} requests: ${[...counts].map(([k, n]) => `${n} ${k}`).join(", ")}`,
        );
      if (v === 11)
        for (const r of requests) console.log(`  ${r.replace(/[?&]x-id=[A-Za-z]+/, "")}`);
    }
  } finally {
    await spark.stop();
    await proxy.close();
  }
} finally {
  await moto.stop();
}
