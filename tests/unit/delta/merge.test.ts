import { describe, expect, it } from "vitest";
import { DeltaError, DeltaTable, functions as F } from "../../../src/index.js";
import { useSpark } from "../../helpers/session.js";
import { actionsOf, commitInfo, latestVersion, sorted, tmpTable, writeTable } from "./helpers.js";

const spark = useSpark();
const SCHEMA = "id INT, v STRING, p STRING";

async function target(
  rows: Record<string, unknown>[] = [
    { id: 1, v: "t1", p: "a" },
    { id: 2, v: "t2", p: "a" },
    { id: 3, v: "t3", p: "b" },
    { id: 4, v: "t4", p: "c" },
  ],
): Promise<{ path: string; t: DeltaTable }> {
  const path = tmpTable();
  await writeTable(spark(), path, rows, SCHEMA, { partitionBy: ["p"] });
  return { path, t: await DeltaTable.forPath(spark(), path) };
}

function source(rows: Record<string, unknown>[], schema = "id INT, v STRING, p STRING") {
  return spark().createDataFrame(rows, schema).alias("s");
}

async function result(
  df: Promise<import("../../../src/index.js").DataFrame>,
): Promise<Record<string, number>> {
  const [row] = await (await df).collect();
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}

describe("DeltaTable.merge", () => {
  it("upserts: matched update, not matched insert; rewrites only touched files", async () => {
    const { path, t } = await target();
    const src = source([
      { id: 2, v: "s2", p: "a" },
      { id: 9, v: "s9", p: "c" },
    ]);
    const r = await result(
      t
        .alias("t")
        .merge(src, "t.id = s.id")
        .whenMatchedUpdate({ set: { v: "s.v" } })
        .whenNotMatchedInsertAll()
        .execute(),
    );
    expect(r).toEqual({
      num_affected_rows: 2,
      num_updated_rows: 1,
      num_deleted_rows: 0,
      num_inserted_rows: 1,
    });
    expect(await sorted(t.toDF())).toEqual([
      { id: 1, v: "t1", p: "a" },
      { id: 2, v: "s2", p: "a" },
      { id: 3, v: "t3", p: "b" },
      { id: 4, v: "t4", p: "c" },
      { id: 9, v: "s9", p: "c" },
    ]);
    expect(actionsOf(path, 1, "remove").map((f) => f.partitionValues)).toEqual([{ p: "a" }]);
    const info = commitInfo(path, 1);
    expect(info).toMatchObject({
      operation: "MERGE",
      isBlindAppend: false,
      operationParameters: {
        predicate: "t.id = s.id",
        matchedPredicates: '[{"actionType":"update"}]',
        notMatchedPredicates: '[{"actionType":"insert"}]',
        notMatchedBySourcePredicates: "[]",
      },
    });
    expect(info.operationMetrics).toMatchObject({
      numSourceRows: "2",
      numTargetRowsInserted: "1",
      numTargetRowsUpdated: "1",
      numTargetRowsDeleted: "0",
      numTargetRowsCopied: "1",
      numOutputRows: "3",
      numTargetFilesRemoved: "1",
    });
  });

  it("applies the first clause whose condition holds, in order", async () => {
    const { path, t } = await target();
    const src = source([
      { id: 1, v: "del", p: "a" },
      { id: 2, v: "upd", p: "a" },
      { id: 3, v: "keep", p: "b" },
      { id: 7, v: "ins", p: "b" },
      { id: 8, v: "skip", p: "b" },
    ]);
    const r = await result(
      t
        .alias("t")
        .merge(src, F.expr("t.id = s.id"))
        .whenMatchedDelete("s.v = 'del'")
        .whenMatchedUpdate("s.v = 'upd' OR s.v = 'del'", { v: "s.v" })
        .whenMatchedUpdate({ condition: "s.v = 'upd'", set: { v: "'never'" } })
        .whenNotMatchedInsert({
          condition: "s.v = 'ins'",
          values: { id: "s.id", v: F.col("s.v"), p: "s.p" },
        })
        .execute(),
    );
    expect(r).toEqual({
      num_affected_rows: 3,
      num_updated_rows: 1,
      num_deleted_rows: 1,
      num_inserted_rows: 1,
    });
    const rows = await sorted(t.toDF());
    expect(rows.map((x) => x.id)).toEqual([2, 3, 4, 7]);
    expect(rows[0]).toEqual({ id: 2, v: "upd", p: "a" });
    expect(rows[1]).toEqual({ id: 3, v: "t3", p: "b" });
    expect(rows[3]).toEqual({ id: 7, v: "ins", p: "b" });
    expect(commitInfo(path, latestVersion(path)).operationParameters).toMatchObject({
      matchedPredicates: `[{"predicate":"s.v = 'del'","actionType":"delete"},{"predicate":"s.v = 'upd' OR s.v = 'del'","actionType":"update"},{"predicate":"s.v = 'upd'","actionType":"update"}]`,
      notMatchedPredicates: `[{"predicate":"s.v = 'ins'","actionType":"insert"}]`,
    });
  });

  it("fails when several source rows match one target row, unless the only clause is an unconditional delete", async () => {
    const { path, t } = await target();
    const dup = source([
      { id: 1, v: "x", p: "a" },
      { id: 1, v: "y", p: "a" },
    ]);
    const err = await t
      .alias("t")
      .merge(dup, "t.id = s.id")
      .whenMatchedUpdateAll()
      .execute()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeltaError);
    expect((err as DeltaError).code).toBe("DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE");
    expect((err as DeltaError).message).toMatch(
      /^Cannot perform Merge as multiple source rows matched and attempted to modify the same target row/,
    );
    expect(latestVersion(path)).toBe(0);
    const cond = await t
      .alias("t")
      .merge(dup, "t.id = s.id")
      .whenMatchedDelete("s.v = 'x'")
      .execute()
      .catch((e: unknown) => e);
    expect((cond as DeltaError).code).toBe(
      "DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE",
    );
    const r = await result(t.alias("t").merge(dup, "t.id = s.id").whenMatchedDelete().execute());
    expect(r.num_deleted_rows).toBe(1);
    expect(commitInfo(path, 1).operationMetrics).toMatchObject({
      numTargetRowsDeleted: "1",
      numTargetRowsMatchedDeleted: "1",
    });
    // Duplicates that match no target row are fine for inserts.
    const ins = await result(
      t
        .alias("t")
        .merge(
          source([
            { id: 5, v: "a", p: "a" },
            { id: 5, v: "b", p: "a" },
          ]),
          "t.id = s.id",
        )
        .whenNotMatchedInsertAll()
        .execute(),
    );
    expect(ins.num_inserted_rows).toBe(2);
  });

  it("updates and deletes target rows no source row matches (WHEN NOT MATCHED BY SOURCE)", async () => {
    const { path, t } = await target();
    const src = source([{ id: 1, v: "s1", p: "a" }]);
    const r = await result(
      t
        .alias("t")
        .merge(src, "t.id = s.id")
        .whenMatchedUpdateAll()
        .whenNotMatchedBySourceDelete("t.p = 'c'")
        .whenNotMatchedBySourceUpdate({ set: { v: "'orphan'" } })
        .execute(),
    );
    expect(r).toEqual({
      num_affected_rows: 4,
      num_updated_rows: 3,
      num_deleted_rows: 1,
      num_inserted_rows: 0,
    });
    expect(await sorted(t.toDF())).toEqual([
      { id: 1, v: "s1", p: "a" },
      { id: 2, v: "orphan", p: "a" },
      { id: 3, v: "orphan", p: "b" },
    ]);
    expect(commitInfo(path, 1).operationMetrics).toMatchObject({
      numTargetRowsMatchedUpdated: "1",
      numTargetRowsNotMatchedBySourceUpdated: "2",
      numTargetRowsNotMatchedBySourceDeleted: "1",
    });
  });

  it("an insert-only merge rewrites no file and skips target rows that match", async () => {
    const { path, t } = await target();
    const r = await result(
      t
        .alias("t")
        .merge(
          source([
            { id: 1, v: "dup", p: "a" },
            { id: 5, v: "new", p: "a" },
          ]),
          "t.id = s.id",
        )
        .whenNotMatchedInsertAll()
        .execute(),
    );
    expect(r.num_inserted_rows).toBe(1);
    expect(actionsOf(path, 1, "remove")).toEqual([]);
    expect(actionsOf(path, 1, "add")).toHaveLength(1);
    expect((await sorted(t.toDF())).map((x) => x.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it("skips target files the condition's target-only conjuncts exclude", async () => {
    const { path, t } = await target();
    await t
      .alias("t")
      .merge(source([{ id: 3, v: "s3", p: "b" }]), "t.id = s.id AND t.p = 'b'")
      .whenMatchedUpdateAll()
      .execute();
    expect(actionsOf(path, 1, "remove").map((f) => f.partitionValues)).toEqual([{ p: "b" }]);
    expect((await sorted(t.toDF()))[2]).toEqual({ id: 3, v: "s3", p: "b" });
  });

  it("commits nothing when no row changes", async () => {
    const { path, t } = await target();
    const r = await result(
      t
        .alias("t")
        .merge(source([{ id: 1, v: "x", p: "a" }]), "t.id = s.id")
        .whenMatchedUpdate("s.v = 'never'", { v: "s.v" })
        .execute(),
    );
    expect(r.num_affected_rows).toBe(0);
    expect(latestVersion(path)).toBe(0);
  });

  it("evolves the schema with updateAll/insertAll when autoMerge is enabled, and refuses otherwise", async () => {
    const { path, t } = await target();
    const src = source(
      [
        { id: 1, v: "s1", p: "a", extra: 1.5 },
        { id: 8, v: "s8", p: "d", extra: 2.5 },
      ],
      "id INT, v STRING, p STRING, extra DOUBLE",
    );
    await t
      .alias("t")
      .merge(src, "t.id = s.id")
      .whenMatchedUpdateAll()
      .whenNotMatchedInsertAll()
      .execute();
    expect(await t.toDF().columns).toEqual(["id", "v", "p"]);
    const narrow = source([{ id: 1 }], "id INT");
    const err = await t
      .alias("t")
      .merge(narrow, "t.id = s.id")
      .whenMatchedUpdateAll()
      .execute()
      .catch((e: unknown) => e);
    expect((err as DeltaError).code).toBe("DELTA_MERGE_UNRESOLVED_EXPRESSION");
    expect((err as DeltaError).message).toBe(
      "Cannot resolve `v` in UPDATE clause given columns `id`.",
    );
    await spark().conf.set("spark.databricks.delta.schema.autoMerge.enabled", "true");
    try {
      const before = latestVersion(path);
      await t
        .alias("t")
        .merge(src, "t.id = s.id")
        .whenMatchedUpdateAll()
        .whenNotMatchedInsertAll()
        .execute();
      expect(await t.toDF().columns).toEqual(["id", "v", "p", "extra"]);
      expect(await sorted(t.toDF())).toEqual([
        { id: 1, v: "s1", p: "a", extra: 1.5 },
        { id: 2, v: "t2", p: "a", extra: null },
        { id: 3, v: "t3", p: "b", extra: null },
        { id: 4, v: "t4", p: "c", extra: null },
        { id: 8, v: "s8", p: "d", extra: 2.5 },
      ]);
      expect(actionsOf(path, before + 1, "add").length).toBeGreaterThan(0);
    } finally {
      spark().conf.unset("spark.databricks.delta.schema.autoMerge.enabled");
    }
  });

  it("validates clauses as delta-spark does", async () => {
    const { t } = await target();
    const src = source([{ id: 1, v: "x", p: "a" }]);
    const none = await t
      .alias("t")
      .merge(src, "t.id = s.id")
      .execute()
      .catch((e: unknown) => e);
    expect((none as DeltaError).code).toBe("DELTA_MERGE_MISSING_WHEN");
    const order = await t
      .alias("t")
      .merge(src, "t.id = s.id")
      .whenMatchedDelete()
      .whenMatchedUpdateAll("s.v = 'x'")
      .execute()
      .catch((e: unknown) => e);
    expect((order as DeltaError).code).toBe("DELTA_NON_LAST_MATCHED_CLAUSE_OMIT_CONDITION");
    expect((order as DeltaError).message).toBe(
      "When there are more than one MATCHED clauses in a MERGE statement, only the last MATCHED clause can omit the condition.",
    );
    const unknown = await t
      .alias("t")
      .merge(src, "t.id = s.id")
      .whenMatchedUpdate({ set: { nope: "s.v" } })
      .execute()
      .catch((e: unknown) => e);
    expect((unknown as DeltaError).code).toBe("DELTA_MERGE_UNRESOLVED_EXPRESSION");
  });

  it("an insert-only merge is allowed on an append-only table, an updating one is not", async () => {
    const path = tmpTable();
    await spark()
      .createDataFrame([{ id: 1, v: "a", p: "x" }], SCHEMA)
      .write.format("delta")
      .option("delta.appendOnly", "true")
      .save(path);
    const t = await DeltaTable.forPath(spark(), path);
    const src = source([
      { id: 1, v: "b", p: "x" },
      { id: 2, v: "c", p: "x" },
    ]);
    const r = await result(
      t.alias("t").merge(src, "t.id = s.id").whenNotMatchedInsertAll().execute(),
    );
    expect(r.num_inserted_rows).toBe(1);
    const err = await t
      .alias("t")
      .merge(src, "t.id = s.id")
      .whenMatchedUpdateAll()
      .execute()
      .catch((e: unknown) => e);
    expect((err as DeltaError).code).toBe("DELTA_CANNOT_MODIFY_APPEND_ONLY");
  });

  it("merges into an empty table and time travels across merges", async () => {
    const path = tmpTable();
    await writeTable(spark(), path, [], SCHEMA);
    const t = await DeltaTable.forPath(spark(), path);
    await t
      .alias("t")
      .merge(source([{ id: 1, v: "a", p: "x" }]), "t.id = s.id")
      .whenMatchedUpdateAll()
      .whenNotMatchedInsertAll()
      .execute();
    await t
      .alias("t")
      .merge(source([{ id: 1, v: "b", p: "x" }]), "t.id = s.id")
      .whenMatchedUpdateAll()
      .whenNotMatchedInsertAll()
      .execute();
    expect(await t.toDF().collect()).toEqual([{ id: 1, v: "b", p: "x" }]);
    expect(
      await spark().read.format("delta").option("versionAsOf", 1).load(path).collect(),
    ).toEqual([{ id: 1, v: "a", p: "x" }]);
    expect(await spark().read.format("delta").option("versionAsOf", 0).load(path).count()).toBe(0);
  });

  it("names the alias to add when the target has none, and never shows internal columns", async () => {
    const { t } = await target();
    // delta-spark needs table.alias("t") too: without it `t.id` does not resolve.
    const error = await t
      .merge(source([{ id: 2, v: "s2", p: "a" }]), "t.id = s.id")
      .whenMatchedUpdateAll()
      .execute()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNRESOLVED_COLUMN" });
    const { message, hint } = error as { message: string; hint: string };
    expect(message).toContain("`t.id` cannot be resolved");
    expect(message).toContain("`s.id`");
    expect(message).not.toContain("__tributary");
    expect(hint).toBe(
      'Nothing here is aliased `t`: name it with .alias("t") (a DeltaTable too: table.alias("t").merge(...)).',
    );
  });
});
