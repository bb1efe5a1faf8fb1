/**
 * Column mapping with the real delta-spark: tables it writes in `name` and `id` mode, with
 * nested structs, arrays and maps, a partition column, renamed and dropped columns, read
 * identically in tributary at every version; filters on renamed columns still skip files.
 * And the other way: tables tributary writes in both modes, with columns added, renamed and
 * dropped, read identically by delta-spark (every version) and delta-rs, and delta-spark
 * keeps writing them.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeltaTable, functions as F } from "../../src/index.js";
import { peerBatch, rsRead } from "./peers.js";
import { ourRows, SPARK_TIMEOUT, useInteropSpark } from "./session.js";

const spark = useInteropSpark({});

describe("column mapping, with delta-spark", () => {
  it(
    "name and id modes: nested types, partitions, rename and drop read identically at every version",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "trib-cm-"));
      const modes = ["name", "id"] as const;
      const stepsOf = (mode: string) => [
        `CREATE TABLE {table} (id BIGINT, part STRING, s STRUCT<a: INT, b: STRING>, arr ARRAY<STRUCT<x: INT>>, m MAP<STRING, STRUCT<y: DOUBLE>>) USING delta PARTITIONED BY (part) TBLPROPERTIES ('delta.columnMapping.mode' = '${mode}', 'delta.minReaderVersion' = '2', 'delta.minWriterVersion' = '5')`,
        "INSERT INTO {table} VALUES (1, 'p', named_struct('a', 1, 'b', 'x'), array(named_struct('x', 7)), map('k', named_struct('y', 1.5))), (2, 'q', NULL, NULL, NULL), (3, NULL, named_struct('a', NULL, 'b', 'z'), array(), map())",
        "ALTER TABLE {table} RENAME COLUMN s TO st",
        "ALTER TABLE {table} RENAME COLUMN part TO region",
        "ALTER TABLE {table} RENAME COLUMN st.a TO alpha",
        "ALTER TABLE {table} DROP COLUMN arr",
        "INSERT INTO {table} (id, region, st, m) VALUES (4, 'p', named_struct('alpha', 4, 'b', 'w'), NULL)",
      ];
      // One JVM for both tables.
      const results = await peerBatch(
        modes.flatMap((mode) => {
          const table = join(dir, mode);
          const steps = stepsOf(mode);
          return [
            ...steps.map((sql) => ({ cmd: "spark-sql" as const, sql, table })),
            ...steps.map((_, v) => ({ cmd: "spark-read" as const, table, version: v })),
          ];
        }),
      );
      const n = stepsOf("name").length;
      for (const [i, mode] of modes.entries()) {
        const path = join(dir, mode);
        for (let v = 1; v < n; v++) {
          const theirs = results[i * 2 * n + n + v] as { rows: unknown[] };
          expect(await ourRows(spark(), path, v), `${mode} version ${v}`).toEqual(theirs.rows);
        }
        const df = spark().read.format("delta").load(path);
        expect((await df.schema).simpleString()).toBe(
          "struct<id:bigint,region:string,st:struct<alpha:int,b:string>,m:map<string,struct<y:double>>>",
        );
        const filtered = df.filter(F.col("region").eq("q"));
        expect((await filtered.collect()).map((r) => r.id)).toEqual([2n]);
        expect(filtered.inputMetrics()[0]?.filesSkipped).toBeGreaterThan(0);
      }
    },
    SPARK_TIMEOUT,
  );

  it(
    "tributary writes name and id mode tables, changes their columns; delta-spark and delta-rs read them, delta-spark keeps writing",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "trib-cm-w-"));
      const modes = ["name", "id"] as const;
      const last = 6;
      for (const mode of modes) {
        const path = join(dir, mode);
        await spark()
          .sql(
            "SELECT CAST(1 AS BIGINT) AS id, 'p' AS part, named_struct('a', 1, 'b', 'x') AS s, 10 AS v UNION ALL SELECT CAST(2 AS BIGINT), 'q', CAST(NULL AS STRUCT<a: INT, b: STRING>), 20",
          )
          .write.format("delta")
          .partitionBy("part")
          .option("delta.columnMapping.mode", mode)
          .save(path);
        await spark()
          .sql(
            "SELECT CAST(3 AS BIGINT) AS id, 'p' AS part, named_struct('a', 3, 'b', 'z') AS s, 30 AS v, 'n' AS `new col`",
          )
          .write.format("delta")
          .mode("append")
          .option("mergeSchema", true)
          .save(path);
        const t = await DeltaTable.forPath(spark(), path);
        await t.renameColumn("s.a", "alpha");
        await t.renameColumn("part", "region");
        await t.dropColumn("v");
        await t.addColumns("w STRING");
        await t.update("id = 1", { w: "'updated'" });
      }
      // Versions: 0 created, 1 mergeSchema append, 3 after both renames, 4 after the drop, 6 after
      // the add and an UPDATE; then delta-spark appends (version 7).
      const versions = [0, 1, 3, 4, last];
      const results = await peerBatch(
        modes.flatMap((mode) => {
          const table = join(dir, mode);
          return [
            ...versions.map((version) => ({ cmd: "spark-read" as const, table, version })),
            {
              cmd: "spark-sql" as const,
              table,
              sql: "INSERT INTO {table} (id, region, s, `new col`, w) SELECT 4, 'q', named_struct('alpha', 4, 'b', 'w'), 'm', 'spark'",
            },
            { cmd: "spark-read" as const, table, version: last + 1 },
          ];
        }),
        // One JVM for 14 commands on a machine shared with other work.
        { timeoutMs: SPARK_TIMEOUT - 60_000 },
      );
      const per = versions.length + 2;
      for (const [i, mode] of modes.entries()) {
        const path = join(dir, mode);
        for (const [k, v] of [...versions, last + 1].entries()) {
          const at = i * per + (k < versions.length ? k : k + 1);
          const theirs = results[at] as { rows: unknown[] };
          expect(await ourRows(spark(), path, v), `${mode} version ${v}`).toEqual(theirs.rows);
        }
        const latest = await ourRows(spark(), path);
        expect(latest.length).toBe(4);
        const rs = await rsRead(path, { version: last });
        expect(rs.rows, `${mode}: delta-rs`).toEqual(await ourRows(spark(), path, last));
      }
    },
    SPARK_TIMEOUT,
  );
});
