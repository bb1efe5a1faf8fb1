/**
 * Generated columns and constraints across writers: a table tributary creates with spark.sql
 * (NOT NULL, a CHECK constraint, two generated columns) is read and appended to by
 * delta-spark, which computes and enforces them; and a table delta-spark's DeltaTableBuilder
 * creates is appended to by tributary, which does the same. Both read back identically.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TributaryError } from "../../src/index.js";
import { type PeerFailure, peerBatch } from "./peers.js";
import { ourRows, SPARK_TIMEOUT, useInteropSpark } from "./session.js";

const spark = useInteropSpark({ "spark.sql.session.timeZone": "UTC" });

/** delta-spark raises constraint violations as a bare Py4JJavaError: a failure, no class. */
function failed(result: unknown): boolean {
  return (result as PeerFailure).error !== undefined;
}

/** Loaded machines start a JVM slowly: each batch gets nearly the whole test's time. */
const BATCH = { timeoutMs: SPARK_TIMEOUT - 60_000 };

async function ours(text: string): Promise<string> {
  try {
    await spark().sql(text);
    return "ok";
  } catch (e) {
    return (e as TributaryError).code;
  }
}

describe("generated columns and constraints with delta-spark", () => {
  it(
    "tributary creates, delta-spark appends and checks, both read the same rows",
    async () => {
      const path = join(await mkdtemp(join(tmpdir(), "trib-gen-")), "t");
      const table = `delta.\`${path}\``;
      await spark().sql(
        `CREATE TABLE ${table} (id INT NOT NULL, v INT, doubled INT GENERATED ALWAYS AS (v * 2), ts TIMESTAMP, day DATE GENERATED ALWAYS AS (CAST(ts AS DATE))) USING delta PARTITIONED BY (day)`,
      );
      await spark().sql(`ALTER TABLE ${table} ADD CONSTRAINT positive CHECK (v > 0)`);
      await spark().sql(
        `INSERT INTO ${table} (id, v, ts) VALUES (1, 10, TIMESTAMP'2024-05-01 10:00:00')`,
      );
      const [appended, badCheck, badGenerated, read] = await peerBatch(
        [
          {
            cmd: "spark-sql",
            table: path,
            sql: "INSERT INTO {table} (id, v, ts) VALUES (2, 20, TIMESTAMP'2024-05-02 11:00:00')",
          },
          {
            cmd: "spark-sql",
            table: path,
            sql: "INSERT INTO {table} (id, v, ts) VALUES (3, -1, TIMESTAMP'2024-05-02 11:00:00')",
            allowError: true,
          },
          {
            cmd: "spark-sql",
            table: path,
            sql: "INSERT INTO {table} VALUES (4, 5, 11, TIMESTAMP'2024-05-02 11:00:00', DATE'2024-05-02')",
            allowError: true,
          },
          { cmd: "spark-read", table: path },
        ] as const,
        BATCH,
      );
      expect(appended.rows).toEqual([]);
      expect([failed(badCheck), failed(badGenerated)]).toEqual([true, true]);
      expect(read.rows).toHaveLength(2);
      expect(await ourRows(spark(), path)).toEqual(read.rows);
    },
    SPARK_TIMEOUT,
  );

  it(
    "delta-spark's DeltaTableBuilder creates, tributary appends and checks, both read the same rows",
    async () => {
      const path = join(await mkdtemp(join(tmpdir(), "trib-gen-")), "t");
      const table = `delta.\`${path}\``;
      const [created, , detail] = await peerBatch(
        [
          {
            cmd: "spark-create",
            table: path,
            columns: [
              { name: "id", type: "INT", nullable: false },
              { name: "s", type: "STRING" },
              { name: "upper_s", type: "STRING", generatedAlwaysAs: "upper(s)", comment: "upper" },
            ],
          },
          {
            cmd: "spark-sql",
            table: path,
            sql: "ALTER TABLE {table} ADD CONSTRAINT short CHECK (length(s) < 5)",
          },
          { cmd: "spark-detail", table: path },
        ] as const,
        BATCH,
      );
      expect(created.version).toBe(0);
      expect(detail.tableFeatures).toEqual([
        "appendOnly",
        "checkConstraints",
        "generatedColumns",
        "invariants",
      ]);
      expect(await ours(`INSERT INTO ${table} (id, s) VALUES (1, 'ab')`)).toBe("ok");
      await spark()
        .createDataFrame([{ id: 2, s: "cd" }], "id INT, s STRING")
        .write.format("delta")
        .mode("append")
        .save(path);
      expect(await ours(`INSERT INTO ${table} VALUES (3, 'ef', 'no')`)).toBe(
        "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES",
      );
      expect(await ours(`INSERT INTO ${table} (id, s) VALUES (4, 'toolong')`)).toBe(
        "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES",
      );
      expect(await ours(`INSERT INTO ${table} (s) VALUES ('x')`)).toBe(
        "DELTA_NOT_NULL_CONSTRAINT_VIOLATED",
      );
      const [read] = await peerBatch([{ cmd: "spark-read", table: path }] as const, BATCH);
      expect(read.rows).toEqual([
        { id: 1, s: "ab", upper_s: "AB" },
        { id: 2, s: "cd", upper_s: "CD" },
      ]);
      expect(await ourRows(spark(), path)).toEqual(read.rows);
    },
    2 * SPARK_TIMEOUT,
  );
});
