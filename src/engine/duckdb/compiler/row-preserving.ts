/**
 * Whether a plan outputs exactly one row per row of its (single) source: projections,
 * renames, sorts and null-filling do; filters, aggregates, joins, limits and generators do
 * not. Used to learn a read's row count from the action's result instead of counting the
 * scan (which needs profiling).
 */
import { assertNever, type ExprNode, type RelationNode } from "../../../plan/node.js";
import { hasFunction, lookupFunction } from "../functions/registry.js";

function changesRowCount(e: ExprNode): boolean {
  switch (e.kind) {
    case "call": {
      const kind = hasFunction(e.name) ? lookupFunction(e.name).kind : undefined;
      if (kind === "aggregate" || kind === "generator") return true;
      return e.args.some(changesRowCount);
    }
    case "window":
      // A windowed aggregate keeps every row.
      return e.partitionBy.some(changesRowCount) || e.orderBy.some(changesRowCount);
    case "alias":
    case "cast":
    case "sortOrder":
    case "extract":
      return changesRowCount(e.expr);
    case "lambda":
      return changesRowCount(e.body);
    case "literal":
    case "column":
    case "star":
    case "lambdaVar":
      return false;
    default:
      return assertNever(e, "expression");
  }
}

export function preservesRows(node: RelationNode): boolean {
  switch (node.kind) {
    case "read":
      return true;
    case "project":
      return !node.exprs.some(changesRowCount) && preservesRows(node.input);
    case "withColumns":
      return !node.columns.some(changesRowCount) && preservesRows(node.input);
    case "withColumnsRenamed":
    case "drop":
    case "toDF":
    case "subqueryAlias":
    case "sort":
    case "naFill":
      return preservesRows(node.input);
    default:
      return false;
  }
}
