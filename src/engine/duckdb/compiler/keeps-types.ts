/**
 * Relations whose output columns are some of their inputs' columns, unchanged: DuckDB
 * would describe each with the type it already has, so analysis can take the types from
 * the inputs instead of binding the node's SQL (a DESCRIBE binds every level below it).
 */
import type { RelationNode } from "../../../plan/node.js";

export function keepsInputTypes(node: RelationNode): boolean {
  switch (node.kind) {
    case "filter":
    case "sort":
    case "limit":
    case "offset":
    case "deduplicate":
    case "sample":
    case "subqueryAlias":
    case "drop":
    case "toDF":
    case "withColumnsRenamed":
    case "repartition":
    case "hint":
      return true;
    case "join":
      // A full join's USING key is coalesce(left, right): DuckDB picks the common type.
      return !(node.joinType === "full" && node.usingColumns.length > 0);
    default:
      return false;
  }
}
