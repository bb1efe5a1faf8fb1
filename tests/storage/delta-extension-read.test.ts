/**
 * Reading tables with deletion vectors through DuckDB's delta extension (installed by
 * scripts/storage/setup.sh, the directory this project's global setup provides) must give the
 * rows the SQL path gives (positions anti-joined), on every golden table version written by
 * delta-spark and delta-rs and on tables we write: partitions with escaped values, several
 * files, files skipped by a filter, schema evolution, time travel and column mapping. Each
 * case also checks which path ran, so a silent fallback cannot pass for coverage.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DataFrame, DeltaTable, functions as F, SparkSession } from "../../src/index.js";
import { copyGoldenTable, goldenCatalog } from "../interop/golden.js";
import { extensionDir } from "./helpers.js";

const KEY = "spark.tributary.duckdb.deltaExtension";
/** The prefix of a table version attached through the extension (see kernelRows). */
const ATTACHED = "__tributary_delta_";
let spark: SparkSession;

beforeAll(async () => {
  spark = await SparkSession.builder()
    .config("spark.tributary.duckdb.extensionDirectory", extensionDir)
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate();
});
afterAll(async () => {
  await spark.stop();
});

/** Every row as JSON text, sorted: an order-free comparison that keeps types apart. */
async function rowsOf(df: DataFrame): Promise<string[]> {
  const rows = await df.collect();
  return rows
    .map((r) => JSON.stringify(r, (_, v) => (typeof v === "bigint" ? `${v}n` : v) as unknown))
    .sort();
}

/** The rows by both paths, whether the extension's scan was used, and whether attached. */
async function bothWays(
  read: () => DataFrame,
): Promise<{ rows: string[]; usedScan: boolean; attached: boolean }> {
  await spark.conf.set(KEY, "true");
  const withExtension = read();
  const plan = await withExtension.explainString("extended");
  const rows = await rowsOf(withExtension);
  await spark.conf.set(KEY, "false");
  const viaSql = read();
  const sqlPlan = await viaSql.explainString("extended");
  expect(sqlPlan).not.toContain("delta_scan");
  expect(sqlPlan).not.toContain(ATTACHED);
  expect(rows).toEqual(await rowsOf(viaSql));
  await spark.conf.set(KEY, "true");
  const attached = plan.includes(ATTACHED);
  return { rows, usedScan: attached || plan.includes("delta_scan"), attached };
}

const dvGoldens = goldenCatalog().tables.filter((t) =>
  (t.protocol.readerFeatures ?? []).includes("deletionVectors"),
);

