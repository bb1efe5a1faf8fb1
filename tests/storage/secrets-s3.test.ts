/**
 * DuckDB's S3 access keeps secrets to itself: not in explain output, DuckDB's secret list
 * or errors.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { SparkSession } from "../../src/index.js";
import { newBucket, SECRET, s3Session } from "./helpers.js";

const sessions: SparkSession[] = [];
afterAll(async () => {
  for (const s of sessions) await s.stop();
});

async function session(extra: Record<string, string> = {}): Promise<SparkSession> {
  const s = await s3Session(extra);
  sessions.push(s);
  return s;
}

describe("S3 secrets in the embedded engine", () => {
  it("never shows the secret key in explain output, DuckDB's secret list or errors", async () => {
    const bucket = await newBucket();
    const spark = await session();
    const path = `s3://${bucket}/t`;
    await spark.createDataFrame([{ a: 1 }], "a INT").write.parquet(path);
    const df = spark.read.parquet(path);
    expect(await df.count()).toBe(1);
    const explained = await df.explainString("extended");
    expect(explained).toContain(`s3://${bucket}/t`);
    expect(explained).not.toContain(SECRET);
    const secrets = await spark
      .sql("SELECT secret_string FROM duckdb_secrets()", { dialect: "duckdb" })
      .collect();
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) expect(String(s.secret_string)).not.toContain(SECRET);
    const failure = await spark.read
      .parquet(`s3://${bucket}/missing`)
      .collect()
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: "PATH_NOT_FOUND" });
    expect(JSON.stringify(failure)).not.toContain(SECRET);
    expect(String(failure)).not.toContain(SECRET);
  });
});
