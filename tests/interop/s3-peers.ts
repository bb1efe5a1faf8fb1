/**
 * Delta tables on S3 (moto) shared by several writers: each peer appends to and reads one
 * `s3://` table through its own S3 client, and the chain test below checks that every peer
 * reads every version every other peer wrote identically. A peer is one row: delta-rs,
 * delta-spark and tributary on a session (the embedded engine in tests/interop/s3.test.ts,
 * the Spark engine in tests/spark/s3-interop.test.ts).
 *
 * @example
 *   const lake = { endpoint: moto.url, bucket: await createBucket(moto.url) };
 *   await expectChain(`s3://${lake.bucket}/t`, [deltaRsOnS3(lake.endpoint), deltaSparkOnS3(lake.endpoint)]);
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { SparkSession } from "../../src/index.js";
import { MOTO_KEYS, motoSettings } from "../helpers/moto.js";
import type { NormalRow } from "./normalize.js";
import { interopHome, repoRoot } from "./peer-process.js";
import { normalizeRows, peerBatch, type StructType, struct } from "./peers.js";

/** The rows every peer writes: `region` is the partition column. */
export interface LakeRow {
  readonly id: bigint;
  readonly name: string;
  readonly region: string;
}

export const LAKE_SCHEMA: StructType = struct([
  ["id", "long"],
  ["name", "string"],
  ["region", "string"],
]);
/** The same schema as DDL, for engines that take it so. */
export const LAKE_DDL = "id BIGINT, name STRING, region STRING";

/** One writer and reader of Delta tables on S3. */
export interface S3Peer {
  readonly name: string;
  /** Reads the table at its latest version (normalized rows), then appends `rows` to it. */
  readThenAppend(table: string, rows: readonly LakeRow[]): Promise<NormalRow[]>;
  /** Appends `rows`, creating the table (partitioned by `region`) when there is none. */
  append(table: string, rows: readonly LakeRow[]): Promise<void>;
  /** The table's rows at each of `versions` (time travel), normalized; one process for all. */
  readVersions(table: string, versions: readonly number[]): Promise<NormalRow[][]>;
}

