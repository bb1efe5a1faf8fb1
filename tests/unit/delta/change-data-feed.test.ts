/**
 * The change data feed, written and read on the embedded engine. The operations and the
 * expected feed are those of a delta-spark 4.0 run (PySpark, delta.enableChangeDataFeed with
 * and without deletion vectors): the same rows, change types and versions; delta-spark's own
 * tables are compared in tests/interop/change-data-feed.test.ts.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeltaTable, type Row } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";
import { commit, tmpTable, writeTable } from "./helpers.js";

const spark = useSpark();

type Change = [id: number, v: string, p: number, type: string, version: number];

/** The feed from `start`, as sorted tuples. */
async function feed(
  path: string,
  options: Record<string, string | number> = {},
): Promise<Change[]> {
  let reader = spark().read.format("delta").option("readChangeFeed", true);
  const start = options.startingTimestamp === undefined ? { startingVersion: 0 } : {};
  for (const [k, v] of Object.entries({ ...start, ...options })) reader = reader.option(k, v);
  const rows: Row[] = await reader.load(path).collect();
  return rows
    .map((r) => [r.id, r.v, r.p, r._change_type, Number(r._commit_version)] as Change)
    .sort((a, b) => a[4] - b[4] || String(a[3]).localeCompare(String(b[3])) || a[0] - b[0]);
}

/** The operations of the delta-spark run: update, delete, merge, partition delete, overwrite, replaceWhere. */
async function history(deletionVectors: boolean): Promise<string> {
  const path = tmpTable();
  const schema = "id INT, v STRING, p INT";
  await writeTable(
    spark(),
    path,
    [
      { id: 1, v: "a", p: 0 },
      { id: 2, v: "b", p: 0 },
      { id: 3, v: "c", p: 1 },
      { id: 4, v: "d", p: 1 },
    ],
    schema,
    {
      partitionBy: ["p"],
      options: {
        "delta.enableChangeDataFeed": "true",
        "delta.enableDeletionVectors": String(deletionVectors),
      },
    },
  );
  const t = await DeltaTable.forPath(spark(), path);
  await t.update("id = 2", { v: "'bb'" });
  await t.delete("id = 3");
  const src = spark().createDataFrame(
    [
      { id: 1, v: "aa", p: 0 },
      { id: 5, v: "e", p: 1 },
      { id: 4, v: "x", p: 1 },
    ],
    schema,
  );
  await t
    .alias("t")
    .merge(src.alias("s"), "t.id = s.id")
    .whenMatchedDelete("s.id = 4")
    .whenMatchedUpdateAll()
    .whenNotMatchedInsertAll()
    .execute();
  await t.delete("p = 0");
  await writeTable(spark(), path, [{ id: 7, v: "g", p: 1 }], schema, { mode: "overwrite" });
  await writeTable(
    spark(),
    path,
    [0, 1, 2].map((id) => ({ id, v: "r", p: 1 })),
    schema,
    { mode: "overwrite", options: { replaceWhere: "p = 1" } },
  );
  return path;
}

/** delta-spark's feed of the same operations (its versions are one later: it creates the table empty first). */
const EXPECTED: Change[] = [
  [1, "a", 0, "insert", 0],
  [2, "b", 0, "insert", 0],
  [3, "c", 1, "insert", 0],
  [4, "d", 1, "insert", 0],
  [2, "bb", 0, "update_postimage", 1],
  [2, "b", 0, "update_preimage", 1],
  [3, "c", 1, "delete", 2],
  [4, "d", 1, "delete", 3],
  [5, "e", 1, "insert", 3],
  [1, "aa", 0, "update_postimage", 3],
  [1, "a", 0, "update_preimage", 3],
  [1, "aa", 0, "delete", 4],
  [2, "bb", 0, "delete", 4],
  [5, "e", 1, "delete", 5],
  [7, "g", 1, "insert", 5],
  [7, "g", 1, "delete", 6],
  [0, "r", 1, "insert", 6],
  [1, "r", 1, "insert", 6],
  [2, "r", 1, "insert", 6],
];

const cdcActions = (path: string, version: number) =>
  commit(path, version)
    .filter((a) => "cdc" in a)
    .map((a) => a.cdc as Record<string, unknown>);

