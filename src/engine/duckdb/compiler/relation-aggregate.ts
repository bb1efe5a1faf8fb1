/** groupBy / rollup / cube / grouping sets with aggregates: keys first, then aggregates, as Spark orders them. */
import type { AggregateNode } from "../../../plan/relation/aggregate.js";
import { compileExpr, type ExprContext } from "./expression.js";
import { itemsFor, selectFrom } from "./relation-project.js";
import { type CompiledRelation, inputAlias } from "./relation-types.js";
import { type Scope, scopeOf } from "./scope.js";

function groupClause(node: AggregateNode, scope: Scope, ctx: ExprContext): string {
  const sql = (e: AggregateNode["grouping"][number]) => compileExpr(e, scope, ctx).sql;
  if (node.groupType === "grouping_sets") {
    const sets = node.groupingSets.map((s) => `(${s.map(sql).join(", ")})`);
    return ` GROUP BY GROUPING SETS (${sets.join(", ")})`;
  }
  const keys = node.grouping.map(sql);
  if (keys.length === 0) return "";
  return node.groupType === "groupby"
    ? ` GROUP BY ${keys.join(", ")}`
    : ` GROUP BY ${node.groupType.toUpperCase()} (${keys.join(", ")})`;
}

export function compileAggregate(
  node: AggregateNode,
  input: CompiledRelation,
  ctx: ExprContext,
): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const keyItems = node.grouping.flatMap((e) => itemsFor(e, scope, node.planId, ctx));
  const aggItems = node.aggregates.flatMap((e) => itemsFor(e, scope, node.planId, ctx));
  return selectFrom([...keyItems, ...aggItems], input, node.planId, groupClause(node, scope, ctx));
}