/** `s3://` as Hadoop's S3A spells it. */
export const s3a = (table: string): string => table.replace(/^s3:\/\//, "s3a://");

/** The jars that give a classic Spark `s3a://` (downloaded once by scripts/spark/s3-jars.sh). */
function s3Jars(): string[] {
  const script = join(repoRoot, "scripts", "spark", "s3-jars.sh");
  const out = execFileSync("bash", [script], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return out.trim().split(",");
}

/** delta-rs, configured as its users do: the AWS_* environment of object_store. */
export function deltaRsOnS3(endpoint: string): S3Peer {
  const env = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: MOTO_KEYS.accessKey,
    AWS_SECRET_ACCESS_KEY: MOTO_KEYS.secretKey,
    AWS_REGION: "us-east-1",
    AWS_ALLOW_HTTP: "true",
  };
  const write = (table: string, rows: readonly LakeRow[]) =>
    ({
      cmd: "rs-write",
      table,
      rows,
      schema: LAKE_SCHEMA,
      mode: "append",
      partitionBy: ["region"],
    }) as const;
  return {
    name: "delta-rs",
    async readThenAppend(table, rows) {
      const [read] = await peerBatch([{ cmd: "rs-read", table }, write(table, rows)] as const, {
        env,
      });
      return read.rows;
    },
    async append(table, rows) {
      await peerBatch([write(table, rows)] as const, { env });
    },
    async readVersions(table, versions) {
      const reads = await peerBatch(
        versions.map((version) => ({ cmd: "rs-read", table, version }) as const),
        { env },
      );
      return reads.map((r) => r.rows);
    },
  };
}

/** delta-spark in classic local mode with hadoop-aws, on `s3a://`. One JVM per call. */
export function deltaSparkOnS3(endpoint: string): S3Peer {
  const delta = readdirSync(join(interopHome, "jars"))
    .filter((f) => f.endsWith(".jar"))
    .map((f) => join(interopHome, "jars", f));
  const conf = { ...motoSettings(endpoint), "spark.jars": [...delta, ...s3Jars()].join(",") };
  const opts = { conf, timeoutMs: 600_000 };
  const write = (table: string, rows: readonly LakeRow[]) =>
    ({
      cmd: "spark-write",
      table: s3a(table),
      rows,
      schema: LAKE_SCHEMA,
      mode: "append",
      partitionBy: ["region"],
    }) as const;
  return {
    name: "delta-spark",
    async readThenAppend(table, rows) {
      const [read] = await peerBatch(
        [{ cmd: "spark-read", table: s3a(table) }, write(table, rows)] as const,
        opts,
      );
      return read.rows;
    },
    async append(table, rows) {
      await peerBatch([write(table, rows)] as const, opts);
    },
    async readVersions(table, versions) {
      const reads = await peerBatch(
        versions.map((version) => ({ cmd: "spark-read", table: s3a(table), version }) as const),
        opts,
      );
      return reads.map((r) => r.rows);
    },
  };
}

/**
 * tributary on `session`, whichever engine it runs (the embedded engine configured with
 * `motoSettings`, or a Spark Connect server that has them).
 */
export function tributaryOnS3(name: string, session: SparkSession): S3Peer {
  const read = async (table: string, version?: number): Promise<NormalRow[]> => {
    const reader = session.read.format("delta");
    const df = (version === undefined ? reader : reader.option("versionAsOf", version)).load(table);
    const schema = (await df.schema).toJSON() as unknown as StructType;
    return normalizeRows(await df.collect(), schema);
  };
  const append = async (table: string, rows: readonly LakeRow[]): Promise<void> => {
    await session
      .createDataFrame(
        rows.map((r) => ({ id: r.id, name: r.name, region: r.region })),
        LAKE_DDL,
      )
      .write.format("delta")
      .mode("append")
      .partitionBy("region")
      .save(table);
  };
  return {
    name,
    append,
    async readThenAppend(table, rows) {
      const seen = await read(table);
      await append(table, rows);
      return seen;
    },
    async readVersions(table, versions) {
      const out: NormalRow[][] = [];
      for (const version of versions) out.push(await read(table, version));
      return out;
    },
  };
}

/** Rows `peer` (the index-th in a chain) writes: distinct ids, two partitions. */
export function rowsOf(index: number, peer: string): LakeRow[] {
  const base = BigInt(index * 10);
  return [
    { id: base + 1n, name: `${peer} a`, region: "eu" },
    { id: base + 2n, name: `${peer} b`, region: index % 2 === 0 ? "us" : "eu" },
  ];
}

/**
 * The first peer creates `table` (version 0); each next one reads what the others wrote and
 * appends (one version each); finally every peer reads every version, each as the writers
 * left it.
 */
export async function expectChain(table: string, peers: readonly S3Peer[]): Promise<void> {
  const [first, ...rest] = peers;
  if (first === undefined) throw new Error("a chain needs a peer");
  let written: LakeRow[] = rowsOf(0, first.name);
  await first.append(table, written);
  // The table's rows at each version, as its writer meant them.
  const versions: NormalRow[][] = [normalizeRows(written, LAKE_SCHEMA)];
  for (const [i, peer] of rest.entries()) {
    const rows = rowsOf(i + 1, peer.name);
    const seen = await peer.readThenAppend(table, rows);
    expect(seen, `${peer.name} reads the commits before it`).toEqual(
      normalizeRows(written, LAKE_SCHEMA),
    );
    written = [...written, ...rows];
    versions.push(normalizeRows(written, LAKE_SCHEMA));
  }
  const all = versions.map((_, v) => v);
  // Each distinct peer once: a peer that wrote twice reads the same versions anyway.
  for (const peer of new Set(peers))
    expect(await peer.readVersions(table, all), `${peer.name} reads every version`).toEqual(
      versions,
    );
}
