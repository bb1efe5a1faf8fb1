import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeltaError, DeltaTable } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";
import { actionsOf, commitInfo, latestVersion, sorted, tmpTable, writeTable } from "./helpers.js";

const spark = useSpark();

/** A table partitioned by p with one small file per append. */
async function smallFiles(
  perPartition: Record<string, number>,
): Promise<{ path: string; t: DeltaTable }> {
  const path = tmpTable();
  let id = 0;
  let first = true;
  for (const [p, n] of Object.entries(perPartition)) {
    for (let i = 0; i < n; i++) {
      await writeTable(spark(), path, [{ id: id++, p }], "id INT, p STRING", {
        partitionBy: ["p"],
        mode: first ? "error" : "append",
      });
      first = false;
    }
  }
  return { path, t: await DeltaTable.forPath(spark(), path) };
}

function parquetFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".parquet") && !f.startsWith("_delta_log"),
  );
}

/** Makes every data file look `hours` old, so retention applies to them. */
function age(path: string, hours: number): void {
  const when = new Date(Date.now() - hours * 3_600_000);
  for (const f of parquetFiles(path)) utimesSync(join(path, f), when, when);
}

describe("DeltaTable.optimize", () => {
  it("bin-packs small files per partition into one file, rows unchanged, dataChange=false", async () => {
    const { path, t } = await smallFiles({ a: 3, b: 2, c: 1 });
    const before = await sorted(t.toDF());
    const [row] = await (await t.optimize().executeCompaction()).collect();
    const metrics = row?.metrics as Record<string, unknown>;
    expect(row?.path).toBe(path);
    expect(metrics).toMatchObject({
      numFilesAdded: 2n,
      numFilesRemoved: 5n,
      partitionsOptimized: 2n,
      totalConsideredFiles: 6n,
      totalFilesSkipped: 1n,
    });
    expect(await sorted(t.toDF())).toEqual(before);
    const v = latestVersion(path);
    const removes = actionsOf(path, v, "remove");
    const adds = actionsOf(path, v, "add");
    expect(removes).toHaveLength(5);
    expect(adds.map((a) => a.partitionValues)).toEqual(
      expect.arrayContaining([{ p: "a" }, { p: "b" }]),
    );
    expect([...removes, ...adds].every((a) => a.dataChange === false)).toBe(true);
    expect(adds.map((a) => JSON.parse(String(a.stats)).numRecords).sort()).toEqual([2, 3]);
    expect(commitInfo(path, v)).toMatchObject({
      operation: "OPTIMIZE",
      operationParameters: { predicate: "[]", zOrderBy: "[]" },
    });
    expect(commitInfo(path, v).operationMetrics).toMatchObject({
      numRemovedFiles: "5",
      numAddedFiles: "2",
    });
    // Nothing left to compact: no new version.
    await t.optimize().executeCompaction();
    expect(latestVersion(path)).toBe(v);
    expect(
      await sorted(
        spark()
          .read.format("delta")
          .option("versionAsOf", v - 1)
          .load(path),
      ),
    ).toEqual(before);
  });

  it("compacts only the partitions matching where(), which may only name partition columns", async () => {
    const { path, t } = await smallFiles({ a: 2, b: 2 });
    await t.optimize().where("p = 'b'").executeCompaction();
    expect(
      actionsOf(path, latestVersion(path), "remove").every(
        (r) => (r.partitionValues as Record<string, string>).p === "b",
      ),
    ).toBe(true);
    expect(commitInfo(path, latestVersion(path)).operationParameters).toMatchObject({
      predicate: `["p = 'b'"]`,
    });
    const err = await t
      .optimize()
      .where("id = 1")
      .executeCompaction()
      .catch((e: unknown) => e);
    expect((err as DeltaError).code).toBe("DELTA_NON_PARTITION_COLUMN_REFERENCE");
    expect((err as DeltaError).message).toBe(
      "Predicate references non-partition column 'id'. Only the partition columns may be referenced: [p]",
    );
  });

  it("leaves files at or above minFileSize alone", async () => {
    const { path, t } = await smallFiles({ a: 3 });
    await spark().conf.set("spark.databricks.delta.optimize.minFileSize", "10");
    try {
      await t.optimize().executeCompaction();
      expect(latestVersion(path)).toBe(2);
    } finally {
      spark().conf.unset("spark.databricks.delta.optimize.minFileSize");
    }
  });
});

