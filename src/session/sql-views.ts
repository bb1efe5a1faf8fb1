/**
 * Temporary views made by spark.sql: `CREATE [OR REPLACE] [GLOBAL] TEMP VIEW v [(cols)] AS
 * query` and `DROP VIEW [IF EXISTS] v`, the same views `df.createOrReplaceTempView(name)`
 * and `spark.catalog.dropTempView(name)` make and drop. Each answers an empty frame, as Spark.
 */
import { DataFrame } from "../dataframe/dataframe.js";
import { AnalysisError, ErrorCode } from "../errors.js";
import type { CreateViewCommand } from "../sql/ddl.js";
import { quoteIdentifier } from "../types/sql-string.js";
import { GLOBAL_TEMP_DATABASE } from "./catalog.js";
import type { SparkSession } from "./session.js";
import { emptyPlan } from "./sql-statements.js";

const listed = (names: readonly string[]) => names.map(quoteIdentifier).join(", ");

/**
 * Registers the view. Its query is analysed now, as Spark does: a query that cannot run fails
 * the CREATE, not the first statement that reads the view.
 */
export async function createView(spark: SparkSession, cmd: CreateViewCommand): Promise<DataFrame> {
  let df = new DataFrame(spark, cmd.query);
  const fields = (await df.schema).fieldNames();
  if (cmd.columns !== undefined) {
    if (cmd.columns.length !== fields.length) {
      const few = cmd.columns.length > fields.length;
      throw new AnalysisError(
        ErrorCode.CREATE_VIEW_COLUMN_ARITY_MISMATCH,
        `[CREATE_VIEW_COLUMN_ARITY_MISMATCH.${few ? "NOT_ENOUGH_DATA_COLUMNS" : "TOO_MANY_DATA_COLUMNS"}] Cannot create view ${quoteIdentifier(cmd.name)}, the reason is ${few ? "not enough" : "too many"} data columns:\nView columns: ${listed(cmd.columns)}.\nData columns: ${listed(fields)}.`,
        { hint: "Name as many view columns as the query returns." },
      );
    }
    df = df.toDF(...cmd.columns);
  }
  if (cmd.global) spark.catalog.registerGlobalTempView(cmd.name, df.plan, cmd.replace);
  else spark.catalog.registerTempView(cmd.name, df.plan, cmd.replace);
  return empty(spark);
}

/** Drops a temporary view (`v`) or a global one (`global_temp.v`). */
export function dropView(
  spark: SparkSession,
  parts: readonly string[],
  ifExists: boolean,
): DataFrame {
  const [first, second] = parts;
  const global = parts.length === 2 && first?.toLowerCase() === GLOBAL_TEMP_DATABASE;
  let dropped = false;
  if (parts.length === 1 && first !== undefined) dropped = spark.catalog.dropTempView(first);
  else if (global && second !== undefined) dropped = spark.catalog.dropGlobalTempView(second);
  if (dropped || ifExists) return empty(spark);
  const name = parts.map(quoteIdentifier).join(".");
  if (parts.length === 1 && spark.catalog.tableExists(first ?? ""))
    throw new AnalysisError(
      ErrorCode.WRONG_COMMAND_FOR_OBJECT_TYPE,
      `[WRONG_COMMAND_FOR_OBJECT_TYPE] The operation DROP VIEW requires a VIEW. But ${name} is a table. Use DROP TABLE instead.`,
      { hint: `DROP TABLE ${name} drops the table.` },
    );
  throw new AnalysisError(
    ErrorCode.TABLE_OR_VIEW_NOT_FOUND,
    `[TABLE_OR_VIEW_NOT_FOUND] The table or view ${name} cannot be found.`,
    {
      hint: "spark.catalog.listTables() lists the views; DROP VIEW IF EXISTS ignores a missing one.",
    },
  );
}

function empty(spark: SparkSession): DataFrame {
  return new DataFrame(spark, emptyPlan());
}
