/**
 * Eight writer processes append 25 times each to one Delta table on S3 at once: all 200
 * commits land (put-if-absent on the log entry, lost races retried), versions are contiguous,
 * and every row is there exactly once.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { S3Storage, type SparkSession } from "../../src/index.js";
import { newBucket, s3Session, s3Settings } from "./helpers.js";

const writerScript = fileURLToPath(new URL("./s3-writer.ts", import.meta.url));
const WRITERS = 8;
const BATCHES = 25;

function writer(table: string, id: string): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", writerScript, table, id, String(BATCHES)],
    {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, TRIBUTARY_TEST_S3_CONF: JSON.stringify(s3Settings()) },
    },
  );
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`writer ${id} failed (${code}): ${err}`)),
    );
  });
}

let spark: SparkSession | undefined;
afterAll(async () => {
  await spark?.stop();
});

describe("concurrent writer processes on one S3 table", () => {
  it(`${WRITERS} processes x ${BATCHES} appends: contiguous versions, every row once`, async () => {
    const bucket = await newBucket();
    const table = `s3://${bucket}/shared`;
    // The table exists first (version 0, no rows): writers racing to create it would conflict,
    // as delta-spark's do (MetadataChangedException).
    spark = await s3Session();
    await spark.createDataFrame([], "writer STRING, batch INT").write.format("delta").save(table);
    await Promise.all(Array.from({ length: WRITERS }, (_, i) => writer(table, `w${i}`)));

    const log = await new S3Storage(s3Settings()).list(`${table}/_delta_log`);
    const versions = log
      .filter((e) => /^\d{20}\.json$/.test(e.name))
      .map((e) => Number(e.name.slice(0, 20)));
    expect(versions).toEqual(Array.from({ length: WRITERS * BATCHES + 1 }, (_, v) => v));

    const df = spark.read.format("delta").load(table);
    expect(await df.count()).toBe(WRITERS * BATCHES);
    expect(await df.distinct().count()).toBe(WRITERS * BATCHES);
    const perWriter = await df.groupBy("writer").count().orderBy("writer").collect();
    expect(perWriter).toEqual(
      Array.from({ length: WRITERS }, (_, i) => ({ writer: `w${i}`, count: BigInt(BATCHES) })),
    );
  }, 600_000);
});
