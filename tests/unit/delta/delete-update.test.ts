import { describe, expect, it } from "vitest";
import { AnalysisError, type DeltaError, DeltaTable, functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";
import { actionsOf, commitInfo, latestVersion, sorted, tmpTable, writeTable } from "./helpers.js";

const spark = useSpark();

const ROWS = [
  { id: 1, v: 10, p: "a" },
  { id: 2, v: 20, p: "a" },
  { id: 3, v: 30, p: "b" },
  { id: 4, v: 40, p: "c" },
];
const SCHEMA = "id INT, v INT, p STRING";

async function table(rows = ROWS): Promise<{ path: string; t: DeltaTable }> {
  const path = tmpTable();
  await writeTable(spark(), path, rows, SCHEMA, { partitionBy: ["p"] });
  return { path, t: await DeltaTable.forPath(spark(), path) };
}

describe("DeltaTable.delete", () => {
  it("removes fully matching files whole and rewrites partly matching ones", async () => {
    const { path, t } = await table();
    const m = await t.delete("id = 1 OR p = 'b'");
    expect(m).toEqual({
      version: 1,
      numRemovedFiles: 2,
      numAddedFiles: 1,
      numDeletedRows: 2,
      numCopiedRows: 1,
    });
    expect(await sorted(t.toDF())).toEqual([ROWS[1], ROWS[3]]);
    const removes = actionsOf(path, 1, "remove");
    expect(removes.map((r) => r.partitionValues)).toEqual(
      expect.arrayContaining([{ p: "a" }, { p: "b" }]),
    );
    expect(
      removes.every((r) => r.dataChange === true && typeof r.deletionTimestamp === "number"),
    ).toBe(true);
    const adds = actionsOf(path, 1, "add");
    expect(adds).toHaveLength(1);
    expect(adds[0]?.partitionValues).toEqual({ p: "a" });
    expect(JSON.parse(String(adds[0]?.stats)).numRecords).toBe(1);
    const info = commitInfo(path, 1);
    expect(info).toMatchObject({
      operation: "DELETE",
      operationParameters: { predicate: "[\"id = 1 OR p = 'b'\"]" },
      readVersion: 0,
      isBlindAppend: false,
      isolationLevel: "WriteSerializable",
    });
    expect(info.operationMetrics).toMatchObject({
      numRemovedFiles: "2",
      numAddedFiles: "1",
      numDeletedRows: "2",
      numCopiedRows: "1",
      numAddedChangeFiles: "0",
    });
  });

  it("takes a Column, deletes every row without a condition, and commits nothing when nothing matches", async () => {
    const { path, t } = await table();
    expect((await t.delete(F.col("v").gt(35))).numDeletedRows).toBe(1);
    expect((await t.delete("id = 99")).version).toBeUndefined();
    expect(latestVersion(path)).toBe(1);
    const all = await t.delete();
    expect(all).toMatchObject({
      version: 2,
      numDeletedRows: 3,
      numAddedFiles: 0,
      numCopiedRows: 0,
    });
    expect(commitInfo(path, 2).operationParameters).toEqual({ predicate: "[]" });
    expect(await t.toDF().count()).toBe(0);
    // Time travel still sees every version.
    expect(await spark().read.format("delta").option("versionAsOf", 0).load(path).count()).toBe(4);
    expect(await sorted(spark().read.format("delta").option("versionAsOf", 1).load(path))).toEqual(
      ROWS.slice(0, 3),
    );
  });

  it("treats a null condition as not matching, as SQL does", async () => {
    const { t } = await table([...ROWS, { id: 5, v: null as unknown as number, p: "a" }]);
    await t.delete("v > 15");
    expect(await sorted(t.toDF())).toEqual([ROWS[0], { id: 5, v: null, p: "a" }]);
  });

  it("refuses a table with delta.appendOnly=true", async () => {
    const path = tmpTable();
    await spark()
      .createDataFrame(ROWS, SCHEMA)
      .write.format("delta")
      .option("delta.appendOnly", "true")
      .save(path);
    const t = await DeltaTable.forPath(spark(), path);
    const err = await t.delete("id = 1").catch((e: unknown) => e);
    expect((err as DeltaError).code).toBe("DELTA_CANNOT_MODIFY_APPEND_ONLY");
    expect((err as DeltaError).message).toMatch(/^This table is configured to only allow appends/);
    expect(((await t.update({ v: "0" }).catch((e: unknown) => e)) as DeltaError).code).toBe(
      "DELTA_CANNOT_MODIFY_APPEND_ONLY",
    );
    expect(latestVersion(path)).toBe(0);
  });
});

describe("DeltaTable.update", () => {
  it("sets columns of matching rows with SQL text or Columns, casting to the column type", async () => {
    const { path, t } = await table();
    const m = await t.update("p = 'a' AND id = 2", { v: "v * 2 + 0.7", id: F.col("id").plus(100) });
    expect(m).toEqual({
      version: 1,
      numRemovedFiles: 1,
      numAddedFiles: 1,
      numUpdatedRows: 1,
      numCopiedRows: 1,
    });
    expect(await sorted(t.toDF())).toEqual([ROWS[0], ROWS[2], ROWS[3], { id: 102, v: 40, p: "a" }]);
    expect(await t.toDF().dtypes).toEqual([
      ["id", "int"],
      ["v", "int"],
      ["p", "string"],
    ]);
    expect(commitInfo(path, 1)).toMatchObject({
      operation: "UPDATE",
      operationParameters: { predicate: `["p = 'a' AND id = 2"]` },
    });
    expect(commitInfo(path, 1).operationMetrics).toMatchObject({
      numUpdatedRows: "1",
      numCopiedRows: "1",
      numRemovedFiles: "1",
      numAddedFiles: "1",
    });
  });

  it("takes PySpark's shapes: update(set), update(condition, set), update({condition, set})", async () => {
    const { t } = await table();
    await t.update({ v: "0" });
    expect((await t.toDF().collect()).every((r) => r.v === 0)).toBe(true);
    await t.update({ condition: F.col("id").equalTo(3), set: { v: F.lit(3) } });
    await t.update("id = 4", { v: "4" });
    expect((await sorted(t.toDF())).map((r) => r.v)).toEqual([0, 0, 3, 4]);
  });

  it("moves rows between partitions when a partition column is set", async () => {
    const { path, t } = await table();
    await t.update("id = 3", { p: "'a'" });
    expect(await sorted(t.toDF())).toEqual([ROWS[0], ROWS[1], { id: 3, v: 30, p: "a" }, ROWS[3]]);
    expect(actionsOf(path, 1, "add").map((a) => a.partitionValues)).toEqual([{ p: "a" }]);
  });

  it("names the table's columns when a SET column does not exist", async () => {
    const { path, t } = await table();
    const err = await t.update({ nope: "1" }).catch((e: unknown) => e);
    expect((err as DeltaError).code).toBe("DELTA_MISSING_SET_COLUMN");
    expect((err as DeltaError).message).toBe(
      "SET column `nope` not found given columns: [`id`, `v`, `p`].",
    );
    const bad = await t.update("id = 1", { v: "nope + 1" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AnalysisError);
    expect(latestVersion(path)).toBe(0);
  });

  it("commits nothing when no row matches", async () => {
    const { path, t } = await table();
    expect(await t.update("id > 100", { v: "1" })).toMatchObject({
      version: undefined,
      numUpdatedRows: 0,
    });
    expect(latestVersion(path)).toBe(0);
  });
});
