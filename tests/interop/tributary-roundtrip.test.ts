/**
 * tributary's Delta tables and the peers' are interchangeable: tables tributary writes
 * (every mode, partitions needing escaping and nulls, merged schemas, after delete / update /
 * merge / optimize, past checkpoints) read identically in delta-rs and delta-spark at every
 * version; tables the peers write (golden tables with their checkpoints, stats_parsed,
 * multi-part checkpoints) read identically in tributary; interleaved writers keep one log.
 */
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal, DeltaError, DeltaTable, functions as F, SparkSession } from "../../src/index.js";
import { copyGoldenTable, goldenCatalog } from "./golden.js";
import { leftoverPeerProcesses } from "./leftovers.js";
import {
  normalizeRows,
  peerBatch,
  peersAvailable,
  rsRead,
  rsWrite,
  type StructType,
  stopPeers,
} from "./peers.js";

const available = peersAvailable();
// The interop project's global setup installs the peers; without them this suite fails.
if (!available.ok) throw new Error(available.reason);
const SPARK_TIMEOUT = 600_000;

let spark: SparkSession;
beforeAll(async () => {
  await SparkSession.getActiveSession()?.stop();
  spark = await SparkSession.builder()
    .master("local[2]")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate();
});
afterAll(async () => {
  await spark?.stop();
  await stopPeers();
  expect(leftoverPeerProcesses()).toEqual([]);
});

async function ourRows(
  path: string,
  version?: number,
): Promise<{ rows: ReturnType<typeof normalizeRows>; schema: StructType }> {
  const reader = spark.read.format("delta");
  const df = (version === undefined ? reader : reader.option("versionAsOf", version)).load(path);
  const schema = (await df.schema).toJSON() as unknown as StructType;
  return { rows: normalizeRows(await df.collect(), schema), schema };
}

async function versionsOf(path: string): Promise<number[]> {
  return (await readdir(join(path, "_delta_log")))
    .filter((n) => /^\d{20}\.json$/.test(n))
    .map((n) => Number(n.slice(0, 20)))
    .sort((a, b) => a - b);
}

const fieldNames = (s: StructType): string[] => s.fields.map((f) => f.name);

describe("tables tributary writes, read by delta-rs and delta-spark", () => {
  it(
    "every version reads identically in both peers",
    async () => {
      const path = join(await mkdtemp(join(tmpdir(), "trib-rt-")), "t");
      const base = spark.createDataFrame(
        [
          {
            id: 9007199254740993n,
            d: "2024-01-01",
            s: "a b/c%d=e",
            n: 1,
            x: 1.5,
            amt: Decimal.parse("12.50"),
            ok: true,
            ts: new Date("2024-01-01T10:00:00.123Z"),
            tags: ["x", "y"],
          },
          {
            id: 2n,
            d: "2024-01-02",
            s: null,
            n: 2,
            x: -0.25,
            amt: Decimal.parse("-0.01"),
            ok: false,
            ts: new Date("2024-01-02T00:00:00Z"),
            tags: [],
          },
          {
            id: 3n,
            d: null,
            s: "ünïcødé ✓",
            n: 3,
            x: null,
            amt: null,
            ok: null,
            ts: null,
            tags: null,
          },
        ],
        "id BIGINT, d DATE, s STRING, n INT, x DOUBLE, amt DECIMAL(12,2), ok BOOLEAN, ts TIMESTAMP, tags ARRAY<STRING>",
      );
      // v0 create (checkpoint every 3 commits), v1 append, v2 replaceWhere overwrite.
      await base.write
        .format("delta")
        .partitionBy("d", "s")
        .option("delta.checkpointInterval", "3")
        .save(path);
      await base
        .withColumn("id", F.col("id").plus(100))
        .write.format("delta")
        .mode("append")
        .save(path);
      await base
        .filter("n = 1")
        .withColumn("x", F.lit(9.5))
        .write.format("delta")
        .mode("overwrite")
        .option("replaceWhere", "n = 1")
        .save(path);
      // v3 schema evolution (checkpoint), v4 delete, v5 update.
      await base
        .withColumn("extra", F.lit("new"))
        .write.format("delta")
        .mode("append")
        .option("mergeSchema", true)
        .save(path);
      const table = await DeltaTable.forPath(spark, path);
      await table.delete("n = 2");
      await table.update("n = 3", { x: F.lit(3.25) });
      // v6 merge (checkpoint), v7 optimize, v8 dynamic partition overwrite.
      const source = spark.createDataFrame(
        [
          { id: 3n, n: 30 },
          { id: 500n, n: 5 },
        ],
        "id BIGINT, n INT",
      );
      await table
        .alias("t")
        .merge(source.alias("u"), "t.id = u.id")
        .whenMatchedUpdate({ set: { n: "u.n" } })
        .whenNotMatchedInsert({ values: { id: "u.id", n: "u.n" } })
        .execute();
      await table.optimize().executeCompaction();
      await base
        .filter("n = 1")
        .write.format("delta")
        .mode("overwrite")
        .option("partitionOverwriteMode", "dynamic")
        .save(path);

      const versions = await versionsOf(path);
      expect(versions).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      expect(
        (await readdir(join(path, "_delta_log"))).filter((n) => n.endsWith(".checkpoint.parquet")),
      ).toEqual([
        "00000000000000000003.checkpoint.parquet",
        "00000000000000000006.checkpoint.parquet",
      ]);
      const ours: Awaited<ReturnType<typeof ourRows>>[] = [];
      for (const v of versions) ours.push(await ourRows(path, v));
      const commands = versions.flatMap((version) => [
        { cmd: "rs-read", table: path, version } as const,
        { cmd: "spark-read", table: path, version } as const,
      ]);
      const results = await peerBatch(commands, { timeoutMs: SPARK_TIMEOUT });
      versions.forEach((v, i) => {
        const rs = results[2 * i];
        const sp = results[2 * i + 1];
        const mine = ours[i];
        if (
          rs === undefined ||
          sp === undefined ||
          mine === undefined ||
          !("rows" in rs) ||
          !("rows" in sp)
        )
          throw new Error("missing result");
        expect({ version: v, rows: rs.rows }).toEqual({ version: v, rows: mine.rows });
        expect({ version: v, rows: sp.rows }).toEqual({ version: v, rows: mine.rows });
        expect(fieldNames(rs.schema)).toEqual(fieldNames(mine.schema));
        expect(fieldNames(sp.schema)).toEqual(fieldNames(mine.schema));
      });
    },
    SPARK_TIMEOUT,
  );
});

