/**
 * A moto S3 server (`moto_server`, installed by scripts/storage/setup.sh) on a free loopback
 * port, for the test projects that need a real S3 API: storage, spark and interop. moto
 * accepts any key pair; each test makes its own bucket with {@link createBucket}.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { runSetupScript } from "./setup-script.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The moto server of this run (storage and spark projects). */
    s3Endpoint: string;
  }
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** moto with atomic conditional writes, as S3 has them. */
const MOTO_LAUNCHER = `${ROOT}scripts/storage/moto-server.py`;

/** Where setup.sh installs moto and DuckDB's httpfs (TRIBUTARY_STORAGE_HOME moves it). */
export const storageHome = process.env.TRIBUTARY_STORAGE_HOME ?? `${ROOT}.tributary/storage`;

/** The key pair the test suites use with moto (which accepts any). */
export const MOTO_KEYS = { accessKey: "moto-access", secretKey: "moto-secret" } as const;

export interface MotoServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      await fetch(`${url}/moto-api/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`moto_server did not answer on ${url} within ${ms} ms`);
}

/**
 * Installs moto when missing, starts it and waits until it answers.
 *
 * @example
 * ```ts
 * const moto = await startMoto();
 * const bucket = await createBucket(moto.url);
 * await moto.stop();
 * ```
 */
export async function startMoto(): Promise<MotoServer> {
  runSetupScript("scripts/storage/setup.sh");
  const port = await freePort();
  // moto's own launcher lets two conditional PUTs race (see scripts/storage/moto-server.py).
  const child = spawn(
    `${storageHome}/venv/bin/python`,
    [MOTO_LAUNCHER, "-H", "127.0.0.1", "-p", String(port)],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  // moto logs every request on stderr: keep only the tail, to explain a failed start.
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4_000);
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child, 30_000).catch((e: unknown) => {
    child.kill("SIGTERM");
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${log}`);
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * The `spark.hadoop.fs.s3a.*` settings that reach moto at `url` (path-style, plain HTTP).
 *
 * @example
 * ```ts
 * SparkSession.builder().config(motoSettings(moto.url))
 * ```
 */
export function motoSettings(url: string): Record<string, string> {
  return {
    "spark.hadoop.fs.s3a.endpoint": url,
    "spark.hadoop.fs.s3a.endpoint.region": "us-east-1",
    "spark.hadoop.fs.s3a.path.style.access": "true",
    "spark.hadoop.fs.s3a.connection.ssl.enabled": "false",
    "spark.hadoop.fs.s3a.access.key": MOTO_KEYS.accessKey,
    "spark.hadoop.fs.s3a.secret.key": MOTO_KEYS.secretKey,
  };
}

/** A new bucket with a unique valid name (`<prefix>-<8 hex>`); resolves to its name. */
export async function createBucket(url: string, prefix = "lake"): Promise<string> {
  const bucket = `${prefix}-${randomUUID().slice(0, 8)}`;
  const client = new S3Client({
    endpoint: url,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: MOTO_KEYS.accessKey, secretAccessKey: MOTO_KEYS.secretKey },
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    client.destroy();
  }
  return bucket;
}

/** Stores `body` at `s3://bucket/key` on the moto server at `url` (test input files). */
export async function putObject(
  url: string,
  bucket: string,
  key: string,
  body: string,
): Promise<void> {
  const client = new S3Client({
    endpoint: url,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: MOTO_KEYS.accessKey, secretAccessKey: MOTO_KEYS.secretKey },
  });
  try {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  } finally {
    client.destroy();
  }
}
