/**
 * Deletion vectors with the real delta-spark: tables it writes with DVs (DELETE, UPDATE and
 * MERGE mark rows instead of rewriting files) read identically in tributary at every version,
 * through its checkpoints and ours; tributary keeps writing them (append, copy-on-write
 * delete, checkpoint, vacuum) and delta-spark still reads them identically.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeltaTable, functions as F } from "../../src/index.js";
import { peerBatch, struct } from "./peers.js";
import { ourRows, SPARK_TIMEOUT, useInteropSpark } from "./session.js";

const spark = useInteropSpark({ "spark.databricks.delta.retentionDurationCheck.enabled": "false" });

const schema = struct([
  ["id", "long"],
  ["g", "string"],
  ["v", "double"],
]);

async function dvFiles(path: string): Promise<string[]> {
  return (await readdir(path)).filter((n) => n.startsWith("deletion_vector_")).sort();
}

describe("deletion vectors, with delta-spark", () => {
  it(
    "delta-spark's DELETE / UPDATE / MERGE with DVs read identically in tributary, every version",
    async () => {
      const path = join(await mkdtemp(join(tmpdir(), "trib-dv-")), "t");
      const rows = Array.from({ length: 3000 }, (_, i) => ({
        id: BigInt(i),
        g: ["a", "b", "c"][i % 3] ?? "a",
        v: i / 4,
      }));
      const versions = 5;
      const reads = Array.from({ length: versions }, (_, v) => ({
        cmd: "spark-read" as const,
        table: path,
        version: v,
      }));
      const results = await peerBatch([
        {
          cmd: "spark-write",
          table: path,
          rows,
          schema,
          mode: "overwrite",
          repartition: 3,
          properties: { "delta.enableDeletionVectors": "true" },
        },
        // A contiguous range (run containers) and a scattered set (arrays).
        { cmd: "spark-sql", sql: "DELETE FROM {table} WHERE id BETWEEN 100 AND 1200", table: path },
        { cmd: "spark-sql", sql: "DELETE FROM {table} WHERE id % 7 = 0", table: path },
        {
          cmd: "spark-sql",
          sql: "UPDATE {table} SET v = -v WHERE g = 'b' AND id < 2000",
          table: path,
        },
        {
          cmd: "spark-sql",
          sql: "MERGE INTO {table} t USING (SELECT id, 'z' AS g FROM range(2990, 3010)) s ON t.id = s.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT (id, g, v) VALUES (s.id, s.g, 0.0)",
          table: path,
        },
        { cmd: "spark-checkpoint", table: path },
        ...reads,
      ] as const);
      expect(await dvFiles(path)).not.toEqual([]);
      for (let v = 0; v < versions; v++) {
        const theirs = results[6 + v] as { rows: unknown[] };
        expect(await ourRows(spark(), path, v), `version ${v}`).toEqual(theirs.rows);
      }
      // Counts and filters see the DVs too (no row comes back through a pushed-down filter).
      const df = spark().read.format("delta").load(path);
      expect(await df.filter(F.col("id").between(100, 1200)).count()).toBe(0);
      expect(await df.filter("id % 7 = 0 AND id < 2990").count()).toBe(0);
    },
    SPARK_TIMEOUT,
  );

  it(
    "tributary keeps writing a DV table: append, delete, checkpoint, vacuum; delta-spark reads it",
    async () => {
      const path = join(await mkdtemp(join(tmpdir(), "trib-dv-")), "t");
      const rows = Array.from({ length: 500 }, (_, i) => ({
        id: BigInt(i),
        g: ["a", "b"][i % 2] ?? "a",
        v: i,
      }));
      await peerBatch([
        {
          cmd: "spark-write",
          table: path,
          rows,
          schema,
          mode: "overwrite",
          repartition: 2,
          properties: { "delta.enableDeletionVectors": "true", "delta.checkpointInterval": "2" },
        },
        { cmd: "spark-sql", sql: "DELETE FROM {table} WHERE id % 5 = 0", table: path },
      ] as const);
      const more = spark().createDataFrame(
        [{ id: 1000n, g: "c", v: 1.5 }],
        "id BIGINT, g STRING, v DOUBLE",
      );
      await more.write.format("delta").mode("append").save(path); // v2 (+ our checkpoint)
      const table = await DeltaTable.forPath(spark(), path);
      // Live files still reference their DV files: VACUUM keeps every one.
      const before = await dvFiles(path);
      expect(before.length).toBeGreaterThan(0);
      await table.vacuum(0);
      expect(await dvFiles(path)).toEqual(before);
      // v3: our DELETE marks rows (the property is on): each file's vector becomes the union
      // of delta-spark's and ours, in one new vector file.
      await table.delete("id % 5 = 1");
      // Only tombstones reference delta-spark's vector files now: VACUUM removes them.
      await table.vacuum(0);
      const after = await dvFiles(path);
      expect(after).toHaveLength(1);
      expect(before).not.toContain(after[0]);
      const ours = await ourRows(spark(), path);
      expect(ours.length).toBe(500 - 100 - 100 + 1);
      const [theirs] = await peerBatch([{ cmd: "spark-read", table: path }] as const);
      expect(ours).toEqual(theirs.rows);
      expect(existsSync(join(path, "_delta_log", "00000000000000000002.checkpoint.parquet"))).toBe(
        true,
      );
    },
    SPARK_TIMEOUT,
  );

  it(
    "tributary's DELETE marks rows in vectors delta-spark reads, and delta-spark's vectors on top read back",
    async () => {
      const path = join(await mkdtemp(join(tmpdir(), "trib-dv-")), "t");
      const data = spark()
        .range(0, 3000)
        .withColumn("g", F.col("id").mod(3).cast("string"))
        .withColumn("v", F.col("id").divide(4));
      await data.write
        .format("delta")
        .option("delta.enableDeletionVectors", "true")
        .option("maxRecordsPerFile", "1000")
        .save(path);
      const table = await DeltaTable.forPath(spark(), path);
      await table.delete("id % 10 = 0"); // v1: vectors written by us
      await table.delete("id BETWEEN 500 AND 1500"); // v2: our vectors grow, a file goes whole
      await table.update("id < 300", { v: "-v" }); // v3: new rows written, old ones marked
      expect(await dvFiles(path)).toHaveLength(3);
      const [v1, v2, v3, , v4] = await peerBatch([
        { cmd: "spark-read", table: path, version: 1 },
        { cmd: "spark-read", table: path, version: 2 },
        { cmd: "spark-read", table: path, version: 3 },
        { cmd: "spark-sql", sql: "DELETE FROM {table} WHERE id % 10 = 1", table: path },
        { cmd: "spark-read", table: path, version: 4 },
      ] as const);
      expect(await ourRows(spark(), path, 1)).toEqual(v1.rows);
      expect(await ourRows(spark(), path, 2)).toEqual(v2.rows);
      expect(await ourRows(spark(), path, 3)).toEqual(v3.rows);
      expect(await ourRows(spark(), path, 4)).toEqual(v4.rows);
      expect(v4.rows.length).toBe(3000 - 300 - 900 - 200);
    },
    SPARK_TIMEOUT,
  );

  it(
    "tributary's MERGE marks rows in vectors delta-spark reads, and delta-spark's MERGE on top reads back",
    async () => {
      const path = join(await mkdtemp(join(tmpdir(), "trib-dv-")), "t");
      const data = spark()
        .range(0, 3000)
        .withColumn("g", F.col("id").mod(3).cast("string"))
        .withColumn("v", F.col("id").divide(4));
      await data.write
        .format("delta")
        .option("delta.enableDeletionVectors", "true")
        .option("maxRecordsPerFile", "1000")
        .save(path);
      const table = await DeltaTable.forPath(spark(), path);
      const source = spark()
        .range(2900, 3100)
        .withColumn("g", F.lit("s"))
        .withColumn("v", F.lit(1.5))
        .alias("s");
      // v1: matched rows updated (every 2nd) or deleted, the rest inserted; one file only.
      await table
        .alias("t")
        .merge(source, "t.id = s.id")
        .whenMatchedDelete("s.id % 2 = 0")
        .whenMatchedUpdate({ set: { g: "s.g" } })
        .whenNotMatchedInsertAll()
        .execute();
      // v2: NOT MATCHED BY SOURCE rows of one group marked in every file.
      await table
        .alias("t")
        .merge(source, "t.id = s.id")
        .whenNotMatchedBySourceDelete("t.id % 10 = 3")
        .execute();
      expect(await dvFiles(path)).toHaveLength(2);
      const [v1, v2, , v3] = await peerBatch([
        { cmd: "spark-read", table: path, version: 1 },
        { cmd: "spark-read", table: path, version: 2 },
        {
          cmd: "spark-sql",
          sql: "MERGE INTO {table} t USING (SELECT id FROM range(0, 50)) s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = -1.0",
          table: path,
        },
        { cmd: "spark-read", table: path, version: 3 },
      ] as const);
      expect(await ourRows(spark(), path, 1)).toEqual(v1.rows);
      expect(await ourRows(spark(), path, 2)).toEqual(v2.rows);
      expect(await ourRows(spark(), path, 3)).toEqual(v3.rows);
      expect(v1.rows.length).toBe(3000 - 50 + 100);
      expect(v2.rows.length).toBe(3000 - 50 + 100 - 290);
    },
    SPARK_TIMEOUT,
  );
});
