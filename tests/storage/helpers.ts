/**
 * Shared helpers for the tests against the loopback S3 server: its settings (Spark's own
 * keys), one new bucket per test, and a session on the embedded engine configured for it.
 */
import { randomUUID } from "node:crypto";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { inject } from "vitest";
import { type Row, SparkSession } from "../../src/index.js";

export const endpoint = inject("s3Endpoint");
export const extensionDir = inject("duckdbExtensionDir");
export const ACCESS = "moto-access";
export const SECRET = `moto-secret-${randomUUID()}`;

/** `spark.hadoop.fs.s3a.*` for the loopback server (or a proxy in front of it). */
export function s3Settings(url = endpoint): Record<string, string> {
  return {
    "spark.hadoop.fs.s3a.endpoint": url,
    "spark.hadoop.fs.s3a.path.style.access": "true",
    "spark.hadoop.fs.s3a.endpoint.region": "us-east-1",
    "spark.hadoop.fs.s3a.access.key": ACCESS,
    "spark.hadoop.fs.s3a.secret.key": SECRET,
    "spark.hadoop.fs.s3a.retry.interval": "10ms",
    "spark.tributary.duckdb.extensionDirectory": extensionDir,
  };
}

/** A new bucket on the loopback server. */
export async function newBucket(): Promise<string> {
  const bucket = `lake-${randomUUID().slice(0, 8)}`;
  const client = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET },
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  client.destroy();
  return bucket;
}

/** A local session whose object storage is the loopback server. */
export async function s3Session(extra: Record<string, string> = {}): Promise<SparkSession> {
  let builder = SparkSession.builder().master("local[2]").appName("s3-test");
  for (const [k, v] of Object.entries({ ...s3Settings(), ...extra }))
    builder = builder.config(k, v);
  return builder.getOrCreate();
}

/** Rows sorted by their JSON text, for order-free comparisons. */
export function sorted(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) =>
    JSON.stringify(a, (_k, v) => (typeof v === "bigint" ? String(v) : v)).localeCompare(
      JSON.stringify(b, (_k, v) => (typeof v === "bigint" ? String(v) : v)),
    ),
  );
}