describe.each([false, true])("change data feed (deletion vectors %s)", (dv) => {
  it("records every change of update, delete, merge, overwrite and replaceWhere as delta-spark", async () => {
    const path = await history(dv);
    const sortedExpected = [...EXPECTED].sort(
      (a, b) => a[4] - b[4] || a[3].localeCompare(b[3]) || a[0] - b[0],
    );
    expect(await feed(path)).toEqual(sortedExpected);
    // As delta-spark: cdc files for the update, the merge and a copy-on-write partial delete;
    // none for a deletion-vector delete, whole-file deletes, overwrites.
    expect(cdcActions(path, 1).length).toBeGreaterThan(0);
    expect(cdcActions(path, 2).length).toBe(dv ? 0 : 1);
    expect(cdcActions(path, 3).length).toBe(2);
    for (const v of [4, 5, 6]) expect(cdcActions(path, v)).toEqual([]);
    for (const c of cdcActions(path, 3)) {
      expect(c.dataChange).toBe(false);
      expect(String(c.path)).toMatch(/^_change_data\/p=[01]\/.+\.parquet$/);
    }
  });
});

describe("writing the change data feed", () => {
  it("creates the table with the changeDataFeed writer feature (protocol 1,7 as delta-spark)", async () => {
    const path = tmpTable();
    await writeTable(spark(), path, [{ id: 1 }], "id INT", {
      options: { "delta.enableChangeDataFeed": "true" },
    });
    const protocol = commit(path, 0).find((a) => "protocol" in a)?.protocol;
    expect(protocol).toEqual({
      minReaderVersion: 1,
      minWriterVersion: 7,
      writerFeatures: ["appendOnly", "invariants", "changeDataFeed"],
    });
  });
});

describe("writing the change data feed: edge cases", () => {
  it("an insert-only merge writes no cdc file: its adds are the inserts", async () => {
    const path = tmpTable();
    await writeTable(spark(), path, [{ id: 1, v: "a", p: 0 }], "id INT, v STRING, p INT", {
      options: { "delta.enableChangeDataFeed": "true" },
    });
    const src = spark().createDataFrame([{ id: 9, v: "n", p: 1 }], "id INT, v STRING, p INT");
    const t = await DeltaTable.forPath(spark(), path);
    await t.alias("t").merge(src.alias("s"), "t.id = s.id").whenNotMatchedInsertAll().execute();
    expect(cdcActions(path, 1)).toEqual([]);
    expect(await feed(path, { startingVersion: 1 })).toEqual([[9, "n", 1, "insert", 1]]);
  });

  it("deletion-vector deletes read back one row per version as the vector grows", async () => {
    const path = tmpTable();
    await writeTable(
      spark(),
      path,
      [1, 2, 3].map((id) => ({ id, v: `v${id}`, p: 0 })),
      "id INT, v STRING, p INT",
      {
        options: { "delta.enableChangeDataFeed": "true", "delta.enableDeletionVectors": "true" },
      },
    );
    const t = await DeltaTable.forPath(spark(), path);
    await t.delete("id = 1"); // v1: a vector
    await t.delete("id = 2"); // v2: the vector grows; only row 2 is new
    await t.delete("id = 3"); // v3: the file goes whole; only row 3 is left in it
    expect(await feed(path, { startingVersion: 1 })).toEqual([
      [1, "v1", 0, "delete", 1],
      [2, "v2", 0, "delete", 2],
      [3, "v3", 0, "delete", 3],
    ]);
  });

  it("refuses a table whose columns clash with the feed's (DELTA_TABLE_ALREADY_CONTAINS_CDC_COLUMNS)", async () => {
    const path = tmpTable();
    await expect(
      writeTable(spark(), path, [{ id: 1, _change_type: "x" }], "id INT, _change_type STRING", {
        options: { "delta.enableChangeDataFeed": "true" },
      }),
    ).rejects.toMatchObject({
      code: "DELTA_TABLE_ALREADY_CONTAINS_CDC_COLUMNS",
      message:
        "Unable to enable Change Data Capture on the table. The table already contains reserved columns [_change_type] that will be used internally as metadata for the table's Change Data Feed. To enable Change Data Feed on the table rename/drop these columns.",
    });
  });
});

describe("VACUUM and change data files", () => {
  it("deletes change data files past the retention, as delta-spark's VACUUM", async () => {
    const path = tmpTable();
    await writeTable(spark(), path, [{ id: 1 }, { id: 2 }], "id INT", {
      options: { "delta.enableChangeDataFeed": "true" },
    });
    const t = await DeltaTable.forPath(spark(), path);
    await t.update("id = 1", { id: "10" });
    const dir = join(path, "_change_data");
    const changeFiles = () =>
      existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".parquet")) : [];
    expect(changeFiles().length).toBeGreaterThan(0);
    expect((await t.vacuum()).files.filter((f) => f.includes("_change_data"))).toEqual([]);
    await spark().conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      await new Promise((r) => setTimeout(r, 5));
      await t.vacuum(0);
      expect(changeFiles()).toEqual([]);
    } finally {
      await spark().conf.set("spark.databricks.delta.retentionDurationCheck.enabled", "true");
    }
  });
});