describe("DeltaTable.vacuum", () => {
  it("refuses a retention under the table's (168 hours) with delta-spark's message", async () => {
    const { t } = await smallFiles({ a: 1 });
    const err = await t.vacuum(0).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeltaError);
    expect((err as DeltaError).message).toBe(
      "requirement failed: Are you sure you would like to vacuum files with such a low retention period? If you have\n" +
        "writers that are currently writing to this table, there is a risk that you may corrupt the\n" +
        "state of your Delta table.\n\n" +
        "If you are certain that there are no operations being performed on this table, such as\n" +
        "insert/upsert/delete/optimize, then you may turn off this check by setting:\n" +
        "spark.databricks.delta.retentionDurationCheck.enabled = false\n\n" +
        'If you are not sure, please use a value not less than "168 hours".\n',
    );
    expect(
      ((await t.vacuum(1, { dryRun: true }).catch((e: unknown) => e)) as DeltaError).code,
    ).toBe("DELTA_VACUUM_RETENTION_TOO_SHORT");
  });

  it("deletes unreferenced files past the retention, keeps the rest, and logs VACUUM START/END", async () => {
    const { path, t } = await smallFiles({ a: 2, b: 1 });
    await t.delete("p = 'a'");
    await t.optimize().executeCompaction();
    age(path, 200);
    // The tombstones are younger than the default retention: their files are still kept.
    expect((await t.vacuum(undefined, { dryRun: true })).files).toEqual([]);
    await spark().conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      await new Promise((r) => setTimeout(r, 5));
      const rows = await sorted(t.toDF());
      const dry = await t.vacuum(0, { dryRun: true });
      expect(dry.dryRun).toBe(true);
      expect(dry.files.filter((f) => f.endsWith(".parquet"))).toHaveLength(2);
      expect(dry.files).toContain(join(path, "p=a"));
      expect(parquetFiles(path)).toHaveLength(3);
      const versionBefore = latestVersion(path);
      const done = await t.vacuum(0);
      expect(done).toMatchObject({ dryRun: false, numDeletedFiles: 3 });
      expect(parquetFiles(path)).toHaveLength(1);
      expect(existsSync(join(path, "p=a"))).toBe(false);
      expect(existsSync(join(path, "_delta_log"))).toBe(true);
      expect(await sorted(t.toDF())).toEqual(rows);
      expect(commitInfo(path, versionBefore + 1)).toMatchObject({
        operation: "VACUUM START",
        operationParameters: {
          retentionCheckEnabled: false,
          specifiedRetentionMillis: 0,
          defaultRetentionMillis: 604800000,
        },
        operationMetrics: { numFilesToDelete: "3" },
      });
      expect(commitInfo(path, versionBefore + 2)).toMatchObject({
        operation: "VACUUM END",
        operationParameters: { status: "COMPLETED" },
        operationMetrics: { numDeletedFiles: "3" },
      });
      // The vacuum commits carry no data change: readers see the same table.
      expect(
        await sorted(
          spark()
            .read.format("delta")
            .option("versionAsOf", versionBefore + 2)
            .load(path),
        ),
      ).toEqual(rows);
    } finally {
      spark().conf.unset("spark.databricks.delta.retentionDurationCheck.enabled");
    }
  });

  it("keeps unreferenced files modified within the retention, and never touches hidden paths", async () => {
    const { path, t } = await smallFiles({ a: 1 });
    const orphan = join(path, "p=a", "part-orphan.c000.snappy.parquet");
    writeFileSync(orphan, "not really parquet");
    mkdirSync(join(path, "_staging"));
    writeFileSync(join(path, "_staging", "old.parquet"), "x");
    writeFileSync(join(path, ".hidden.parquet"), "x");
    await spark().conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      expect((await t.vacuum(1)).numDeletedFiles).toBe(0);
      expect(existsSync(orphan)).toBe(true);
      const old = new Date(Date.now() - 2 * 3_600_000);
      for (const f of [
        orphan,
        join(path, "_staging", "old.parquet"),
        join(path, ".hidden.parquet"),
      ])
        utimesSync(f, old, old);
      const r = await t.vacuum(1);
      expect(r.files).toEqual([orphan]);
      expect(existsSync(orphan)).toBe(false);
      expect(existsSync(join(path, "_staging", "old.parquet"))).toBe(true);
      expect(existsSync(join(path, ".hidden.parquet"))).toBe(true);
      expect(commitInfo(path, latestVersion(path) - 1).operationParameters).toMatchObject({
        retentionCheckEnabled: false,
        specifiedRetentionMillis: 3600000,
      });
      expect(await t.toDF().collect()).toEqual([{ id: 0, p: "a" }]);
    } finally {
      spark().conf.unset("spark.databricks.delta.retentionDurationCheck.enabled");
    }
  });
});

