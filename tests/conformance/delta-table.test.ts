/**
 * DeltaTable on both engines: the same user code (history, detail, delete, update, merge,
 * optimize, restore, vacuum) runs natively on DuckDB and through delta-spark on Spark.
 * Each engine works on its own copy of one table, so every result must agree.
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeltaTable, functions as F, type SparkSession } from "../../src/index.js";
import { type Engines, sortedRows, startEngines, stopEngines } from "./engines.js";

let engines: Engines;
let base: string;

const rows = (from: number, n: number, day: string) =>
  Array.from({ length: n }, (_, i) => ({
    id: BigInt(from + i),
    name: `n${from + i}`,
    v: (from + i) * 10,
    day,
  }));

beforeAll(async () => {
  engines = await startEngines();
  base = join(mkdtempSync(join(tmpdir(), "trib-conf-dt-")), "base");
  const s = engines.duckdb;
  const schema = "id BIGINT, name STRING, v INT, day STRING";
  await s
    .createDataFrame(rows(1, 4, "d1"), schema)
    .write.format("delta")
    .partitionBy("day")
    .save(base);
  await s
    .createDataFrame(rows(5, 4, "d1"), schema)
    .write.format("delta")
    .mode("append")
    .save(base);
  await s
    .createDataFrame(rows(9, 4, "d2"), schema)
    .write.format("delta")
    .mode("append")
    .save(base);
});
afterAll(async () => stopEngines(engines));

/** A fresh copy of the base table for each engine. */
function copies(): { duckdb: string; spark: string } {
  const root = mkdtempSync(join(tmpdir(), "trib-conf-dt-"));
  const out = { duckdb: join(root, "duckdb"), spark: join(root, "spark") };
  cpSync(base, out.duckdb, { recursive: true });
  cpSync(base, out.spark, { recursive: true });
  return out;
}

async function onBoth<T>(
  run: (s: SparkSession, table: DeltaTable, path: string) => Promise<T>,
): Promise<{ duckdb: T; spark: T; paths: { duckdb: string; spark: string } }> {
  const paths = copies();
  const duckdb = await run(
    engines.duckdb,
    await DeltaTable.forPath(engines.duckdb, paths.duckdb),
    paths.duckdb,
  );
  const spark = await run(
    engines.spark,
    await DeltaTable.forPath(engines.spark, paths.spark),
    paths.spark,
  );
  return { duckdb, spark, paths };
}

const content = async (s: SparkSession, path: string) =>
  sortedRows(await s.read.format("delta").load(path).collect());

