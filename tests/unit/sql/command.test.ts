/**
 * Delta commands in Spark SQL (`await spark.sql(text)`): parsed into typed commands, run through
 * the DeltaTable operations, answered as delta-spark answers (checked with delta-spark 4.0:
 * DELETE and UPDATE return `num_affected_rows BIGINT`).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalysisError } from "../../../src/errors.js";
import { SparkSession } from "../../../src/index.js";
import { isCommand, parseCommand } from "../../../src/sql/command.js";
import type { SqlCatalog } from "../../../src/sql/index.js";

const catalog: SqlCatalog = { view: () => undefined, viewNames: () => [], dataPath: (p) => p };

describe("parseCommand", () => {
  it.each([
    ["DESCRIBE HISTORY delta.`/t`", { kind: "describeHistory", path: "/t", limit: undefined }],
    ["DESC HISTORY delta.`/t` LIMIT 2;", { kind: "describeHistory", path: "/t", limit: 2 }],
    ["DESCRIBE DETAIL delta.`/t`", { kind: "describeDetail", path: "/t" }],
    ["DELETE FROM delta.`/t`", { kind: "delete", path: "/t", condition: undefined }],
    [
      "DELETE FROM delta.`/t` WHERE day < '2024-01-01' AND x IS NULL",
      { kind: "delete", path: "/t", condition: "day < '2024-01-01' AND x IS NULL" },
    ],
    [
      "UPDATE delta.`/t` SET a = a + 1, b = upper(b) WHERE a > 0",
      { kind: "update", path: "/t", set: { a: "a + 1", b: "upper(b)" }, condition: "a > 0" },
    ],
    ["OPTIMIZE delta.`/t`", { kind: "optimize", path: "/t", where: undefined }],
    [
      "OPTIMIZE delta.`/t` WHERE day = '2024-01-01'",
      { kind: "optimize", path: "/t", where: "day = '2024-01-01'" },
    ],
    ["VACUUM delta.`/t`", { kind: "vacuum", path: "/t", retainHours: undefined, dryRun: false }],
    [
      "VACUUM delta.`/t` RETAIN 0 HOURS DRY RUN",
      { kind: "vacuum", path: "/t", retainHours: 0, dryRun: true },
    ],
    ["RESTORE TABLE delta.`/t` TO VERSION AS OF 3", { kind: "restore", path: "/t", version: 3 }],
    [
      "RESTORE delta.`/t` TO TIMESTAMP AS OF '2024-01-01'",
      { kind: "restore", path: "/t", timestamp: "2024-01-01" },
    ],
  ])("%s", (text, expected) => {
    expect(isCommand(text)).toBe(true);
    expect(parseCommand(text, catalog)).toEqual(expected);
  });

  it("parses MERGE INTO with every clause kind", () => {
    const command = parseCommand(
      `MERGE INTO delta.\`/t\` AS t USING (SELECT 1 AS id) s ON t.id = s.id
       WHEN MATCHED AND s.id > 0 THEN UPDATE SET v = s.v + 1
       WHEN MATCHED THEN DELETE
       WHEN NOT MATCHED BY TARGET THEN INSERT (id, v) VALUES (s.id, 'x')
       WHEN NOT MATCHED THEN INSERT *
       WHEN NOT MATCHED BY SOURCE AND t.v IS NULL THEN UPDATE SET v = 'gone'
       WHEN NOT MATCHED BY SOURCE THEN DELETE`,
      catalog,
    );
    expect(command.kind === "merge" && [command.path, command.targetAlias, command.on]).toEqual([
      "/t",
      "t",
      "t.id = s.id",
    ]);
    expect(command.kind === "merge" && command.clauses).toEqual([
      { when: "matched", condition: "s.id > 0", action: { kind: "update", set: { v: "s.v + 1" } } },
      { when: "matched", condition: undefined, action: { kind: "delete" } },
      {
        when: "notMatched",
        condition: undefined,
        action: { kind: "insert", values: { id: "s.id", v: "'x'" } },
      },
      { when: "notMatched", condition: undefined, action: { kind: "insert", values: "*" } },
      {
        when: "notMatchedBySource",
        condition: "t.v IS NULL",
        action: { kind: "update", set: { v: "'gone'" } },
      },
      { when: "notMatchedBySource", condition: undefined, action: { kind: "delete" } },
    ]);
  });

  it("is not a command when it is a query", () => {
    expect(isCommand("SELECT 1")).toBe(false);
  });

  it.each([
    ["DELETE FROM events WHERE a = 1", "UNSUPPORTED_SQL_SYNTAX"],
    ["DESCRIBE events", "UNSUPPORTED_SQL_SYNTAX"],
    ["UPDATE delta.`/t` a = 1", "PARSE_SYNTAX_ERROR"],
    ["DELETE FROM delta.`/t` WHERE", "PARSE_SYNTAX_ERROR"],
    ["OPTIMIZE delta.`/t` ZORDER BY (a)", "UNSUPPORTED_SQL_SYNTAX"],
  ])("refuses %j", (text, code) => {
    let error: AnalysisError | undefined;
    try {
      parseCommand(text, catalog);
    } catch (e) {
      error = e as AnalysisError;
    }
    expect(error?.code).toBe(code);
  });
});

describe("spark.sql statements on a Delta table", () => {
  let spark: SparkSession;
  let path: string;

  beforeAll(async () => {
    spark = await SparkSession.builder().master("local[1]").getOrCreate();
    path = join(mkdtempSync(join(tmpdir(), "sql-command-")), "t");
    await spark
      .createDataFrame(
        [
          [1, "a"],
          [2, "b"],
          [3, "c"],
        ],
        "id INT, name STRING",
      )
      .write.format("delta")
      .save(path);
  });

  afterAll(async () => {
    await spark.stop();
  });

  it("deletes, updates and describes the history as delta-spark does", async () => {
    const table = `delta.\`${path}\``;
    const deleted = await spark.sql(`DELETE FROM ${table} WHERE id = 1`);
    expect(await deleted.dtypes).toEqual([["num_affected_rows", "bigint"]]);
    expect(await deleted.collect()).toEqual([{ num_affected_rows: 1n }]);
    const updated = await spark.sql(`UPDATE ${table} SET name = upper(name) WHERE id > 2`);
    expect(await updated.collect()).toEqual([{ num_affected_rows: 1n }]);
    const none = await spark.sql(`DELETE FROM ${table} WHERE id = 99`);
    expect(await none.collect()).toEqual([{ num_affected_rows: 0n }]);
    expect(await spark.sql(`SELECT * FROM ${table} ORDER BY id`).collect()).toEqual([
      { id: 2, name: "b" },
      { id: 3, name: "C" },
    ]);
    const history = await spark.sql(`DESCRIBE HISTORY ${table} LIMIT 1`);
    expect((await history.collect()).map((r) => [r.version, r.operation])).toEqual([
      [2n, "UPDATE"],
    ]);
  });

  it("merges a view into the table as the DeltaTable merge does", async () => {
    const table = `delta.\`${path}\``;
    spark
      .createDataFrame(
        [
          [2, "B"],
          [4, "D"],
        ],
        "id INT, name STRING",
      )
      .createOrReplaceTempView("updates");
    const merged = await spark.sql(
      `MERGE INTO ${table} t USING updates s ON t.id = s.id
       WHEN MATCHED THEN UPDATE SET name = s.name
       WHEN NOT MATCHED THEN INSERT *`,
    );
    expect(await merged.collect()).toEqual([
      { num_affected_rows: 2n, num_updated_rows: 1n, num_deleted_rows: 0n, num_inserted_rows: 1n },
    ]);
    expect(await spark.sql(`SELECT * FROM ${table} ORDER BY id`).collect()).toEqual([
      { id: 2, name: "B" },
      { id: 3, name: "C" },
      { id: 4, name: "D" },
    ]);
  });

  it("restores a version and vacuums as delta-spark does", async () => {
    const other = join(mkdtempSync(join(tmpdir(), "sql-restore-")), "t");
    const table = `delta.\`${other}\``;
    await spark
      .createDataFrame([[1]], "id INT")
      .write.format("delta")
      .save(other);
    await spark
      .createDataFrame([[2]], "id INT")
      .write.format("delta")
      .mode("overwrite")
      .save(other);
    await spark.sql(`RESTORE TABLE ${table} TO VERSION AS OF 0`);
    expect(await spark.sql(`SELECT id FROM ${table}`).collect()).toEqual([{ id: 1 }]);
    // Nothing is older than the default 7-day retention: a dry run lists no file.
    const dry = await spark.sql(`VACUUM ${table} DRY RUN`);
    expect(await dry.dtypes).toEqual([["path", "string"]]);
    expect(await dry.collect()).toEqual([]);
  });

  it("runs statements in order without waiting for each, as PySpark runs them eagerly", async () => {
    const other = join(mkdtempSync(join(tmpdir(), "sql-order-")), "t");
    const table = `delta.\`${other}\``;
    // Not awaited: the INSERT still runs after the CREATE, and the DELETE after both.
    void spark.sql(`CREATE TABLE ${table} (id INT) USING delta`);
    void spark.sql(`INSERT INTO ${table} VALUES (1), (2)`);
    const deleted = await spark.sql(`DELETE FROM ${table} WHERE id = 1`);
    expect(await deleted.collect()).toEqual([{ num_affected_rows: 1n }]);
    expect(await spark.sql(`SELECT id FROM ${table}`).collect()).toEqual([{ id: 2 }]);
  });

  it("still answers the deprecated sqlCommand", async () => {
    expect(await (await spark.sqlCommand("SELECT 1 AS one")).collect()).toEqual([{ one: 1 }]);
  });
});