describe("DeltaTable.restore", () => {
  it("restores a version in one commit, re-adding and removing files with dataChange=true", async () => {
    const { path, t } = await smallFiles({ a: 2, b: 1 });
    const v2 = await sorted(t.toDF());
    await t.delete("p = 'a'");
    await writeTable(spark(), path, [{ id: 50, p: "z" }], "id INT, p STRING", { mode: "append" });
    const [m] = await (await t.restoreToVersion(2)).collect();
    expect(m).toMatchObject({
      num_of_files_after_restore: 3n,
      num_removed_files: 1n,
      num_restored_files: 2n,
    });
    expect(await sorted(t.toDF())).toEqual(v2);
    const v = latestVersion(path);
    expect(v).toBe(5);
    expect(commitInfo(path, v)).toMatchObject({
      operation: "RESTORE",
      operationParameters: { version: 2, timestamp: null },
    });
    expect(commitInfo(path, v).operationMetrics).toMatchObject({
      numRestoredFiles: "2",
      numRemovedFiles: "1",
      numOfFilesAfterRestore: "3",
    });
    expect(
      [...actionsOf(path, v, "add"), ...actionsOf(path, v, "remove")].every(
        (a) => a.dataChange === true,
      ),
    ).toBe(true);
    // Time travel still reaches every version, the restored one included.
    expect(await spark().read.format("delta").option("versionAsOf", 4).load(path).count()).toBe(2);
  });

  it("restores the table's schema with the data, and by timestamp", async () => {
    const path = tmpTable();
    await writeTable(spark(), path, [{ id: 1 }], "id INT");
    await spark()
      .createDataFrame([{ id: 2, extra: "x" }], "id INT, extra STRING")
      .write.format("delta")
      .mode("append")
      .option("mergeSchema", true)
      .save(path);
    const t = await DeltaTable.forPath(spark(), path);
    expect(await t.toDF().columns).toEqual(["id", "extra"]);
    const first = (await (await t.history()).collect()).find((r) => r.version === 0n);
    const ts = (first?.timestamp as Date | undefined)?.toISOString() ?? "";
    await t.restoreToTimestamp(ts);
    expect(await t.toDF().collect()).toEqual([{ id: 1 }]);
    expect(commitInfo(path, 2)).toMatchObject({
      operation: "RESTORE",
      operationParameters: { version: null, timestamp: ts },
    });
  });

  it("fails clearly when a file of the version was vacuumed, leaving the table unchanged", async () => {
    const { path, t } = await smallFiles({ a: 2 });
    await t.delete("id = 0");
    await new Promise((r) => setTimeout(r, 5));
    await spark().conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    await t
      .vacuum(0)
      .finally(() => spark().conf.unset("spark.databricks.delta.retentionDurationCheck.enabled"));
    const version = latestVersion(path);
    const err = await t.restoreToVersion(1).catch((e: unknown) => e);
    expect((err as DeltaError).code).toBe("DELTA_RESTORE_MISSING_FILES");
    expect((err as DeltaError).message).toMatch(
      /^Not all files from version 1 are available in file system\./,
    );
    expect(latestVersion(path)).toBe(version);
    const missing = await t.restoreToVersion(99).catch((e: unknown) => e);
    expect((missing as DeltaError).code).toBe("DELTA_VERSION_NOT_FOUND");
  });
});
