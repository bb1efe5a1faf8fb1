/**
 * Whether a plan's rows are in one partition as Spark would run it: `coalesce(1)` or
 * `repartition(1)`, followed only by narrow transformations (which keep partitions as they
 * are). Spark then writes one file (per partition directory); so does the embedded engine,
 * whose parquet writer otherwise writes a file per thread.
 */
import type { RelationNode } from "../../../plan/node.js";

export function isSinglePartition(plan: RelationNode): boolean {
  switch (plan.kind) {
    case "repartition":
      return plan.numPartitions === 1;
    case "project":
    case "withColumns":
    case "withColumnsRenamed":
    case "drop":
    case "filter":
    case "toDF":
    case "subqueryAlias":
    case "naFill":
    case "naDrop":
    case "naReplace":
    case "sample":
    case "hint":
      return isSinglePartition(plan.input);
    case "sort":
      return !plan.global && isSinglePartition(plan.input);
    default:
      return false;
  }
}
