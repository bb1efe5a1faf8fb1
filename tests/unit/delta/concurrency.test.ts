import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTable } from "../../../src/delta/operations/common.js";
import { deleteRows } from "../../../src/delta/operations/delete.js";
import { optimizeTable } from "../../../src/delta/operations/optimize.js";
import { updateRows } from "../../../src/delta/operations/update.js";
import { type DeltaTableEngine, isDeltaTableEngine } from "../../../src/delta/table-engine.js";
import { DeltaError, DeltaTable } from "../../../src/index.js";
import { parseExpression } from "../../../src/sql-expr/index.js";
import { useSpark } from "../../helpers/session.js";
import { latestVersion, sorted, tmpTable, writeTable } from "./helpers.js";

const spark = useSpark();

function engine(): DeltaTableEngine {
  const e = spark().engine;
  if (!isDeltaTableEngine(e)) throw new Error("not the embedded engine");
  return e;
}

function dataFiles(path: string): string[] {
  return readdirSync(path, { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".parquet") && !f.startsWith("_delta_log"),
  );
}

const ROWS = [
  { id: 1, p: "a" },
  { id: 2, p: "a" },
  { id: 3, p: "b" },
];

describe("concurrent commands", () => {
  it("two deletes of the same file: the second fails with DELTA_CONCURRENT_DELETE_DELETE and leaves no trace", async () => {
    const path = tmpTable();
    await writeTable(spark(), path, ROWS, "id INT, p STRING", { partitionBy: ["p"] });
    const ctx = { engine: engine(), conf: {} };
    const stale = await loadTable(engine(), path); // read by the slower writer at version 0
    await (await DeltaTable.forPath(spark(), path)).delete("p = 'a'"); // the winner commits version 1
    const files = dataFiles(path).length;
    const err = await deleteRows(ctx, stale, parseExpression("id = 2"), "id = 2").catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DeltaError);
    expect((err as DeltaError).code).toBe("DELTA_CONCURRENT_DELETE_DELETE");
    expect((err as DeltaError).message).toMatch(
      /^ConcurrentDeleteDeleteException: .* Conflicting commit: version 1\.$/,
    );
    expect(latestVersion(path)).toBe(1);
    expect(dataFiles(path)).toHaveLength(files); // the loser's rewritten file was removed
    expect(await sorted(spark().read.format("delta").load(path))).toEqual([ROWS[2]]);
  });

  it("an update that read a file compacted by a concurrent OPTIMIZE conflicts instead of resurrecting rows", async () => {
    const path = tmpTable();
    for (const [i, r] of ROWS.entries())
      await writeTable(spark(), path, [r], "id INT, p STRING", {
        partitionBy: ["p"],
        mode: i === 0 ? "error" : "append",
      });
    const ctx = { engine: engine(), conf: {} };
    const stale = await loadTable(engine(), path);
    await optimizeTable(ctx, await loadTable(engine(), path), undefined, undefined);
    const err = await updateRows(ctx, stale, parseExpression("id = 1"), "id = 1", [
      ["id", parseExpression("10")],
    ]).catch((e: unknown) => e);
    expect((err as DeltaError).code).toMatch(/^DELTA_CONCURRENT_DELETE_(READ|DELETE)$/);
    expect(await sorted(spark().read.format("delta").load(path))).toEqual(ROWS);
  });

  it("a blind append does not conflict with a delete of other files", async () => {
    const path = tmpTable();
    await writeTable(spark(), path, ROWS, "id INT, p STRING", { partitionBy: ["p"] });
    const stale = await loadTable(engine(), path);
    await writeTable(spark(), path, [{ id: 4, p: "c" }], "id INT, p STRING", { mode: "append" });
    const m = await deleteRows(
      { engine: engine(), conf: {} },
      stale,
      parseExpression("p = 'b'"),
      "p = 'b'",
    );
    expect(m.version).toBe(2);
    expect((await sorted(spark().read.format("delta").load(path))).map((r) => r.id)).toEqual([
      1, 2, 4,
    ]);
  });
});

describe("checkpoints", () => {
  it("writes a checkpoint at version 10 and reads, time travels and modifies correctly after it", async () => {
    const path = tmpTable();
    await writeTable(spark(), path, [{ id: 0, v: 0 }], "id INT, v INT");
    const t = await DeltaTable.forPath(spark(), path);
    for (let i = 1; i <= 6; i++)
      await writeTable(spark(), path, [{ id: i, v: i }], "id INT, v INT", { mode: "append" });
    await t.delete("id = 1"); // 7
    await t.update("id = 2", { v: "200" }); // 8
    await t
      .alias("t")
      .merge(
        spark()
          .createDataFrame(
            [
              { id: 3, v: 300 },
              { id: 9, v: 9 },
            ],
            "id INT, v INT",
          )
          .alias("s"),
        "t.id = s.id",
      )
      .whenMatchedUpdateAll()
      .whenNotMatchedInsertAll()
      .execute(); // 9
    await t.delete("id = 4"); // 10
    expect(latestVersion(path)).toBe(10);
    expect(existsSync(join(path, "_delta_log", "00000000000000000010.checkpoint.parquet"))).toBe(
      true,
    );
    expect(existsSync(join(path, "_delta_log", "_last_checkpoint"))).toBe(true);
    const expected = [
      { id: 0, v: 0 },
      { id: 2, v: 200 },
      { id: 3, v: 300 },
      { id: 5, v: 5 },
      { id: 6, v: 6 },
      { id: 9, v: 9 },
    ];
    expect(await sorted(t.toDF())).toEqual(expected);
    expect(
      (await sorted(spark().read.format("delta").option("versionAsOf", 8).load(path))).map(
        (r) => r.id,
      ),
    ).toEqual([0, 2, 3, 4, 5, 6]);
    await t.update("id = 5", { v: "500" }); // 11, replayed on top of the checkpoint
    expect((await sorted(t.toDF())).find((r) => r.id === 5)).toEqual({ id: 5, v: 500 });
    expect((await (await t.history(2)).collect()).map((r) => [r.version, r.operation])).toEqual([
      [11n, "UPDATE"],
      [10n, "DELETE"],
    ]);
    const [detail] = await (await t.detail()).collect();
    expect(detail?.numFiles).toBeGreaterThan(0n);
  });
});
