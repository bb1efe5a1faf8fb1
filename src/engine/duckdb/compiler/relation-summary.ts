/** `describe` / `summary`: lowered to an aggregate and an `inline` once the input's types are known. */
import { AnalysisError } from "../../../errors.js";
import { lowerSummary } from "../../../plan/lower/summary.js";
import type { StatSummaryNode } from "../../../plan/relation/stat-summary.js";
import type { ExprContext } from "./expression.js";
import { compileAggregate } from "./relation-aggregate.js";
import { compileProject } from "./relation-project.js";
import type { CompiledRelation } from "./relation-types.js";
import { requireColumn } from "./scope.js";

export function compileStatSummary(
  node: StatSummaryNode,
  input: CompiledRelation,
  ctx: ExprContext,
): CompiledRelation {
  const columns =
    node.columns === undefined
      ? input.columns
      : node.columns.map((name) => requireColumn(name, input.columns));
  const fields = columns.map((c) => {
    if (c.dataType === undefined) {
      throw new AnalysisError(
        "UNKNOWN_COLUMN_TYPE",
        `The type of column \`${c.name}\` is not known yet.`,
      );
    }
    return { name: c.name, dataType: c.dataType };
  });
  const lowered = lowerSummary(node, fields);
  return compileProject(lowered.rows, compileAggregate(lowered.aggregate, input, ctx), ctx);
}
