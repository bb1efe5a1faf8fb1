/** groupBy / rollup / cube with aggregates: keys first, then aggregates, as Spark orders them. */
import type { AggregateNode } from "../../../plan/relation/aggregate.js";
import { compileExpr, type ExprContext } from "./expression.js";
import { itemsFor, selectFrom } from "./relation-project.js";
import { type CompiledRelation, inputAlias } from "./relation-types.js";
import { scopeOf } from "./scope.js";

export function compileAggregate(
  node: AggregateNode,
  input: CompiledRelation,
  ctx: ExprContext,
): CompiledRelation {
  const scope = scopeOf(input.columns, inputAlias(node.planId));
  const keyItems = node.grouping.flatMap((e) => itemsFor(e, scope, node.planId, ctx));
  const aggItems = node.aggregates.flatMap((e) => itemsFor(e, scope, node.planId, ctx));
  const keys = node.grouping.map((e) => compileExpr(e, scope, ctx).sql);
  const group =
    keys.length === 0
      ? ""
      : node.groupType === "groupby"
        ? ` GROUP BY ${keys.join(", ")}`
        : ` GROUP BY ${node.groupType.toUpperCase()} (${keys.join(", ")})`;
  return selectFrom([...keyItems, ...aggItems], input, node.planId, group);
}
