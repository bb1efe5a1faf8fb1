/**
 * Creating and replacing Delta tables, shared by `CREATE [OR REPLACE] TABLE` / `REPLACE
 * TABLE` in spark.sql and the `DeltaTable.create(spark)` builder. One Delta write defines
 * the table (declared columns with NOT NULL, comments and generation expressions, partition
 * columns, properties, description) and, for CTAS, adds the query's rows: one commit, named
 * as delta-spark names it (`CREATE TABLE`, `CREATE TABLE AS SELECT`, `REPLACE TABLE`...).
 */
import { GENERATION_EXPRESSION_KEY } from "../delta/operations/generated-columns.js";
import { writeDelta } from "../delta/operations/write.js";
import { isDeltaTableEngine } from "../delta/table-engine.js";
import { AnalysisError, UnsupportedOperationError } from "../errors.js";
import type { RelationNode } from "../plan/node.js";
import { LocalRelationNode } from "../plan/relation/local-relation.js";
import type { SparkSession } from "../session/session.js";
import type { CreateMode } from "../sql/ddl.js";
import { StructField, StructType } from "../types/data-types.js";
import { DeltaTable } from "./delta-table.js";

export interface CreateTableSpec {
  readonly mode: CreateMode;
  /** The table's name for messages (`default`.`t`), or its path for a path table. */
  readonly displayName: string;
  readonly location: string;
  /** Declared columns; undefined for CTAS (the query's columns). */
  readonly columns: StructType | undefined;
  readonly partitionBy: readonly string[];
  readonly properties: Readonly<Record<string, string>>;
  readonly comment: string | undefined;
  readonly query: RelationNode | undefined;
  /** Whether the table is managed (delta-spark's `isManaged` history parameter). */
  readonly managed: boolean;
}

const OPERATIONS: Readonly<Record<Exclude<CreateMode, "createIfNotExists">, string>> = {
  create: "CREATE TABLE",
  replace: "REPLACE TABLE",
  createOrReplace: "CREATE OR REPLACE TABLE",
};

/** Spark's error for a CREATE TABLE whose name or location is taken. */
export function alreadyExists(name: string): AnalysisError {
  return new AnalysisError(
    "TABLE_OR_VIEW_ALREADY_EXISTS",
    `[TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create table or view ${name} because it already exists.`,
    {
      hint: "Choose a different name, drop or replace the existing object, or add the IF NOT EXISTS clause to tolerate pre-existing objects.",
    },
  );
}

/** No rows, with the declared columns the data gives (generated ones are computed). */
function emptyData(columns: StructType): RelationNode {
  const given = columns.fields.filter((f) => f.metadata[GENERATION_EXPRESSION_KEY] === undefined);
  return LocalRelationNode.create(
    new StructType(given.map((f) => new StructField(f.name, f.dataType, true))),
    [],
  );
}

/**
 * Creates (or replaces) the table; resolves to false when `createIfNotExists` found one.
 * Fails as Spark does: TABLE_OR_VIEW_ALREADY_EXISTS, or TABLE_OR_VIEW_NOT_FOUND to replace.
 */
export async function createTable(spark: SparkSession, spec: CreateTableSpec): Promise<boolean> {
  const engine = spark.engine;
  if (!isDeltaTableEngine(engine))
    throw new UnsupportedOperationError(
      engine.name,
      "createTable",
      `Creating Delta tables through tributary's kernel needs the embedded engine; this session runs on ${engine.name}.`,
      { hint: "On Spark, run CREATE TABLE with spark.sql, which delta-spark executes." },
    );
  const exists = await DeltaTable.isDeltaTable(spark, spec.location);
  if (exists && spec.mode === "create") throw alreadyExists(spec.displayName);
  if (exists && spec.mode === "createIfNotExists") return false;
  if (!exists && spec.mode === "replace")
    throw new AnalysisError(
      "TABLE_OR_VIEW_NOT_FOUND",
      `[TABLE_OR_VIEW_NOT_FOUND] The table or view ${spec.displayName} cannot be found.`,
      { hint: "REPLACE TABLE needs an existing table: use CREATE OR REPLACE TABLE to create it." },
    );
  const columns = spec.columns;
  if (columns === undefined && spec.query === undefined)
    throw new AnalysisError(
      "INVALID_SCHEMA",
      `The table ${spec.displayName} has no columns: declare them, or create it AS SELECT.`,
      { hint: "CREATE TABLE t (id BIGINT, name STRING) USING delta" },
    );
  const plan = spec.query ?? emptyData(columns ?? new StructType([]));
  const base = OPERATIONS[spec.mode === "createIfNotExists" ? "create" : spec.mode];
  const operation = spec.query === undefined ? base : `${base} AS SELECT`;
  await writeDelta(engine, {
    plan,
    path: spec.location,
    mode: exists ? "overwrite" : "error",
    partitionBy: spec.partitionBy,
    options: {},
    sessionConf: spark.conf.getAll(),
    table: {
      schema: columns,
      description: spec.comment,
      properties: spec.properties,
      metrics: spec.query === undefined ? "none" : "write",
    },
    operation: {
      name: operation,
      parameters: {
        partitionBy: JSON.stringify(spec.partitionBy),
        clusterBy: "[]",
        description: spec.comment ?? "",
        isManaged: String(spec.managed),
        properties: JSON.stringify(spec.properties),
      },
    },
  });
  return true;
}
