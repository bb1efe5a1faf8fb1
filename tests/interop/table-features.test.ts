/**
 * Table features delta-spark writes that need nothing beyond the schema to read: type widening
 * (files keep the narrower type, the schema has the wider one) and row tracking (writer-only).
 * Each table reads identically in tributary at every version; writing one needs the feature's
 * writer rules, so a write is refused by feature name.
 */
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DeltaError } from "../../src/index.js";
import { peerBatch } from "./peers.js";
import { ourRows, SPARK_TIMEOUT, useInteropSpark } from "./session.js";

const spark = useInteropSpark({});

describe("table features delta-spark writes", () => {
  it(
    "type widening (int -> bigint, decimal(5,2) -> decimal(10,2)) and row tracking read identically",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "trib-feat-"));
      const widened = join(dir, "widened");
      const tracked = join(dir, "tracked");
      const constrained = join(dir, "constrained");
      const widening = [
        "CREATE TABLE {table} (id INT, amt DECIMAL(5,2), p STRING) USING delta PARTITIONED BY (p) TBLPROPERTIES ('delta.enableTypeWidening' = 'true')",
        "INSERT INTO {table} VALUES (1, 1.25, 'a'), (2147483647, -999.99, 'b')",
        "ALTER TABLE {table} ALTER COLUMN id TYPE BIGINT",
        "ALTER TABLE {table} ALTER COLUMN amt TYPE DECIMAL(10,2)",
        "INSERT INTO {table} VALUES (9007199254740993, 12345678.91, 'a')",
      ];
      const tracking = [
        "CREATE TABLE {table} (id BIGINT, s STRING) USING delta TBLPROPERTIES ('delta.enableRowTracking' = 'true')",
        "INSERT INTO {table} VALUES (1, 'x'), (2, 'y')",
        "UPDATE {table} SET s = 'z' WHERE id = 2",
      ];
      const results = await peerBatch([
        ...widening.map((sql) => ({ cmd: "spark-sql" as const, sql, table: widened })),
        ...tracking.map((sql) => ({ cmd: "spark-sql" as const, sql, table: tracked })),
        ...[
          "CREATE TABLE {table} (id INT NOT NULL, v INT) USING delta",
          "ALTER TABLE {table} ADD CONSTRAINT positive CHECK (v > 0)",
        ].map((sql) => ({ cmd: "spark-sql" as const, sql, table: constrained })),
        ...widening.map((_, v) => ({ cmd: "spark-read" as const, table: widened, version: v })),
        ...tracking.map((_, v) => ({ cmd: "spark-read" as const, table: tracked, version: v })),
      ]);
      const reads = results.slice(widening.length + tracking.length + 2) as { rows: unknown[] }[];
      for (let v = 0; v < widening.length; v++)
        expect(await ourRows(spark(), widened, v), `widened v${v}`).toEqual(reads[v]?.rows);
      for (let v = 0; v < tracking.length; v++)
        expect(await ourRows(spark(), tracked, v), `tracked v${v}`).toEqual(
          reads[widening.length + v]?.rows,
        );
      const schema = await spark().read.format("delta").load(widened).schema;
      expect(schema.simpleString()).toBe("struct<id:bigint,amt:decimal(10,2),p:string>");
      const err = (await spark()
        .createDataFrame([{ id: 3n, s: "w" }], "id BIGINT, s STRING")
        .write.format("delta")
        .mode("append")
        .save(tracked)
        .catch((e: unknown) => e)) as DeltaError;
      expect(err.code).toBe("DELTA_UNSUPPORTED_FEATURE");
      expect(err.message).toContain("rowTracking");
      // delta-spark's NOT NULL column and CHECK constraint hold for our writes too.
      const write = (rows: Record<string, unknown>[]) =>
        spark()
          .createDataFrame(rows, "id INT, v INT")
          .write.format("delta")
          .mode("append")
          .save(constrained)
          .then(
            () => "written",
            (e: unknown) => (e as DeltaError).code,
          );
      expect(await write([{ id: null, v: 5 }])).toBe("DELTA_NOT_NULL_CONSTRAINT_VIOLATED");
      expect(await write([{ id: 2, v: -5 }])).toBe("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
      expect(await write([{ id: 3, v: 7 }])).toBe("written");
    },
    SPARK_TIMEOUT,
  );

  it(
    "v2 checkpoints (Parquet and JSON top-level files, sidecars) read identically at every version",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "trib-v2cp-"));
      const steps = [
        "CREATE TABLE {table} (id BIGINT, p STRING) USING delta PARTITIONED BY (p) TBLPROPERTIES ('delta.checkpointPolicy' = 'v2', 'delta.checkpointInterval' = '2')",
        "INSERT INTO {table} VALUES (1, 'a'), (2, 'b')",
        "INSERT INTO {table} VALUES (3, 'a')",
        "DELETE FROM {table} WHERE id = 2",
        "INSERT INTO {table} VALUES (4, 'c')",
      ];
      const formats = ["parquet", "json"] as const;
      // One JVM for both tables: the top-level format is a session conf.
      const results = await peerBatch(
        formats.flatMap((format) => {
          const table = join(dir, format);
          return [
            {
              cmd: "spark-conf" as const,
              set: { "spark.databricks.delta.checkpointV2.topLevelFileFormat": format },
            },
            ...steps.map((sql) => ({ cmd: "spark-sql" as const, sql, table })),
            ...steps.map((_, v) => ({ cmd: "spark-read" as const, table, version: v })),
          ];
        }),
      );
      const per = 1 + 2 * steps.length;
      for (const [i, format] of formats.entries()) {
        const table = join(dir, format);
        const log = await readdir(join(table, "_delta_log"));
        const uuidNamed = new RegExp(`checkpoint\\.[0-9a-f-]{36}\\.${format}$`);
        expect(log.some((n) => uuidNamed.test(n))).toBe(true);
        const reads = results.slice(i * per + 1 + steps.length, (i + 1) * per) as {
          rows: unknown[];
        }[];
        for (let v = 0; v < steps.length; v++)
          expect(await ourRows(spark(), table, v), `${format} v${v}`).toEqual(reads[v]?.rows);
      }
    },
    SPARK_TIMEOUT,
  );
});
