/**
 * The table statements of spark.sql on the embedded engine: CREATE / REPLACE TABLE, DROP
 * TABLE, SHOW TABLES, INSERT, ALTER TABLE ... CONSTRAINT. Each answers as Spark 4 with
 * delta-spark does: an empty frame, except SHOW TABLES (namespace, tableName, isTemporary).
 */
import { rm } from "node:fs/promises";
import { DataFrame } from "../dataframe/dataframe.js";
import { writeDelta } from "../delta/operations/write.js";
import { isDeltaTableEngine } from "../delta/table-engine.js";
import { AnalysisError, DeltaError, ErrorCode, UnsupportedOperationError } from "../errors.js";
import { AliasNode } from "../plan/expression/alias.js";
import { CastNode } from "../plan/expression/cast.js";
import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { assertNever } from "../plan/node.js";
import { ProjectNode } from "../plan/relation/project.js";
import { ToDFNode } from "../plan/relation/to-df.js";
import type { AlterCommand } from "../sql/alter.js";
import type { CreateTableCommand, DdlCommand } from "../sql/ddl.js";
import type { InsertCommand } from "../sql/insert.js";
import type { TableTarget } from "../sql/table-target.js";
import { schemeOf } from "../storage/location.js";
import type { AlterTable } from "../table/backend.js";
import { alreadyExists, createTable } from "../table/create-table.js";
import { DeltaTable } from "../table/delta-table.js";
import { StructField } from "../types/data-types.js";
import { quoteIdentifier } from "../types/sql-string.js";
import type { SparkSession } from "./session.js";
import { emptyPlan } from "./sql-statements.js";
import { createView, dropView } from "./sql-views.js";
import { DEFAULT_DATABASE } from "./tables.js";

export type TableCommand = DdlCommand | InsertCommand | AlterCommand;

function emptyResult(spark: SparkSession): DataFrame {
  return new DataFrame(spark, emptyPlan());
}

function displayName(target: TableTarget): string {
  return target.name === undefined
    ? `delta.\`${target.path}\``
    : `\`${DEFAULT_DATABASE}\`.\`${target.name}\``;
}

async function create(spark: SparkSession, cmd: CreateTableCommand): Promise<DataFrame> {
  const provider = cmd.provider ?? spark.conf.get("spark.sql.sources.default", "parquet");
  if (provider.toLowerCase() !== "delta")
    throw new AnalysisError(
      "UNSUPPORTED_SQL_SYNTAX",
      `CREATE TABLE ... USING ${provider} is not supported: spark.sql creates Delta tables.`,
      {
        hint: "Add USING delta (or set spark.sql.sources.default=delta); write other formats with df.write.",
      },
    );
  const { target } = cmd;
  const location = cmd.location ?? target.path;
  if (target.name !== undefined && target.exists) {
    if (cmd.mode === "create") throw alreadyExists(displayName(target));
    if (cmd.mode === "createIfNotExists") return emptyResult(spark);
  }
  // CREATE TABLE t USING delta LOCATION '/lake/t' over an existing table names it, as in Spark.
  const registersOnly =
    cmd.location !== undefined &&
    cmd.columns === undefined &&
    cmd.query === undefined &&
    (await DeltaTable.isDeltaTable(spark, location));
  if (!registersOnly)
    await createTable(spark, {
      mode: cmd.mode,
      displayName: displayName(target),
      location,
      columns: cmd.columns,
      partitionBy: cmd.partitionBy,
      properties: cmd.properties,
      comment: cmd.comment,
      query: cmd.query,
      managed: target.name !== undefined && cmd.location === undefined && target.managed,
    });
  if (target.name !== undefined && cmd.location !== undefined)
    spark.catalog.tables.registerExternal(target.name, location);
  return emptyResult(spark);
}

async function drop(spark: SparkSession, target: TableTarget): Promise<DataFrame> {
  if (target.name === undefined)
    throw new AnalysisError(
      "UNSUPPORTED_SQL_SYNTAX",
      "DROP TABLE names a table; a path table is dropped by deleting its directory.",
      {
        hint: `Remove ${target.path} with your file tools, or DROP TABLE the name it was created as.`,
      },
    );
  if (!target.exists) return emptyResult(spark);
  if (target.managed) {
    // A managed table's files go with it, as in Spark; an external one keeps them.
    if (schemeOf(target.path) !== undefined && schemeOf(target.path) !== "file")
      throw new UnsupportedOperationError(
        spark.engine.name,
        "DROP TABLE",
        `Dropping the managed table ${target.name} would delete ${target.path}, on object storage; tributary drops local warehouses only.`,
        { hint: "Delete the table's directory with your storage tools." },
      );
    await rm(target.path, { recursive: true, force: true });
  }
  spark.catalog.tables.forget(target.name);
  return emptyResult(spark);
}