describe("DeltaTable: DuckDB (native) == Spark (delta-spark)", () => {
  it("forPath and isDeltaTable refuse a directory without a table", async () => {
    const empty = mkdtempSync(join(tmpdir(), "trib-conf-dt-none-"));
    for (const s of [engines.duckdb, engines.spark]) {
      expect(await DeltaTable.isDeltaTable(s, empty)).toBe(false);
      await expect(DeltaTable.forPath(s, empty)).rejects.toMatchObject({
        code: "DELTA_MISSING_DELTA_TABLE",
      });
      expect(await DeltaTable.isDeltaTable(s, base)).toBe(true);
    }
  });

  it("history and detail", async () => {
    const r = await onBoth(async (_s, t) => ({
      history: (await (await t.history()).select("version", "operation").collect()).map(
        (x) => `${x.version}:${x.operation}`,
      ),
      limited: await (await t.history(1)).count(),
      detail: (
        await (await t.detail()).select("format", "partitionColumns", "numFiles").collect()
      )[0],
    }));
    expect(r.duckdb).toEqual(r.spark);
    expect(r.duckdb.history).toEqual(["2:WRITE", "1:WRITE", "0:WRITE"]);
  });

  it("delete with a condition, then with one that matches nothing", async () => {
    const r = await onBoth(async (s, t, path) => {
      const hit = await t.delete("v > 95 OR name = 'n2'");
      const miss = await t.delete(F.col("id").gt(1000));
      return { hit, miss, rows: await content(s, path) };
    });
    expect(r.duckdb.rows).toEqual(r.spark.rows);
    expect(r.duckdb.hit.numDeletedRows).toBe(4);
    expect(r.duckdb.hit.numDeletedRows).toBe(r.spark.hit.numDeletedRows);
    expect(r.duckdb.hit.numCopiedRows).toBe(r.spark.hit.numCopiedRows);
    expect(r.duckdb.hit.version).toBe(r.spark.hit.version);
    expect(r.duckdb.miss.numDeletedRows).toBe(0);
    expect(r.spark.miss.numDeletedRows).toBe(0);
  });

  it("update with SQL text and Column values, quoted identifiers and values", async () => {
    const r = await onBoth(async (s, t, path) => {
      const a = await t.update("day = 'd2'", { v: "v + 1", name: F.lit('it\'s "quoted"') });
      const b = await t.update({ set: { v: F.col("v").multiply(2) } });
      return { a: a.numUpdatedRows, b: b.numUpdatedRows, rows: await content(s, path) };
    });
    expect(r.duckdb).toEqual(r.spark);
    expect(r.duckdb.a).toBe(4);
    expect(r.duckdb.b).toBe(12);
  });

  it("merge with every kind of clause", async () => {
    const r = await onBoth(async (s, t, path) => {
      const updates = s
        .createDataFrame(
          [
            { id: 1n, name: "one", v: -1, day: "d1", op: "U" },
            { id: 2n, name: null, v: null, day: "d1", op: "D" },
            { id: 100n, name: "new", v: 1000, day: "d3", op: "I" },
          ],
          "id BIGINT, name STRING, v INT, day STRING, op STRING",
        )
        .alias("s");
      const counts = await t
        .alias("t")
        .merge(updates, "t.id = s.id")
        .whenMatchedDelete("s.op = 'D'")
        .whenMatchedUpdate({ set: { name: "s.name", v: "s.v" } })
        .whenNotMatchedInsert({ values: { id: "s.id", name: "s.name", v: "s.v", day: "s.day" } })
        .whenNotMatchedBySourceUpdate({ condition: "t.day = 'd2'", set: { v: F.lit(0) } })
        .execute();
      return { counts: await counts.collect(), rows: await content(s, path) };
    });
    expect(r.duckdb.rows).toEqual(r.spark.rows);
    expect(sortedRows(r.duckdb.counts)).toEqual(sortedRows(r.spark.counts));
    expect(r.duckdb.counts[0]).toEqual({
      num_affected_rows: 7n,
      num_updated_rows: 5n,
      num_deleted_rows: 1n,
      num_inserted_rows: 1n,
    });
  });

  it("optimize compacts the same files and keeps the rows", async () => {
    const r = await onBoth(async (s, t, path) => {
      const before = await content(s, path);
      const result = await t.optimize().where("day = 'd1'").executeCompaction();
      const [m] = await result
        .select("metrics.numFilesAdded", "metrics.numFilesRemoved", "metrics.partitionsOptimized")
        .collect();
      return { m, same: (await content(s, path)).join() === before.join() };
    });
    expect(r.duckdb).toEqual(r.spark);
    expect(r.duckdb.m).toEqual({ numFilesAdded: 1n, numFilesRemoved: 2n, partitionsOptimized: 1n });
    expect(r.duckdb.same).toBe(true);
  });

  it("restoreToVersion brings back the old rows and reports the same metrics", async () => {
    const r = await onBoth(async (s, t, path) => {
      await t.delete();
      const restored = await t.restoreToVersion(1);
      const [m] = await restored
        .select("num_of_files_after_restore", "num_restored_files")
        .collect();
      return {
        m,
        rows: await content(s, path),
        last: (await (await t.history(1)).select("operation").collect())[0],
      };
    });
    expect(r.duckdb).toEqual(r.spark);
    expect(r.duckdb.rows).toHaveLength(8);
    expect(r.duckdb.last).toEqual({ operation: "RESTORE" });
  });

  it("vacuum lists, then deletes, the files a rewrite left behind", async () => {
    for (const s of [engines.duckdb, engines.spark])
      await s.conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      const r = await onBoth(async (s, t, path) => {
        await t.delete("day = 'd1'");
        const dry = await t.vacuum(0, { dryRun: true });
        const done = await t.vacuum(0);
        const again = await t.vacuum(0, { dryRun: true });
        // The embedded engine also lists (and removes) partition directories left empty.
        const files = (paths: readonly string[]) =>
          paths.filter((p) => p.endsWith(".parquet")).map((p) => p.slice(path.length));
        return {
          dry: files(dry.files).length,
          done: files(done.files).length,
          again: files(again.files).length,
          rows: await content(s, path),
        };
      });
      expect(r.duckdb.rows).toEqual(r.spark.rows);
      expect({ ...r.duckdb, rows: 0 }).toEqual({ ...r.spark, rows: 0 });
      expect(r.duckdb.dry).toBe(2);
      expect(r.duckdb.again).toBe(0);
    } finally {
      for (const s of [engines.duckdb, engines.spark])
        await s.conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "true");
    }
  });

  it("CHECK constraints: added, enforced on writes, dropped", async () => {
    const r = await onBoth(async (s, t, path) => {
      await t.addConstraint("positive_v", "v > 0");
      const bad = await s
        .createDataFrame(
          [{ id: 100n, name: "x", v: -1, day: "d3" }],
          "id BIGINT, name STRING, v INT, day STRING",
        )
        .write.format("delta")
        .mode("append")
        .save(path)
        .then(
          () => "written",
          (e: unknown) => String((e as { message?: string }).message ?? e).includes("positive_v"),
        );
      const dup = await t.addConstraint("positive_v", "v > 1").then(
        () => "added",
        () => "refused",
      );
      await t.dropConstraint("positive_v");
      return { bad, dup, rows: await content(s, path) };
    });
    expect(r.duckdb).toEqual(r.spark);
    expect(r.duckdb.bad).toBe(true);
    expect(r.duckdb.dup).toBe("refused");
  });

  it("deletion vectors: DELETE marks rows, purgeDeletionVectors rewrites the files", async () => {
    const r = await onBoth(async (s, _t, path) => {
      const dvPath = `${path}-dv`;
      await s.read
        .format("delta")
        .load(path)
        .write.format("delta")
        .option("delta.enableDeletionVectors", "true")
        .save(dvPath);
      const t = await DeltaTable.forPath(s, dvPath);
      await t.delete("id % 3 = 0");
      const afterDelete = await content(s, dvPath);
      await t.optimize().purgeDeletionVectors();
      const history = (await (await t.history()).select("operation").collect()).map(
        (x) => x.operation,
      );
      return { afterDelete, after: await content(s, dvPath), history };
    });
    expect(r.duckdb.afterDelete).toEqual(r.spark.afterDelete);
    expect(r.duckdb.after).toEqual(r.spark.after);
    expect(r.duckdb.history).toEqual(r.spark.history);
    expect(r.duckdb.history[0]).toBe("REORG");
  });

  it("column mapping, schema changes and protocol upgrades: same schema, rows and protocol", async () => {
    const r = await onBoth(async (s, t, path) => {
      const refused = await t.renameColumn("name", "full_name").then(
        () => "renamed",
        (e: unknown) =>
          String((e as { message?: string }).message ?? e).includes(
            "Column rename is not supported",
          ),
      );
      await t.setProperties({ "delta.columnMapping.mode": "name", team: "etl" });
      await t.renameColumn("name", "full name");
      await t.addColumns("note STRING");
      await t.dropColumn("v");
      await t.setProperties({ "delta.enableDeletionVectors": "true" });
      await t.unsetProperties(["team"]);
      await s
        .createDataFrame(
          [{ id: 100n, "full name": "x", day: "d3", note: "new" }],
          "id BIGINT, `full name` STRING, day STRING, note STRING",
        )
        .write.format("delta")
        .mode("append")
        .save(path);
      await t.delete("id = 1");
      const detail = (
        await (await t.detail()).select("minReaderVersion", "minWriterVersion").collect()
      )[0];
      const history = (await (await t.history()).select("operation").collect()).map(
        (x) => x.operation,
      );
      const df = s.read.format("delta").load(path);
      return {
        refused,
        schema: (await df.schema).simpleString(),
        rows: await content(s, path),
        detail,
        history,
      };
    });
    expect(r.duckdb).toEqual(r.spark);
    expect(r.duckdb.refused).toBe(true);
    expect(r.duckdb.schema).toBe("struct<id:bigint,full name:string,day:string,note:string>");
    // A dozen delta-spark commits: longer than the default on a shared machine.
  }, 400_000);
});