describe("reading the change data feed", () => {
  async function small(): Promise<string> {
    const path = tmpTable();
    await writeTable(spark(), path, [{ id: 1 }], "id INT", {
      options: { "delta.enableChangeDataFeed": "true" },
    });
    await writeTable(spark(), path, [{ id: 2 }], "id INT", { mode: "append" });
    return path;
  }

  it("has the table's columns then _change_type, _commit_version, _commit_timestamp", async () => {
    const path = await small();
    const df = spark()
      .read.format("delta")
      .option("readChangeFeed", "true")
      .option("startingVersion", 1)
      .load(path);
    expect((await df.schema).simpleString()).toBe(
      "struct<id:int,_change_type:string,_commit_version:bigint,_commit_timestamp:timestamp>",
    );
    const [row] = await df.collect();
    // The commit time is the commit file's modification time, as delta-spark's.
    const mtime = statSync(join(path, "_delta_log", `${"1".padStart(20, "0")}.json`)).mtimeMs;
    expect(row?._commit_timestamp).toEqual(new Date(Math.floor(mtime)));
    expect(row).toMatchObject({ id: 2, _change_type: "insert" });
  });

  it("clamps an ending version past the latest and takes endingVersion", async () => {
    const path = await small();
    expect((await feed(path, { endingVersion: 9 })).map((c) => c[0])).toEqual([1, 2]);
    expect((await feed(path, { endingVersion: 0 })).map((c) => c[0])).toEqual([1]);
  });

  it("fails as delta-spark on bad ranges", async () => {
    const path = await small();
    await expect(feed(path, { startingVersion: 1, endingVersion: 0 })).rejects.toMatchObject({
      code: "DELTA_INVALID_CDC_RANGE",
      message: "CDC range from start 1 to end 0 was invalid. End cannot be before start.",
    });
    await expect(feed(path, { startingVersion: 5 })).rejects.toMatchObject({
      code: "DELTA_INVALID_CDC_RANGE",
      message:
        "Provided Start version(5) for reading change data is invalid. Start version cannot be greater than the latest version of the table(1).",
    });
    await expect(feed(path, { startingVersion: "abc" })).rejects.toMatchObject({
      code: "DELTA_VERSION_INVALID",
    });
    await expect(feed(path, { startingTimestamp: "2099-01-01" })).rejects.toMatchObject({
      code: "DELTA_TIMESTAMP_GREATER_THAN_COMMIT",
    });
    await expect(
      spark().read.format("delta").option("readChangeFeed", true).load(path).collect(),
    ).rejects.toMatchObject({ code: "DELTA_NO_START_FOR_CDC_READ" });
  });

  it("refuses versions written without the feed (DELTA_MISSING_CHANGE_DATA)", async () => {
    const path = tmpTable();
    await writeTable(spark(), path, [{ id: 1 }], "id INT");
    await expect(feed(path)).rejects.toMatchObject({
      code: "DELTA_MISSING_CHANGE_DATA",
      message: expect.stringContaining(
        "Error getting change data for range [0 , 0] as change data was not recorded for version [0].",
      ),
    });
  });

  it("takes a starting timestamp as the first commit at or after it", async () => {
    const path = await small();
    const mtime = statSync(join(path, "_delta_log", `${"1".padStart(20, "0")}.json`)).mtimeMs;
    const at = new Date(Math.floor(mtime)).toISOString();
    expect((await feed(path, { startingTimestamp: at })).map((c) => c[0])).toEqual([2]);
    expect((await feed(path, { startingTimestamp: "2000-01-01" })).map((c) => c[0])).toEqual([
      1, 2,
    ]);
  });

  it("takes an ending timestamp as the last commit at or before it", async () => {
    const path = await small();
    const mtime = statSync(join(path, "_delta_log", `${"0".padStart(20, "0")}.json`)).mtimeMs;
    const at = new Date(Math.floor(mtime)).toISOString();
    expect((await feed(path, { endingTimestamp: at })).map((c) => c[0])).toEqual([1]);
    await expect(feed(path, { endingTimestamp: "2000-01-01" })).rejects.toMatchObject({
      code: "DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION",
    });
  });
});
