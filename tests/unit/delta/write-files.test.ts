import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeltaTable, functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";

const spark = useSpark({ "spark.sql.ansi.enabled": "true" });
const tmp = (): string => mkdtempSync(join(tmpdir(), "trib-delta-files-"));

/** Data files under a table directory (the log excluded), relative to it. */
function dataFiles(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix === "" ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory() && e.name !== "_delta_log") out.push(...dataFiles(dir, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}

describe("Delta data files", () => {
  it("a write that fails part-way leaves no files behind and the table at its version", async () => {
    const path = join(tmp(), "t");
    await spark().range(0, 10).write.format("delta").save(path);
    const before = dataFiles(path);
    // ANSI: the cast of 'x' fails on the last of 300,000 rows, after files of 1,000 rows
    // were written.
    const failing = spark()
      .range(0, 300000)
      .withColumn("v", F.expr("CAST(CASE WHEN id = 299999 THEN 'x' ELSE '1' END AS INT)"));
    await expect(
      failing.write
        .format("delta")
        .mode("append")
        .option("mergeSchema", true)
        .option("maxRecordsPerFile", 1000)
        .save(path),
    ).rejects.toThrow();
    expect(dataFiles(path)).toEqual(before);
    const table = await DeltaTable.forPath(spark(), path);
    const history = await (await table.history()).collect();
    expect(history.map((h) => h.version)).toEqual([0n]);
    expect(await spark().read.format("delta").load(path).count()).toBe(10);
  });

  it("writes one file per partition when more partitions are in flight than DuckDB keeps open", async () => {
    const path = join(tmp(), "t");
    // 150 partitions, rows interleaved: DuckDB's own layout (100 open files) closes and
    // reopens files, so optimizeWrite=false writes more files than partitions.
    const df = spark().range(0, 1200000).withColumn("p", F.col("id").mod(150));
    const res = await df.write.format("delta").partitionBy("p").save(path);
    expect(res.files.length).toBe(150);
    const loose = join(tmp(), "t");
    const off = await df.write
      .format("delta")
      .partitionBy("p")
      .option("optimizeWrite", false)
      .save(loose);
    expect(off.files.length).toBeGreaterThan(150);
    expect(await spark().read.format("delta").load(path).count()).toBe(1200000);
  });

  it("maxRecordsPerFile caps the rows of every file of a partitioned write", async () => {
    const path = join(tmp(), "t");
    const res = await spark()
      .range(0, 10000)
      .withColumn("p", F.col("id").mod(2))
      .write.format("delta")
      .partitionBy("p")
      .option("maxRecordsPerFile", 1000)
      .save(path);
    expect(res.files.length).toBe(10);
    expect(res.files.every((f) => f.rows <= 1000)).toBe(true);
    expect(res.files.map((f) => f.partitionValues).sort()).toContainEqual({ p: "1" });
    const back = await spark()
      .read.format("delta")
      .load(path)
      .groupBy("p")
      .agg(F.count("*").alias("n"))
      .orderBy("p")
      .collect();
    expect(back).toEqual([
      { p: 0n, n: 5000n },
      { p: 1n, n: 5000n },
    ]);
  });

  it("cuts unpartitioned files at delta.targetFileSize", async () => {
    const path = join(tmp(), "t");
    const res = await spark()
      .range(0, 2000000)
      .withColumn("s", F.expr("concat('row ', CAST(id AS STRING))"))
      .write.format("delta")
      .option("delta.targetFileSize", "4mb")
      .save(path);
    const bytes = res.files.reduce((n, f) => n + f.bytes, 0);
    expect(res.files.length).toBeGreaterThan(1);
    expect(res.files.length).toBeLessThanOrEqual(Math.ceil(bytes / (4 * 1024 * 1024)) + 1);
  });

  it("rejects an invalid value for the new table properties", async () => {
    const df = spark().range(0, 1);
    await expect(
      df.write
        .format("delta")
        .option("delta.autoOptimize.autoCompact", "sometimes")
        .save(join(tmp(), "t")),
    ).rejects.toThrow(/delta.autoOptimize.autoCompact/);
    await expect(
      df.write.format("delta").option("delta.targetFileSize", "big").save(join(tmp(), "t")),
    ).rejects.toThrow(/delta.targetFileSize/);
  });
});

describe("auto compaction", () => {
  it("compacts each written partition holding minNumFiles small files, as delta-spark", async () => {
    // delta-spark 4.0.1, same steps: v0 WRITE, v1 and v2 appends, v3 OPTIMIZE (auto: true,
    // 6 files removed, 2 added: one per partition), v4 the third append.
    const path = join(tmp(), "t");
    spark().conf.set("spark.databricks.delta.autoCompact.minNumFiles", "3");
    try {
      const rows = (from: number) =>
        spark()
          .range(from, from + 5)
          .withColumn("p", F.col("id").mod(2));
      await rows(0)
        .write.format("delta")
        .partitionBy("p")
        .option("delta.autoOptimize.autoCompact", true)
        .save(path);
      for (const from of [0, 10, 20])
        await rows(from).write.format("delta").mode("append").save(path);
      const table = await DeltaTable.forPath(spark(), path);
      const history = await (await table.history()).orderBy("version").collect();
      expect(history.map((h) => [h.version, h.operation])).toEqual([
        [0n, "WRITE"],
        [1n, "WRITE"],
        [2n, "WRITE"],
        [3n, "OPTIMIZE"],
        [4n, "WRITE"],
      ]);
      const params = history[3]?.operationParameters as Map<string, string>;
      const metrics = history[3]?.operationMetrics as Map<string, string>;
      expect(params.get("auto")).toBe("true");
      expect([metrics.get("numRemovedFiles"), metrics.get("numAddedFiles")]).toEqual(["6", "2"]);
      expect(await spark().read.format("delta").load(path).count()).toBe(20);
    } finally {
      spark().conf.unset("spark.databricks.delta.autoCompact.minNumFiles");
    }
  });

  it("the session conf turns it on for every table, and off over the table property", async () => {
    const path = join(tmp(), "t");
    spark().conf.set("spark.databricks.delta.autoCompact.minNumFiles", "2");
    spark().conf.set("spark.databricks.delta.autoCompact.enabled", "false");
    try {
      const one = spark().range(0, 3);
      await one.write.format("delta").option("delta.autoOptimize.autoCompact", true).save(path);
      await one.write.format("delta").mode("append").save(path);
      const table = await DeltaTable.forPath(spark(), path);
      expect(await (await table.history()).count()).toBe(2);
      spark().conf.set("spark.databricks.delta.autoCompact.enabled", "true");
      const other = join(tmp(), "u");
      await one.write.format("delta").save(other);
      await one.write.format("delta").mode("append").save(other);
      const ops = await (await (await DeltaTable.forPath(spark(), other)).history()).collect();
      expect(ops.map((h) => h.operation).sort()).toEqual(["OPTIMIZE", "WRITE", "WRITE"]);
    } finally {
      spark().conf.unset("spark.databricks.delta.autoCompact.minNumFiles");
      spark().conf.unset("spark.databricks.delta.autoCompact.enabled");
    }
  });
});
