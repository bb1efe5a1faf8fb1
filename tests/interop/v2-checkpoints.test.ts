/**
 * v2 checkpoints tributary writes, with the real delta-spark: it reads every version of a
 * table whose log holds our UUID-named checkpoint and sidecar, keeps writing it (commits and
 * its own v2 checkpoint), and tributary reads what it wrote. Reading delta-spark's own v2
 * checkpoints (JSON and Parquet top-level files) is in table-features.test.ts.
 */
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeltaTable } from "../../src/index.js";
import { peerBatch } from "./peers.js";
import { ourRows, SPARK_TIMEOUT, useInteropSpark } from "./session.js";

const spark = useInteropSpark();

const uuidCheckpoint = /^(\d{20})\.checkpoint\.[0-9a-f-]{36}\.json$/;

describe("v2 checkpoints tributary writes, with delta-spark", () => {
  it(
    "delta-spark reads them at every version, keeps writing, and tributary reads its commits and checkpoints",
    async () => {
      const path = join(await mkdtemp(join(tmpdir(), "trib-v2w-")), "t");
      const rows = (from: number) =>
        [from, from + 1, from + 2].map((i) => ({ id: BigInt(i), p: ["a", "b"][i % 2] ?? "a" }));
      const write = (from: number, mode: string) =>
        spark()
          .createDataFrame(rows(from), "id BIGINT, p STRING")
          .write.format("delta")
          .mode(mode)
          .partitionBy("p")
          .option("delta.checkpointPolicy", "v2")
          .option("delta.checkpointInterval", "2")
          .save(path);
      await write(0, "overwrite"); // v0
      await write(10, "append"); // v1
      await (await DeltaTable.forPath(spark(), path)).delete("id = 1"); // v2: our checkpoint
      await write(20, "append"); // v3
      const log = await readdir(join(path, "_delta_log"));
      expect(log.filter((n) => uuidCheckpoint.test(n)).map((n) => n.slice(0, 20))).toEqual([
        "00000000000000000002",
      ]);
      const results = await peerBatch([
        ...[0, 1, 2, 3].map((v) => ({ cmd: "spark-read" as const, table: path, version: v })),
        { cmd: "spark-sql", sql: "INSERT INTO {table} VALUES (30, 'a')", table: path }, // v4
        { cmd: "spark-sql", sql: "DELETE FROM {table} WHERE id = 11", table: path }, // v5
        { cmd: "spark-checkpoint", table: path },
        { cmd: "spark-read", table: path, version: 5 },
      ] as const);
      for (let v = 0; v <= 3; v++) {
        const theirs = results[v] as { rows: unknown[] };
        expect(await ourRows(spark(), path, v), `version ${v}`).toEqual(theirs.rows);
      }
      const after = await readdir(join(path, "_delta_log"));
      expect(after.filter((n) => uuidCheckpoint.test(n)).length).toBeGreaterThan(1);
      const latest = results[7] as { rows: unknown[] };
      expect(await ourRows(spark(), path)).toEqual(latest.rows);
      expect(latest.rows).toHaveLength(9 - 2 + 1);
    },
    SPARK_TIMEOUT,
  );
});