describe("reading deletion vectors through DuckDB's delta extension", () => {
  it("has golden tables with deletion vectors to read", () => {
    expect(dvGoldens.map((t) => t.name).length).toBeGreaterThan(0);
  });

  for (const golden of dvGoldens) {
    it(`reads every version of ${golden.name} as the SQL path does`, async () => {
      const path = await copyGoldenTable(golden.name);
      let scans = 0;
      for (const { version, rows: expected } of golden.versions) {
        const read = () => spark.read.format("delta").option("versionAsOf", version).load(path);
        const { rows, usedScan } = await bothWays(read);
        expect(rows).toHaveLength(expected.length);
        if (usedScan) scans++;
      }
      // Versions after the first deletion carry vectors: those go through the extension.
      expect(scans).toBeGreaterThan(0);
    });
  }

  it("reads several files, escaped partition values, skipped files and time travel", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "tributary-dvext-")), "t");
    const values = ["a b", "x%y", "k=v", "ü/ä", "plain"];
    const rows = Array.from({ length: 500 }, (_, i) => ({
      id: i,
      p: values[i % values.length],
      v: i * 1.5,
    }));
    // Three commits: several files per partition.
    for (const [i, part] of [0, 1, 2].entries()) {
      const slice = rows.filter((r) => r.id % 3 === part);
      let w = spark.createDataFrame(slice, "id INT, p STRING, v DOUBLE").write.format("delta");
      w = i === 0 ? w.option("delta.enableDeletionVectors", "true") : w.mode("append");
      await w.partitionBy("p").save(path);
    }
    const table = await DeltaTable.forPath(spark, path);
    await table.delete("id % 7 = 3");
    // Schema evolution: files written after the deletion have a column older files lack.
    await spark
      .createDataFrame(
        [{ id: 1000, p: "a b", v: 1.0, w: "new" }],
        "id INT, p STRING, v DOUBLE, w STRING",
      )
      .write.format("delta")
      .mode("append")
      .option("mergeSchema", "true")
      .save(path);
    await table.delete("id % 11 = 5");

    const all = await bothWays(() => spark.read.format("delta").load(path));
    expect(all.usedScan).toBe(true);
    // Rows take their partition value from their file: delta_scan, which names each row's file.
    expect(all.attached).toBe(false);
    const kept = rows.filter((r) => r.id % 7 !== 3 && r.id % 11 !== 5).length + 1;
    expect(all.rows).toHaveLength(kept);

    // A partition filter skips files: the extension's scan is restricted to the rest.
    const some = await bothWays(() =>
      spark.read.format("delta").load(path).where(F.col("p").isin("x%y", "ü/ä")),
    );
    expect(some.usedScan).toBe(true);
    expect(some.rows).toHaveLength(
      rows.filter((r) => ["x%y", "ü/ä"].includes(r.p ?? "") && r.id % 7 !== 3 && r.id % 11 !== 5)
        .length,
    );

    // The version before the second deletion, and the one before any.
    const v1 = await bothWays(() => spark.read.format("delta").option("versionAsOf", 3).load(path));
    expect(v1.rows).toHaveLength(rows.filter((r) => r.id % 7 !== 3).length);
    const v0 = await bothWays(() => spark.read.format("delta").option("versionAsOf", 2).load(path));
    expect(v0.usedScan).toBe(false);
    expect(v0.rows).toHaveLength(rows.length);

    // Per-partition aggregates over the scan agree too.
    const grouped = await bothWays(() =>
      spark.read
        .format("delta")
        .load(path)
        .groupBy("p")
        .agg(F.count(F.lit(1)).alias("n"), F.sum("v").alias("s"), F.max("w").alias("w")),
    );
    expect(grouped.rows).toHaveLength(values.length);
  });

  it("reads a column-mapped table with renamed and dropped columns", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "tributary-dvext-")), "t");
    const rows = Array.from({ length: 200 }, (_, i) => ({ id: i, a: `a${i}`, b: i % 3 }));
    await spark
      .createDataFrame(rows, "id INT, a STRING, b INT")
      .write.format("delta")
      .option("delta.enableDeletionVectors", "true")
      .option("delta.columnMapping.mode", "name")
      .save(path);
    const table = await DeltaTable.forPath(spark, path);
    await table.renameColumn("a", "renamed");
    await table.dropColumn("b");
    await table.delete("id % 4 = 1");
    const { rows: read, usedScan } = await bothWays(() => spark.read.format("delta").load(path));
    expect(usedScan).toBe(true);
    expect(read).toHaveLength(150);
    expect(JSON.parse(read[0] ?? "{}")).toEqual({ id: 0, renamed: "a0" });
  });

  it("reads unpartitioned tables from a pinned attachment, one per version", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "tributary-dvext-")), "t");
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: i, s: `s${i}` }));
    await spark
      .createDataFrame(rows.slice(0, 150), "id INT, s STRING")
      .write.format("delta")
      .option("delta.enableDeletionVectors", "true")
      .save(path);
    await spark
      .createDataFrame(rows.slice(150), "id INT, s STRING")
      .write.format("delta")
      .mode("append")
      .save(path);
    const table = await DeltaTable.forPath(spark, path);
    await table.delete("id % 5 = 0");
    // Two files, no partition values to tell apart: the attached table (version 2).
    const first = await bothWays(() => spark.read.format("delta").load(path));
    expect(first.attached).toBe(true);
    expect(first.rows).toHaveLength(240);
    // A later version is attached again; the earlier one still reads as it was.
    await table.delete("id % 5 = 1");
    const second = await bothWays(() => spark.read.format("delta").load(path));
    expect(second.attached).toBe(true);
    expect(second.rows).toHaveLength(180);
    const back = await bothWays(() =>
      spark.read.format("delta").option("versionAsOf", 2).load(path),
    );
    expect(back.rows).toEqual(first.rows);
  });
});
