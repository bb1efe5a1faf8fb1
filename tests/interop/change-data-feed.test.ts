/**
 * The change data feed with the real delta-spark 4.0: tables it writes with
 * `delta.enableChangeDataFeed` (UPDATE, DELETE, MERGE, with and without deletion vectors) give
 * tributary's readChangeFeed the rows its own `table_changes` gives; tables tributary writes
 * give delta-spark's `table_changes` the rows tributary reads. Commit times included.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeltaTable, type SparkSession } from "../../src/index.js";
import { peerBatch, type SparkSqlCommand, struct } from "./peers.js";
import { SPARK_TIMEOUT, useInteropSpark } from "./session.js";

const spark = useInteropSpark();

/** Two tables of five delta-spark commands each: several minutes on a loaded machine. */
const LONG = 1.5 * SPARK_TIMEOUT;

const schema = struct([
  ["id", "integer"],
  ["v", "string"],
  ["p", "integer"],
]);

type Change = [id: unknown, v: unknown, p: unknown, type: unknown, version: number, ms: number];

function order(rows: Change[]): Change[] {
  return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** delta-spark's `table_changes` of a table from version 0, commit time in epoch milliseconds. */
function tableChanges(path: string): SparkSqlCommand {
  const quoted = path.replaceAll("'", "\\'");
  return {
    cmd: "spark-sql",
    sql: `SELECT id, v, p, _change_type, _commit_version, unix_millis(_commit_timestamp) AS ms FROM table_changes_by_path('${quoted}', 0)`,
  };
}

function theirs(result: { rows: Record<string, unknown>[] }): Change[] {
  return order(
    result.rows.map((r) => [
      r.id,
      r.v,
      r.p,
      r._change_type,
      Number(r._commit_version),
      Number(r.ms),
    ]),
  );
}

async function ours(session: SparkSession, path: string): Promise<Change[]> {
  const rows = await session.read
    .format("delta")
    .option("readChangeFeed", true)
    .option("startingVersion", 0)
    .load(path)
    .collect();
  return order(
    rows.map((r) => [
      r.id,
      r.v,
      r.p,
      r._change_type,
      Number(r._commit_version),
      (r._commit_timestamp as Date).getTime(),
    ]),
  );
}

const tmp = async () => join(await mkdtemp(join(tmpdir(), "trib-cdf-")), "t");

describe("change data feed, with delta-spark", () => {
  it(
    "delta-spark's UPDATE / DELETE / MERGE feeds (with and without DVs) read identically in tributary",
    async () => {
      const paths = [await tmp(), await tmp()];
      const steps = paths.flatMap((path, i) => [
        {
          cmd: "spark-write" as const,
          table: path,
          rows: [1, 2, 3, 4, 5, 6].map((id) => ({ id, v: `v${id}`, p: id % 2 })),
          schema,
          partitionBy: ["p"],
          repartition: 1,
          properties: {
            "delta.enableChangeDataFeed": "true",
            "delta.enableDeletionVectors": String(i === 1),
          },
        },
        { cmd: "spark-sql" as const, sql: "UPDATE {table} SET v = 'u' WHERE id = 2", table: path },
        { cmd: "spark-sql" as const, sql: "DELETE FROM {table} WHERE id = 3", table: path },
        {
          cmd: "spark-sql" as const,
          sql: "MERGE INTO {table} t USING (SELECT * FROM VALUES (1, 'm', 1), (4, 'x', 0), (9, 'n', 1) AS s(id, v, p)) s ON t.id = s.id WHEN MATCHED AND s.id = 4 THEN DELETE WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *",
          table: path,
        },
        { cmd: "spark-sql" as const, sql: "DELETE FROM {table} WHERE p = 0", table: path },
        tableChanges(path),
      ]);
      const results = await peerBatch(steps, { timeoutMs: LONG - 60_000 });
      for (const [i, path] of paths.entries()) {
        const expected = theirs(results[i * 6 + 5] as { rows: Record<string, unknown>[] });
        expect(expected.length).toBeGreaterThan(10);
        expect(await ours(spark(), path), `deletion vectors ${i === 1}`).toEqual(expected);
      }
    },
    LONG,
  );

  it(
    "tributary's feeds (with and without DVs) read identically in delta-spark",
    async () => {
      const paths = [await tmp(), await tmp()];
      for (const [i, path] of paths.entries()) {
        await spark()
          .createDataFrame(
            [1, 2, 3, 4, 5, 6].map((id) => ({ id, v: `v${id}`, p: id % 2 })),
            "id INT, v STRING, p INT",
          )
          .write.format("delta")
          .partitionBy("p")
          .option("delta.enableChangeDataFeed", "true")
          .option("delta.enableDeletionVectors", String(i === 1))
          .save(path);
        const t = await DeltaTable.forPath(spark(), path);
        await t.update("id = 2", { v: "'u'" });
        await t.delete("id = 3");
        const src = spark().createDataFrame(
          [
            { id: 1, v: "m", p: 1 },
            { id: 4, v: "x", p: 0 },
            { id: 9, v: "n", p: 1 },
          ],
          "id INT, v STRING, p INT",
        );
        await t
          .alias("t")
          .merge(src.alias("s"), "t.id = s.id")
          .whenMatchedDelete("s.id = 4")
          .whenMatchedUpdateAll()
          .whenNotMatchedInsertAll()
          .execute();
        await t.delete("p = 0");
        await spark()
          .createDataFrame([{ id: 11, v: "r", p: 1 }], "id INT, v STRING, p INT")
          .write.format("delta")
          .mode("overwrite")
          .option("replaceWhere", "id >= 9")
          .save(path);
      }
      const results = await peerBatch(paths.map(tableChanges), {
        timeoutMs: SPARK_TIMEOUT - 60_000,
      });
      for (const [i, path] of paths.entries()) {
        const mine = await ours(spark(), path);
        expect(mine.length).toBeGreaterThan(10);
        expect(
          theirs(results[i] as { rows: Record<string, unknown>[] }),
          `deletion vectors ${i === 1}`,
        ).toEqual(mine);
      }
    },
    LONG,
  );
});