function showTables(spark: SparkSession): DataFrame {
  const tables = spark.catalog.tables
    .names()
    .map((tableName) => ({ namespace: DEFAULT_DATABASE, tableName, isTemporary: false }));
  const views = spark.catalog
    .names()
    .filter((n) => !n.includes("."))
    .sort()
    .map((tableName) => ({ namespace: "", tableName, isTemporary: true }));
  return spark.createDataFrame(
    [...tables, ...views],
    "namespace STRING, tableName STRING, isTemporary BOOLEAN",
  );
}

async function insert(spark: SparkSession, cmd: InsertCommand): Promise<DataFrame> {
  const engine = spark.engine;
  if (!isDeltaTableEngine(engine))
    throw new UnsupportedOperationError(
      engine.name,
      "INSERT",
      "INSERT runs on the embedded engine.",
    );
  const table = await spark.read.format("delta").load(cmd.target.path).schema;
  const data = await new DataFrame(spark, cmd.query).schema;
  let plan = cmd.query;
  if (!cmd.byName) {
    const names = cmd.columns ?? table.fieldNames();
    for (const n of cmd.columns ?? []) {
      if (table.field(n) === undefined)
        throw new AnalysisError(
          "UNRESOLVED_COLUMN",
          `[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with name \`${n}\` cannot be resolved. Did you mean one of the following? [${table
            .fieldNames()
            .map((f) => `\`${f}\``)
            .join(", ")}].`,
          { hint: "List columns of the table." },
        );
    }
    if (names.length !== data.length)
      throw new DeltaError(
        "DELTA_INSERT_COLUMN_ARITY_MISMATCH",
        `[DELTA_INSERT_COLUMN_ARITY_MISMATCH] Cannot write to ${displayName(cmd.target)}, ${
          names.length > data.length ? "not enough" : "too many"
        } data columns; target table has ${names.length} column(s) but the inserted data has ${data.length} column(s)`,
        { hint: "Give one value per table column, or list the columns: INSERT INTO t (a, b) ..." },
      );
    plan = ToDFNode.create(plan, names);
  }
  // Spark's store assignment: each value is cast to its column's type before the write.
  const targets = cmd.byName ? data.fieldNames() : (cmd.columns ?? table.fieldNames());
  plan = ProjectNode.create(
    plan,
    targets.map((n) => {
      const ref = ColumnRefNode.create(quoteIdentifier(n));
      const field = table.field(n);
      return field === undefined
        ? ref
        : AliasNode.create(CastNode.create(ref, field.dataType), field.name);
    }),
  );
  await writeDelta(engine, {
    plan,
    path: cmd.target.path,
    mode: cmd.overwrite ? "overwrite" : "append",
    partitionBy: [],
    options: cmd.replaceWhere === undefined ? {} : { replaceWhere: cmd.replaceWhere },
    sessionConf: spark.conf.getAll(),
  });
  return emptyResult(spark);
}

function alterTable(table: DeltaTable, change: AlterTable): Promise<void> {
  switch (change.kind) {
    case "addColumns":
      return table.addColumns(
        change.columns.map(
          (c) => new StructField(c.path, c.field.dataType, c.field.nullable, c.field.metadata),
        ),
      );
    case "renameColumn":
      return table.renameColumn(change.from, change.to);
    case "dropColumns":
      return table.dropColumns(change.columns);
    case "alterColumn":
      return table.alterColumn(
        change.column,
        change.comment === undefined ? { nullable: true } : { comment: change.comment },
      );
    case "setProperties":
      return table.setProperties(change.properties);
    case "unsetProperties":
      return table.unsetProperties(change.keys, { ifExists: change.ifExists });
    default:
      return assertNever(change, "ALTER TABLE change");
  }
}

async function alter(spark: SparkSession, cmd: AlterCommand): Promise<DataFrame> {
  const table = await DeltaTable.forPath(spark, cmd.path);
  if (cmd.kind === "alter") await alterTable(table, cmd.change);
  else if (cmd.kind === "addConstraint") await table.addConstraint(cmd.name, cmd.expr);
  else {
    try {
      await table.dropConstraint(cmd.name);
    } catch (e) {
      const missing =
        e instanceof DeltaError && e.code === ErrorCode.DELTA_CONSTRAINT_DOES_NOT_EXIST;
      if (!(missing && cmd.ifExists)) throw e;
    }
  }
  return emptyResult(spark);
}

/** Runs one table statement; the result frame is Spark's. */
export async function runTableCommand(spark: SparkSession, cmd: TableCommand): Promise<DataFrame> {
  switch (cmd.kind) {
    case "createTable":
      return create(spark, cmd);
    case "dropTable":
      return drop(spark, cmd.target);
    case "showTables":
      return showTables(spark);
    case "createView":
      return createView(spark, cmd);
    case "dropView":
      return dropView(spark, cmd.parts, cmd.ifExists);
    case "insert":
      return insert(spark, cmd);
    case "alter":
    case "addConstraint":
    case "dropConstraint":
      return alter(spark, cmd);
  }
}
