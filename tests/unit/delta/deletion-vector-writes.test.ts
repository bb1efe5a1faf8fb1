/**
 * DELETE on a table with `delta.enableDeletionVectors`: partly matching files keep their data
 * and get the matching rows marked in a vector (merge-on-read), as delta-spark does; fully
 * matching files are still removed whole. Interop with delta-spark is in
 * tests/interop/deletion-vectors.test.ts.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DeltaTable } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";
import { actionsOf, commit, commitInfo, sorted, tmpTable, writeTable } from "./helpers.js";

const spark = useSpark();

const ROWS = Array.from({ length: 40 }, (_, i) => ({ id: i, p: i < 20 ? "a" : "b" }));

async function dvTable(): Promise<{ path: string; t: DeltaTable }> {
  const path = tmpTable();
  await writeTable(spark(), path, ROWS, "id INT, p STRING", {
    partitionBy: ["p"],
    options: { "delta.enableDeletionVectors": "true" },
  });
  return { path, t: await DeltaTable.forPath(spark(), path) };
}

const vectorFiles = (path: string) =>
  readdirSync(path).filter((n) => n.startsWith("deletion_vector_"));

describe("DELETE with deletion vectors", () => {
  it("creates the table with the deletionVectors feature", async () => {
    const { path } = await dvTable();
    const protocol = commit(path, 0).find((a) => "protocol" in a)?.protocol;
    expect(protocol).toMatchObject({
      minReaderVersion: 3,
      minWriterVersion: 7,
      readerFeatures: ["deletionVectors"],
    });
    expect(protocol?.writerFeatures).toContain("deletionVectors");
  });

  it("marks rows instead of rewriting files, and vectors grow with later deletes", async () => {
    const { path, t } = await dvTable();
    const first = await t.delete("id % 4 = 0");
    expect(first).toMatchObject({ version: 1, numDeletedRows: 10, numAddedFiles: 0 });
    expect(vectorFiles(path)).toHaveLength(1);
    const adds = actionsOf(path, 1, "add");
    expect(adds).toHaveLength(2);
    expect(adds.map((a) => (a.deletionVector as { cardinality: number }).cardinality)).toEqual([
      5, 5,
    ]);
    expect(JSON.parse(String(adds[0]?.stats))).toMatchObject({
      numRecords: 20,
      tightBounds: false,
    });
    expect(commitInfo(path, 1).operationMetrics).toMatchObject({
      numDeletionVectorsAdded: "2",
      numDeletionVectorsUpdated: "0",
    });

    await t.delete("id % 4 = 1 AND p = 'a'");
    const second = actionsOf(path, 2, "add");
    expect(second).toHaveLength(1);
    expect(second[0]?.deletionVector).toMatchObject({ cardinality: 10 });
    // The remove names the old vector: the (path, vector) pair it replaces.
    expect(actionsOf(path, 2, "remove")[0]?.deletionVector).toMatchObject({ cardinality: 5 });
    const live = ROWS.filter((r) => r.id % 4 !== 0 && !(r.id % 4 === 1 && r.p === "a"));
    expect(await sorted(t.toDF())).toEqual(live);
    // Time travel sees the rows each version had.
    const v1 = spark().read.format("delta").option("versionAsOf", 1).load(path);
    expect(await v1.count()).toBe(30);
  });

  it("removes files whose rows all match, as without vectors", async () => {
    const { path, t } = await dvTable();
    const m = await t.delete("p = 'b' OR id = 3");
    expect(m).toMatchObject({ numRemovedFiles: 1, numDeletedRows: 21 });
    const adds = actionsOf(path, 1, "add");
    expect(adds).toHaveLength(1);
    expect(adds[0]?.partitionValues).toEqual({ p: "a" });
    expect(await t.toDF().count()).toBe(19);
  });
});

describe("reading a table where some files have vectors", () => {
  it("drops marked rows only where vectors are, with partition values per file", async () => {
    const { t } = await dvTable();
    await t.delete("id % 3 = 0 AND p = 'a'"); // a vector on partition a's file only
    const df = t.toDF();
    const live = ROWS.filter((r) => !(r.id % 3 === 0 && r.p === "a"));
    expect(await sorted(df)).toEqual(live);
    expect(await sorted(df.filter("p = 'b' OR id < 7"))).toEqual(
      live.filter((r) => r.p === "b" || r.id < 7),
    );
    await t.delete("id % 4 = 1"); // now both files have vectors (joined on the file index)
    const both = live.filter((r) => r.id % 4 !== 1);
    expect(await sorted(df.filter("id > 15"))).toEqual(both.filter((r) => r.id > 15));
    expect(await t.toDF().groupBy("p").count().orderBy("p").collect()).toEqual([
      { p: "a", count: BigInt(both.filter((r) => r.p === "a").length) },
      { p: "b", count: BigInt(both.filter((r) => r.p === "b").length) },
    ]);
  });
});

describe("OPTIMIZE with deletion vectors", () => {
  it("rewrites files whose vectors remove more than 5% of the rows, purging the vectors", async () => {
    const { path, t } = await dvTable();
    await t.delete("id % 2 = 0 AND p = 'a'");
    await t.delete("id = 21"); // 1 of 20 rows of partition b: 5%, not more
    await t.optimize().executeCompaction();
    const removed = actionsOf(path, 3, "remove");
    expect(removed.map((r) => r.partitionValues)).toEqual([{ p: "a" }]);
    const added = actionsOf(path, 3, "add");
    expect(added).toHaveLength(1);
    expect(added[0]?.deletionVector ?? null).toBeNull();
    expect(JSON.parse(String(added[0]?.stats)).numRecords).toBe(10);
    expect(commitInfo(path, 3).operationMetrics).toMatchObject({ numDeletionVectorsRemoved: "1" });
    expect(await t.toDF().count()).toBe(29);
  });
});

describe("UPDATE with deletion vectors", () => {
  it("writes only the updated rows and marks the old ones", async () => {
    const { path, t } = await dvTable();
    const m = await t.update("id % 10 = 0", { id: "id + 1000" });
    expect(m).toMatchObject({ numUpdatedRows: 4, numCopiedRows: 0, numAddedFiles: 2 });
    const adds = actionsOf(path, 1, "add");
    const rewritten = adds.filter((a) => a.deletionVector === undefined);
    expect(rewritten.reduce((n, a) => n + JSON.parse(String(a.stats)).numRecords, 0)).toBe(4);
    expect(adds.filter((a) => a.deletionVector !== undefined)).toHaveLength(2);
    const ids = (await t.toDF().collect()).map((r) => Number(r.id)).sort((a, b) => a - b);
    expect(ids).toEqual(
      ROWS.map((r) => (r.id % 10 === 0 ? r.id + 1000 : r.id)).sort((a, b) => a - b),
    );
  });
});

describe("purgeDeletionVectors (REORG ... APPLY (PURGE))", () => {
  it("rewrites every file with a vector, whatever its share of deleted rows", async () => {
    const { path, t } = await dvTable();
    await t.delete("id = 21"); // 5% of partition b: OPTIMIZE alone would keep it
    await t.optimize().purgeDeletionVectors();
    expect(commitInfo(path, 2)).toMatchObject({
      operation: "REORG",
      operationMetrics: { numDeletionVectorsRemoved: "1" },
    });
    const added = actionsOf(path, 2, "add");
    expect(added).toHaveLength(1);
    expect(added[0]?.deletionVector ?? null).toBeNull();
    expect(await t.toDF().count()).toBe(39);
    const live = spark().read.format("delta").load(path);
    expect(await live.filter("id = 21").count()).toBe(0);
  });
});

describe("MERGE with deletion vectors", () => {
  // Expected actions and metrics are what delta-spark 4.0.1 commits for the same merges.
  it("marks updated and deleted target rows, writes only updated and inserted rows", async () => {
    const { path, t } = await dvTable();
    const src = spark().createDataFrame(
      [
        { id: 1, v: "u" },
        { id: 2, v: "del" },
        { id: 25, v: "u" },
        { id: 99, v: "ins" },
      ],
      "id INT, v STRING",
    );
    const [r] = await (
      await t
        .alias("t")
        .merge(src.alias("s"), "t.id = s.id")
        .whenMatchedDelete("s.v = 'del'")
        .whenMatchedUpdate({ set: { id: "t.id + 1000" } })
        .whenNotMatchedInsert({ values: { id: "s.id", p: "'c'" } })
        .execute()
    ).collect();
    expect([r?.num_updated_rows, r?.num_deleted_rows, r?.num_inserted_rows].map(Number)).toEqual([
      2, 1, 1,
    ]);
    expect(commitInfo(path, 1).operationMetrics).toMatchObject({
      numTargetRowsCopied: "0",
      numOutputRows: "3",
      numTargetFilesRemoved: "0",
      numTargetBytesRemoved: "0",
      numTargetDeletionVectorsAdded: "2",
      numTargetDeletionVectorsUpdated: "0",
      numTargetDeletionVectorsRemoved: "0",
    });
    const adds = actionsOf(path, 1, "add");
    const marked = adds.filter((a) => a.deletionVector !== undefined);
    const cardinality = (a: Record<string, unknown>) =>
      `${(a.partitionValues as { p: string }).p}:${(a.deletionVector as { cardinality: number }).cardinality}`;
    expect(marked.map(cardinality).sort()).toEqual(["a:2", "b:1"]);
    const written = adds.filter((a) => a.deletionVector === undefined);
    expect(written.reduce((n, a) => n + JSON.parse(String(a.stats)).numRecords, 0)).toBe(3);
    expect(vectorFiles(path)).toHaveLength(1);
    const expected = [
      ...ROWS.filter((x) => x.id !== 2).map((x) =>
        x.id === 1 || x.id === 25 ? { ...x, id: x.id + 1000 } : x,
      ),
      { id: 99, p: "c" },
    ].sort((a, b) => a.id - b.id);
    expect(await sorted(t.toDF())).toEqual(expected);
  });

  it("updates a file's vector, removes files whose live rows all change (NOT MATCHED BY SOURCE too)", async () => {
    const { path, t } = await dvTable();
    await t.delete("id = 3");
    const src = spark().createDataFrame([{ id: 5 }], "id INT");
    await t
      .alias("t")
      .merge(src.alias("s"), "t.id = s.id")
      .whenNotMatchedBySourceDelete("t.p = 'a' AND t.id > 10")
      .whenNotMatchedBySourceUpdate({ condition: "t.p = 'b'", set: { id: "t.id + 100" } })
      .execute();
    expect(commitInfo(path, 2).operationMetrics).toMatchObject({
      numTargetRowsNotMatchedBySourceDeleted: "9",
      numTargetRowsNotMatchedBySourceUpdated: "20",
      numTargetFilesRemoved: "1",
      numTargetDeletionVectorsAdded: "0",
      numTargetDeletionVectorsUpdated: "1",
      numTargetDeletionVectorsRemoved: "0",
    });
    expect(actionsOf(path, 2, "add").find((a) => a.deletionVector !== undefined)).toMatchObject({
      partitionValues: { p: "a" },
      deletionVector: { cardinality: 10 },
    });
    const expected = ROWS.filter((x) => x.id !== 3 && !(x.p === "a" && x.id > 10)).map((x) =>
      x.p === "b" ? { ...x, id: x.id + 100 } : x,
    );
    expect(await sorted(t.toDF())).toEqual(expected);
  });
});