describe("tables the peers write, read by tributary", () => {
  const readable = goldenCatalog().tables;

  it.each(readable.map((t) => [t.name, t] as const))(
    "golden table %s reads identically at every version",
    async (name, golden) => {
      const path = await copyGoldenTable(name);
      for (const v of golden.versions) {
        let mine: Awaited<ReturnType<typeof ourRows>>;
        try {
          mine = await ourRows(path, v.version);
        } catch (e) {
          // Versions before a checkpoint whose commits were cleaned up are not readable by anyone.
          if (
            e instanceof DeltaError &&
            e.code === "DELTA_VERSION_NOT_FOUND" &&
            v.version < (golden.checkpoint?.lastCheckpoint.version ?? 0)
          )
            continue;
          throw e;
        }
        expect({ version: v.version, rows: normalizeRows(mine.rows, v.schema) }).toEqual({
          version: v.version,
          rows: v.rows,
        });
        expect(fieldNames(mine.schema)).toEqual(fieldNames(v.schema));
      }
    },
  );

  it("a column-mapped table is read by logical names and takes our appends under its physical names", async () => {
    const path = await copyGoldenTable("spark-column-mapping");
    const df = spark.read.format("delta").load(path);
    expect((await df.schema).fieldNames()).toEqual(["id", "full_name", "score"]);
    expect(await df.filter(F.col("full_name").eq("p2")).count()).toBe(1);
    const before = await df.count();
    await df.filter(F.col("full_name").eq("p2")).write.format("delta").mode("append").save(path);
    const after = spark.read.format("delta").load(path);
    expect(await after.count()).toBe(before + 1);
    expect(await after.filter(F.col("full_name").eq("p2")).count()).toBe(2);
  });

  it("filters on partition and data columns give the same rows with and without skipping", async () => {
    const path = await copyGoldenTable("spark-checkpoint-v10");
    const all = await spark.read.format("delta").load(path).collect();
    const schema = (
      await spark.read.format("delta").load(path).schema
    ).toJSON() as unknown as StructType;
    const firstDay = String(all.find((r) => r.d !== null)?.d);
    const byPartition = spark.read.format("delta").load(path).filter(F.col("d").eq(firstDay));
    expect(normalizeRows(await byPartition.collect(), schema)).toEqual(
      normalizeRows(
        all.filter((r) => r.d === firstDay),
        schema,
      ),
    );
    expect(byPartition.inputMetrics()[0]?.filesSkipped).toBeGreaterThan(0);
  });
});

describe("interleaved writers keep one valid log", () => {
  it(
    "tributary, then delta-rs, then delta-spark, then tributary",
    async () => {
      const path = join(await mkdtemp(join(tmpdir(), "trib-il-")), "t");
      const schema = {
        type: "struct",
        fields: [
          { name: "id", type: "long", nullable: true, metadata: {} },
          { name: "p", type: "string", nullable: true, metadata: {} },
        ],
      } as unknown as StructType;
      await spark
        .createDataFrame([{ id: 1n, p: "a" }], "id BIGINT, p STRING")
        .write.format("delta")
        .partitionBy("p")
        .save(path);
      await rsWrite(path, [{ id: 2n, p: "b c" }], schema, { mode: "append" });
      await peerBatch(
        [{ cmd: "spark-write", table: path, rows: [{ id: 3n, p: null }], schema, mode: "append" }],
        { timeoutMs: SPARK_TIMEOUT },
      );
      await spark
        .createDataFrame([{ id: 4n, p: "a" }], "id BIGINT, p STRING")
        .write.format("delta")
        .mode("append")
        .save(path);
      const table = await DeltaTable.forPath(spark, path);
      await table.delete("id = 2");
      expect(await versionsOf(path)).toEqual([0, 1, 2, 3, 4]);
      const mine = await ourRows(path);
      const rs = await rsRead(path);
      const [sp] = await peerBatch([{ cmd: "spark-read", table: path }], {
        timeoutMs: SPARK_TIMEOUT,
      });
      expect(mine.rows).toEqual(
        normalizeRows(
          [
            { id: 1n, p: "a" },
            { id: 3n, p: null },
            { id: 4n, p: "a" },
          ],
          schema,
        ),
      );
      expect(rs.rows).toEqual(mine.rows);
      expect(sp.rows).toEqual(mine.rows);
      const log = await readFile(join(path, "_delta_log", "00000000000000000001.json"), "utf8");
      expect(log).toContain('"add"');
    },
    SPARK_TIMEOUT,
  );
});
