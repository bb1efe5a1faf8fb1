import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeltaError, DeltaTable, functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";
import { sorted, tmpTable, writeTable } from "./helpers.js";

const spark = useSpark();

describe("DeltaTable: opening, toDF, history, detail", () => {
  it("forPath fails on a path that is not a Delta table, as delta-spark", async () => {
    const path = tmpTable();
    mkdirSync(path, { recursive: true });
    const err = await DeltaTable.forPath(spark(), path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeltaError);
    expect((err as DeltaError).code).toBe("DELTA_MISSING_DELTA_TABLE");
    expect((err as DeltaError).message).toBe(`\`${path}\` is not a Delta table.`);
    expect(await DeltaTable.isDeltaTable(spark(), path)).toBe(false);
    expect(await DeltaTable.isDeltaTable(spark(), join(path, "nope"))).toBe(false);
  });

  it("isDeltaTable, toDF and alias read the latest version", async () => {
    const path = tmpTable();
    await writeTable(spark(), path, [{ id: 1, v: "a" }], "id INT, v STRING");
    expect(await DeltaTable.isDeltaTable(spark(), path)).toBe(true);
    const table = await DeltaTable.forPath(spark(), path);
    const df = table.toDF();
    await writeTable(spark(), path, [{ id: 2, v: "b" }], "id INT, v STRING", { mode: "append" });
    expect(await sorted(df)).toEqual([
      { id: 1, v: "a" },
      { id: 2, v: "b" },
    ]);
    const aliased = table.alias("t").toDF();
    expect(await aliased.select(F.col("t.v")).orderBy("v").collect()).toEqual([
      { v: "a" },
      { v: "b" },
    ]);
    expect(String(table.alias("t"))).toBe(`DeltaTable(${path} AS t)`);
  });

  it("history has delta-spark's columns, newest first, with limit", async () => {
    const path = tmpTable();
    await writeTable(spark(), path, [{ id: 1 }, { id: 2 }], "id INT");
    const table = await DeltaTable.forPath(spark(), path);
    await table.delete("id = 1");
    await table.update({ id: "id + 10" });
    const history = await table.history();
    expect(await history.columns).toEqual([
      "version",
      "timestamp",
      "userId",
      "userName",
      "operation",
      "operationParameters",
      "job",
      "notebook",
      "clusterId",
      "readVersion",
      "isolationLevel",
      "isBlindAppend",
      "operationMetrics",
      "userMetadata",
      "engineInfo",
    ]);
    const dtypes = Object.fromEntries(await history.dtypes);
    expect(dtypes).toMatchObject({
      version: "bigint",
      timestamp: "timestamp",
      operationParameters: "map<string,string>",
      operationMetrics: "map<string,string>",
      readVersion: "bigint",
      isBlindAppend: "boolean",
    });
    const rows = await history.collect();
    expect(rows.map((r) => [r.version, r.operation, r.readVersion])).toEqual([
      [2n, "UPDATE", 1n],
      [1n, "DELETE", 0n],
      [0n, "WRITE", null],
    ]);
    const [update, del, write] = rows;
    expect(update?.operationParameters).toEqual(new Map([["predicate", "[]"]]));
    expect(del?.operationParameters).toEqual(new Map([["predicate", '["id = 1"]']]));
    expect((del?.operationMetrics as Map<string, string> | undefined)?.get("numDeletedRows")).toBe(
      "1",
    );
    expect(write?.isBlindAppend).toBe(true);
    expect(Number(update?.timestamp)).toBeGreaterThanOrEqual(Number(write?.timestamp));
    expect((await (await table.history(1)).collect()).map((r) => r.version)).toEqual([2n]);
    expect(await (await table.history(0)).count()).toBe(0);
  });

  it("history leaves out versions removed by log cleanup", async () => {
    const path = tmpTable();
    for (let i = 0; i < 11; i++)
      await writeTable(spark(), path, [{ id: i }], "id INT", {
        mode: i === 0 ? "error" : "append",
      });
    for (let v = 0; v < 5; v++)
      rmSync(join(path, "_delta_log", `${String(v).padStart(20, "0")}.json`));
    const table = await DeltaTable.forPath(spark(), path);
    const versions = (await (await table.history()).collect()).map((r) => Number(r.version));
    expect(versions).toEqual([10, 9, 8, 7, 6, 5]);
    expect(await table.toDF().count()).toBe(11);
  });

  it("detail describes format, location, partitioning, size, properties and protocol", async () => {
    const path = tmpTable();
    await spark()
      .createDataFrame(
        [
          { id: 1, p: "a" },
          { id: 2, p: "b" },
        ],
        "id INT, p STRING",
      )
      .write.format("delta")
      .partitionBy("p")
      .option("delta.appendOnly", "false")
      .save(path);
    const detail = await (await DeltaTable.forPath(spark(), path)).detail();
    const [row] = await detail.collect();
    expect(await detail.columns).toEqual([
      "format",
      "id",
      "name",
      "description",
      "location",
      "createdAt",
      "lastModified",
      "partitionColumns",
      "clusteringColumns",
      "numFiles",
      "sizeInBytes",
      "properties",
      "minReaderVersion",
      "minWriterVersion",
      "tableFeatures",
    ]);
    expect(row).toMatchObject({
      format: "delta",
      name: null,
      location: path,
      partitionColumns: ["p"],
      clusteringColumns: [],
      numFiles: 2n,
      properties: new Map([["delta.appendOnly", "false"]]),
      minReaderVersion: 1,
      minWriterVersion: 2,
      tableFeatures: ["appendOnly", "invariants"],
    });
    expect(typeof row?.id).toBe("string");
    expect(Number(row?.sizeInBytes)).toBeGreaterThan(0);
    expect(row?.createdAt).toBeInstanceOf(Date);
  });
});
