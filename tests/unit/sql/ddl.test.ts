/**
 * Table statements in spark.sql (CREATE / REPLACE TABLE, CTAS, INSERT, ALTER TABLE ...
 * CONSTRAINT, DROP TABLE, SHOW TABLES) and generated columns. Every expected value and error
 * class was checked with PySpark 4.0.1 + delta-spark 4.0.1 (local mode, warehouse in a temp
 * dir), running the same statements in the same order.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TributaryError } from "../../../src/errors.js";
import { DeltaTable, SparkSession } from "../../../src/index.js";
import { parseCommand } from "../../../src/sql/command.js";
import type { SqlCatalog } from "../../../src/sql/index.js";

let spark: SparkSession;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "sql-ddl-"));
  spark = await SparkSession.builder()
    .master("local[1]")
    .config("spark.sql.warehouse.dir", join(root, "warehouse"))
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate();
});

afterAll(async () => {
  await spark.stop();
});

async function failure(text: string): Promise<TributaryError> {
  try {
    await spark.sql(text);
  } catch (e) {
    return e as TributaryError;
  }
  throw new Error(`expected ${text} to fail`);
}

async function rows(text: string) {
  return (await spark.sql(text)).collect();
}

describe("parsing table statements", () => {
  const catalog: SqlCatalog = {
    view: () => undefined,
    viewNames: () => [],
    dataPath: (p) => p,
    table: (parts) => ({
      name: parts.at(-1) ?? "",
      location: `/wh/${parts.at(-1)}`,
      managed: true,
      exists: true,
    }),
  };

  it("reads a CREATE TABLE with every clause, in any order", () => {
    const command = parseCommand(
      "CREATE TABLE IF NOT EXISTS t (a INT NOT NULL, b INT GENERATED ALWAYS AS (a * 2) COMMENT 'twice', c STRING) USING delta TBLPROPERTIES ('foo' = 'bar', delta.appendOnly = true) PARTITIONED BY (c) COMMENT 'tbl' LOCATION '/x'",
      catalog,
    );
    if (command.kind !== "createTable") throw new Error(command.kind);
    expect(command.mode).toBe("createIfNotExists");
    expect(command.columns?.toJSON()).toEqual({
      type: "struct",
      fields: [
        { name: "a", type: "integer", nullable: false, metadata: {} },
        {
          name: "b",
          type: "integer",
          nullable: true,
          metadata: { comment: "twice", "delta.generationExpression": "a * 2" },
        },
        { name: "c", type: "string", nullable: true, metadata: {} },
      ],
    });
    expect([command.partitionBy, command.location, command.properties, command.comment]).toEqual([
      ["c"],
      "/x",
      { foo: "bar", "delta.appendOnly": "true" },
      "tbl",
    ]);
  });

  it.each([
    ["CREATE TABLE t (a INT) USING delta AS SELECT 1 AS a", "PARSE_SYNTAX_ERROR"],
    ["CREATE TABLE t (a INT) USING delta COMMENT 'x' COMMENT 'y'", "PARSE_SYNTAX_ERROR"],
    ["CREATE VIEW v AS SELECT 1", "UNSUPPORTED_SQL_SYNTAX"],
    ["CREATE TABLE t (a INT DEFAULT 1) USING delta", "UNSUPPORTED_SQL_SYNTAX"],
    ["INSERT INTO t PARTITION (c = 'x') VALUES (1)", "UNSUPPORTED_SQL_SYNTAX"],
    ["ALTER TABLE t RENAME TO u", "UNSUPPORTED_SQL_SYNTAX"],
    ["ALTER TABLE t ADD CONSTRAINT c (a > 0)", "PARSE_SYNTAX_ERROR"],
    ["SHOW COLUMNS IN t", "UNSUPPORTED_SQL_SYNTAX"],
    ["CREATE VIEW v AS SELECT 1", "UNSUPPORTED_SQL_SYNTAX"],
    ["CREATE TEMP VIEW IF NOT EXISTS v AS SELECT 1", "_LEGACY_ERROR_TEMP_0053"],
    ["CREATE TEMP VIEW db.v AS SELECT 1", "TEMP_VIEW_NAME_TOO_MANY_NAME_PARTS"],
  ])("refuses %j", (text, code) => {
    expect(() => parseCommand(text, catalog)).toThrow(expect.objectContaining({ code }));
  });
});

describe("CREATE TABLE and INSERT by name", () => {
  it("creates, fills and describes a table as delta-spark does", async () => {
    const created = await spark.sql(
      "CREATE TABLE t (a INT NOT NULL, b INT COMMENT 'twice', c STRING) USING delta PARTITIONED BY (c) TBLPROPERTIES ('foo'='bar') COMMENT 'tbl'",
    );
    expect((await created.schema).simpleString()).toBe("struct<>");
    expect(existsSync(join(root, "warehouse", "t", "_delta_log"))).toBe(true);
    expect((await failure("CREATE TABLE t (a INT) USING delta")).code).toBe(
      "TABLE_OR_VIEW_ALREADY_EXISTS",
    );
    await spark.sql("CREATE TABLE IF NOT EXISTS t (a INT) USING delta");
    await spark.sql("INSERT INTO t VALUES (1, 2, 'x')");
    await spark.sql("INSERT INTO t (a, c) VALUES (5, 'y')");
    await spark.sql("INSERT INTO t (c, a) VALUES ('z', 7)");
    expect((await failure("INSERT INTO t VALUES (9, 'y')")).code).toBe(
      "DELTA_INSERT_COLUMN_ARITY_MISMATCH",
    );
    await spark.sql("INSERT INTO t SELECT 10, 20, 'q'");
    await spark.sql("INSERT INTO t BY NAME SELECT 'n' AS c, 11 AS a");
    expect(await rows("SELECT * FROM t ORDER BY a")).toEqual([
      { a: 1, b: 2, c: "x" },
      { a: 5, b: null, c: "y" },
      { a: 7, b: null, c: "z" },
      { a: 10, b: 20, c: "q" },
      { a: 11, b: null, c: "n" },
    ]);
    expect((await failure("INSERT INTO t VALUES (NULL, 2, 'x')")).code).toBe(
      "DELTA_NOT_NULL_CONSTRAINT_VIOLATED",
    );
    const [detail] = await rows("DESCRIBE DETAIL t");
    expect([detail?.description, detail?.partitionColumns, detail?.properties]).toEqual([
      "tbl",
      ["c"],
      new Map([["foo", "bar"]]),
    ]);
    expect(await (await spark.table("t")).count()).toBe(5);
  });

  it("overwrites, and replaces only the rows matching REPLACE WHERE", async () => {
    await spark.sql("INSERT OVERWRITE t VALUES (3, 6, 'w')");
    await spark.sql("INSERT INTO t REPLACE WHERE c = 'w' SELECT 4, 8, 'w'");
    expect((await failure("INSERT INTO t REPLACE WHERE c = 'w' SELECT 4, 8, 'v'")).code).toBe(
      "DELTA_REPLACE_WHERE_MISMATCH",
    );
    expect(await rows("SELECT * FROM t")).toEqual([{ a: 4, b: 8, c: "w" }]);
    const history = await rows("DESCRIBE HISTORY t");
    expect(history.map((h) => h.operation)).toEqual([
      "WRITE",
      "WRITE",
      "WRITE",
      "WRITE",
      "WRITE",
      "WRITE",
      "WRITE",
      "CREATE TABLE",
    ]);
  });

  it("adds and drops CHECK constraints", async () => {
    await spark.sql("ALTER TABLE t ADD CONSTRAINT pos CHECK (a > 0)");
    const violated = await failure("INSERT INTO t VALUES (-1, -2, 'x')");
    expect([violated.code, violated.message]).toEqual([
      "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES",
      "CHECK constraint pos (a > 0) violated by row with values:\n - a : -1",
    ]);
    expect((await failure("ALTER TABLE t ADD CONSTRAINT pos CHECK (a > 1)")).code).toBe(
      "DELTA_CONSTRAINT_ALREADY_EXISTS",
    );
    await spark.sql("ALTER TABLE t DROP CONSTRAINT pos");
    expect((await failure("ALTER TABLE t DROP CONSTRAINT pos")).code).toBe(
      "DELTA_CONSTRAINT_DOES_NOT_EXIST",
    );
    await spark.sql("ALTER TABLE t DROP CONSTRAINT IF EXISTS pos");
    const [detail] = await rows("DESCRIBE DETAIL t");
    expect([detail?.minWriterVersion, detail?.tableFeatures]).toEqual([
      3,
      ["appendOnly", "checkConstraints", "invariants"],
    ]);
  });
});

describe("CTAS, REPLACE, DROP and SHOW TABLES", () => {
  it("replaces a table's definition and data", async () => {
    await spark.sql("CREATE TABLE ctas USING delta AS SELECT 1 AS id, 'a' AS s");
    await spark.sql("CREATE OR REPLACE TABLE ctas USING delta AS SELECT 2 AS id");
    expect(await rows("SELECT * FROM ctas")).toEqual([{ id: 2 }]);
    await spark.sql("REPLACE TABLE ctas (z STRING) USING delta");
    const df = await spark.sql("SELECT * FROM ctas");
    expect([(await df.schema).simpleString(), await df.collect()]).toEqual([
      "struct<z:string>",
      [],
    ]);
    expect((await failure("REPLACE TABLE nope (z STRING) USING delta")).code).toBe(
      "TABLE_OR_VIEW_NOT_FOUND",
    );
  });

  it("lists, drops and keeps external tables' files", async () => {
    const ext = join(root, "ext");
    await spark.sql(`CREATE TABLE ext (a INT) USING delta LOCATION '${ext}'`);
    spark.createDataFrame([{ x: 1 }]).createOrReplaceTempView("v");
    expect(await rows("SHOW TABLES")).toEqual([
      { namespace: "default", tableName: "ctas", isTemporary: false },
      { namespace: "default", tableName: "ext", isTemporary: false },
      { namespace: "default", tableName: "t", isTemporary: false },
      { namespace: "", tableName: "v", isTemporary: true },
    ]);
    expect(spark.catalog.listTables().map((t) => [t.name, t.tableType])).toEqual([
      ["ctas", "MANAGED"],
      ["ext", "EXTERNAL"],
      ["t", "MANAGED"],
      ["v", "TEMPORARY"],
    ]);
    await spark.sql("DROP TABLE ext");
    expect(existsSync(join(ext, "_delta_log"))).toBe(true);
    expect((await failure("DROP TABLE nope")).code).toBe("TABLE_OR_VIEW_NOT_FOUND");
    await spark.sql("DROP TABLE IF EXISTS nope");
    expect((await failure("INSERT INTO nope VALUES (1)")).code).toBe("TABLE_OR_VIEW_NOT_FOUND");
    await spark.sql("DROP TABLE ctas");
    expect(existsSync(join(root, "warehouse", "ctas"))).toBe(false);
    expect(spark.catalog.tableExists("ctas")).toBe(false);
    expect((await rows("SHOW TABLES")).map((r) => r.tableName)).toEqual(["t", "v"]);
    spark.catalog.dropTempView("v");
  });

  it("saveAsTable writes the table spark.table and spark.sql find by name", async () => {
    await spark
      .createDataFrame([{ k: 1 }], "k INT")
      .write.format("delta")
      .saveAsTable("saved");
    await spark
      .createDataFrame([{ k: 2 }], "k INT")
      .write.format("delta")
      .mode("append")
      .saveAsTable("default.saved");
    expect(await rows("SELECT k FROM saved ORDER BY k")).toEqual([{ k: 1 }, { k: 2 }]);
    expect(await spark.table("saved").count()).toBe(2);
    await spark.sql("DROP TABLE saved");
  });

  it("refuses a table that is not Delta", async () => {
    expect((await failure("CREATE TABLE p (a INT) USING parquet")).code).toBe(
      "UNSUPPORTED_SQL_SYNTAX",
    );
  });
});

describe("generated columns", () => {
  it("computes them when left out and checks them when given", async () => {
    await spark.sql(
      "CREATE TABLE g (a INT, b INT GENERATED ALWAYS AS (a * 2) COMMENT 'twice', s STRING, u STRING GENERATED ALWAYS AS (upper(s))) USING delta",
    );
    await spark.sql("INSERT INTO g (a, s) VALUES (1, 'x')");
    await spark.sql("INSERT INTO g VALUES (2, 4, 'y', 'Y')");
    const wrong = await failure("INSERT INTO g VALUES (3, 7, 'z', 'Z')");
    expect([wrong.code, wrong.message]).toEqual([
      "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES",
      "CHECK constraint Generated Column (b <=> (a * 2)) violated by row with values:\n - a : 3\n - b : 7",
    ]);
    expect((await failure("INSERT INTO g VALUES (3, 6, 'z', 'q')")).message).toContain(
      " - s : z\n - u : q",
    );
    expect((await failure("INSERT INTO g VALUES (4, NULL, 'z', 'Z')")).message).toContain(
      " - a : 4\n - b : null",
    );
    await spark.sql("INSERT INTO g (a, s) VALUES (NULL, NULL)");
    await spark
      .createDataFrame([{ a: 5, s: "w" }], "a INT, s STRING")
      .write.format("delta")
      .mode("append")
      .save(join(root, "warehouse", "g"));
    expect(await rows("SELECT * FROM g ORDER BY a")).toEqual([
      { a: null, b: null, s: null, u: null },
      { a: 1, b: 2, s: "x", u: "X" },
      { a: 2, b: 4, s: "y", u: "Y" },
      { a: 5, b: 10, s: "w", u: "W" },
    ]);
    const [detail] = await rows("DESCRIBE DETAIL g");
    expect([detail?.minReaderVersion, detail?.minWriterVersion, detail?.tableFeatures]).toEqual([
      1,
      7,
      ["appendOnly", "generatedColumns", "invariants"],
    ]);
  });

  it("builds a table with DeltaTable.create, as delta-spark's DeltaTableBuilder", async () => {
    const path = join(root, "built");
    const table = await DeltaTable.create(spark)
      .location(path)
      .addColumn("ts", "TIMESTAMP", { nullable: false })
      .addColumn("day", "DATE", { generatedAlwaysAs: "CAST(ts AS DATE)", comment: "from ts" })
      .partitionedBy("day")
      .property("owner", "ops")
      .execute();
    await spark.sql(`INSERT INTO delta.\`${path}\` (ts) VALUES (TIMESTAMP'2024-01-02 03:04:05')`);
    expect(await table.toDF().collect()).toEqual([
      { ts: new Date("2024-01-02T03:04:05Z"), day: "2024-01-02" },
    ]);
    await expect(
      DeltaTable.create(spark).location(path).addColumn("x", "INT").execute(),
    ).rejects.toMatchObject({ code: "TABLE_OR_VIEW_ALREADY_EXISTS" });
    const same = await DeltaTable.createIfNotExists(spark)
      .location(path)
      .addColumn("x", "INT")
      .execute();
    expect((await same.toDF().schema).fieldNames()).toEqual(["ts", "day"]);
  });
});
