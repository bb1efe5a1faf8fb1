/**
 * Runs the Delta commands `spark.sqlCommand` parses (src/sql/command.ts, merge.ts) through
 * the same DeltaTable operations as the API, and answers with delta-spark's result frames.
 */
import { DataFrame } from "../dataframe/dataframe.js";
import { assertNever } from "../plan/node.js";
import type { SqlCommand } from "../sql/command.js";
import type { MergeCommand } from "../sql/merge.js";
import { DeltaTable } from "../table/delta-table.js";
import type { SparkSession } from "./session.js";
import { runTableCommand } from "./sql-tables.js";

/** delta-spark answers DELETE and UPDATE with the number of rows they changed. */
function affected(spark: SparkSession, rows: number): DataFrame {
  return spark.createDataFrame([{ num_affected_rows: BigInt(rows) }], "num_affected_rows BIGINT");
}

function merge(spark: SparkSession, table: DeltaTable, command: MergeCommand): Promise<DataFrame> {
  const target = command.targetAlias === undefined ? table : table.alias(command.targetAlias);
  let builder = target.merge(new DataFrame(spark, command.source), command.on);
  for (const { when, condition, action } of command.clauses) {
    if (action.kind === "delete") {
      builder =
        when === "matched"
          ? builder.whenMatchedDelete(condition)
          : builder.whenNotMatchedBySourceDelete(condition);
    } else if (action.kind === "insert") {
      builder =
        action.values === "*"
          ? builder.whenNotMatchedInsertAll(condition)
          : builder.whenNotMatchedInsert(condition, action.values);
    } else if (when === "matched") {
      builder =
        action.set === "*"
          ? builder.whenMatchedUpdateAll(condition)
          : builder.whenMatchedUpdate(condition, action.set);
    } else if (action.set !== "*") {
      builder = builder.whenNotMatchedBySourceUpdate(condition, action.set);
    }
  }
  return builder.execute();
}

/** Runs a parsed statement: table statements in sql-tables.ts, Delta commands here. */
export async function runSqlCommand(spark: SparkSession, command: SqlCommand): Promise<DataFrame> {
  if (
    !("path" in command) ||
    command.kind === "alter" ||
    command.kind === "addConstraint" ||
    command.kind === "dropConstraint"
  )
    return runTableCommand(spark, command);
  const table = await DeltaTable.forPath(spark, command.path);
  switch (command.kind) {
    case "merge":
      return merge(spark, table, command);
    case "describeHistory":
      return table.history(command.limit);
    case "describeDetail":
      return table.detail();
    case "delete":
      return affected(spark, (await table.delete(command.condition)).numDeletedRows);
    case "update": {
      const metrics = await table.update({
        set: command.set,
        ...(command.condition === undefined ? {} : { condition: command.condition }),
      });
      return affected(spark, metrics.numUpdatedRows);
    }
    case "optimize": {
      const builder = table.optimize();
      return (
        command.where === undefined ? builder : builder.where(command.where)
      ).executeCompaction();
    }
    case "vacuum": {
      const result = await table.vacuum(command.retainHours, { dryRun: command.dryRun });
      // delta-spark answers a dry run with the files it would delete, else with the table path.
      const paths = command.dryRun ? result.files : [result.path];
      return spark.createDataFrame(
        paths.map((path) => ({ path })),
        "path STRING",
      );
    }
    case "restore":
      return "version" in command
        ? table.restoreToVersion(command.version)
        : table.restoreToTimestamp(command.timestamp);
    default:
      return assertNever(command, "SQL command");
  }
}
