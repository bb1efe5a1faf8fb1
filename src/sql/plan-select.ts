/**
 * Plans a SELECT block into the plan nodes the DataFrame API builds, as Spark's analyzer
 * reads it: FROM -> WHERE -> GROUP BY/aggregates -> HAVING -> ORDER BY -> select list ->
 * DISTINCT. Sort keys and HAVING conditions the select list does not output are computed
 * as hidden `__tributary_` columns and dropped after use (Spark's missing-input rule).
 */
import { AnalysisError } from "../errors.js";
import { AliasNode } from "../plan/expression/alias.js";
import { CallNode } from "../plan/expression/call.js";
import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { outputName } from "../plan/expression/name.js";
import { SortOrderNode } from "../plan/expression/sort-order.js";
import type { ExprNode, RelationNode } from "../plan/node.js";
import { AggregateNode } from "../plan/relation/aggregate.js";
import { DeduplicateNode } from "../plan/relation/deduplicate.js";
import { DropNode } from "../plan/relation/drop.js";
import { FilterNode } from "../plan/relation/filter.js";
import { ProjectNode } from "../plan/relation/project.js";
import { SortNode } from "../plan/relation/sort.js";
import { quoteIfNeeded } from "../types/sql-string.js";
import { groupingName, resolveGrouping } from "./grouping.js";
import { hasAggregate, mapExpr, unalias, walkExpr } from "./rewrite.js";
import type { OrderKey, SelectSpec } from "./select-spec.js";
import {
  joinScalars,
  planWhere,
  refuseSubqueries,
  replaceScalars,
  replaceScalarsInItem,
  scalarSubqueries,
} from "./subquery.js";

const HIDDEN = "__tributary_";

function ref(name: string): ColumnRefNode {
  return ColumnRefNode.create(quoteIfNeeded(name));
}

/** Alias name -> select item index, for aliases no item reads as an input column. */
function aliasIndex(items: readonly ExprNode[]): Map<string, number> {
  const inputNames = new Set<string>();
  for (const item of items)
    walkExpr(unalias(item), (n) => {
      if (n.kind === "column") inputNames.add(n.name.toLowerCase());
      // grouping(d) names a grouping key, which may be an alias: not an input column.
      return !(n.kind === "call" && (n.name === "grouping" || n.name === "grouping_id"));
    });
  const out = new Map<string, number>();
  items.forEach((item, i) => {
    const key = item.kind === "alias" ? item.name.toLowerCase() : undefined;
    if (key !== undefined && !inputNames.has(key) && !out.has(key)) out.set(key, i);
  });
  return out;
}

/** Replaces references to select-list aliases by the aliased expressions. */
function inlineAliases(e: ExprNode, items: readonly ExprNode[]): ExprNode {
  const aliases = aliasIndex(items);
  return mapExpr(e, (n) => {
    if (n.kind !== "column") return undefined;
    const i = aliases.get(n.name.toLowerCase());
    const item = i === undefined ? undefined : items[i];
    return item === undefined ? undefined : unalias(item);
  });
}

/** The select item a sort key names: by ordinal, by alias, or as the same column. */
function itemFor(key: OrderKey, items: readonly ExprNode[], what: string): number | undefined {
  if (key.ordinal !== undefined) {
    if (key.ordinal < 1 || key.ordinal > items.length) {
      throw new AnalysisError(
        what === "ORDER BY" ? "ORDER_BY_POS_OUT_OF_RANGE" : "GROUP_BY_POS_OUT_OF_RANGE",
        `${what} position ${key.ordinal} is not in select list (valid range is [1, ${items.length}]).`,
      );
    }
    return key.ordinal - 1;
  }
  const e = key.order.expr;
  if (e.kind !== "column") return undefined;
  const name = e.name.toLowerCase();
  const byAlias = items.findIndex((it) => it.kind === "alias" && it.name.toLowerCase() === name);
  if (byAlias >= 0) return byAlias;
  const same = items.findIndex((it) => it.kind === "column" && it.name.toLowerCase() === name);
  return same >= 0 ? same : undefined;
}

/** Spark evaluates windows in the select list only: ORDER BY may name one, not compute one. */
function checkNoWindow(e: ExprNode): void {
  let found = false;
  walkExpr(e, (n) => {
    if (n.kind === "window") found = true;
    return !found;
  });
  if (found) {
    throw new AnalysisError(
      "UNSUPPORTED_EXPR_FOR_OPERATOR",
      "A query operator contains one or more unsupported expressions: a window function in ORDER BY.",
      {
        hint: "Compute the window function in the select list with an alias, then ORDER BY the alias.",
      },
    );
  }
}

function checkStar(items: readonly ExprNode[], what: string): void {
  if (items.some((i) => i.kind === "star")) {
    throw new AnalysisError(
      "UNSUPPORTED_SQL_SYNTAX",
      `SELECT * is not supported together with ${what} in spark.sql yet.`,
      { hint: "List the columns to select." },
    );
  }
}

/** A GROUP BY key with an ordinal or a select-list alias replaced by the expression. */
function groupKey(k: ExprNode, spec: SelectSpec): ExprNode {
  if (k.kind === "literal" && typeof k.value === "number" && Number.isInteger(k.value)) {
    const i = itemFor({ order: SortOrderNode.create(k), ordinal: k.value }, spec.items, "GROUP BY");
    const item = i === undefined ? undefined : spec.items[i];
    if (item !== undefined) return unalias(item);
  }
  return inlineAliases(k, spec.items);
}

/** GROUP BY keys with ordinals and select-list aliases replaced by the expressions. */
function groupKeys(spec: SelectSpec): ExprNode[] {
  const group = spec.groupBy;
  if (group === undefined) return [];
  if (group.all) return spec.items.filter((i) => !hasAggregate(i)).map(unalias);
  return group.keys.map((k) => groupKey(k, spec));
}

/** The grouping keys as grouping() matches them (see grouping.ts). */
function groupingNames(spec: SelectSpec, keys: readonly ExprNode[]): string[] {
  const written = spec.groupBy?.all === false ? spec.groupBy.keys : [];
  const aliases = aliasIndex(spec.items);
  return keys.map((k, i) => {
    const w = written[i];
    // Spark groups by the aliased expression, which neither grouping(col) nor grouping(alias) names.
    if (w?.kind === "column" && aliases.has(w.name.toLowerCase())) return "";
    return groupingName(k);
  });
}

function planAggregate(spec: SelectSpec, input: RelationNode, order: readonly OrderKey[]) {
  checkStar(spec.items, "GROUP BY or aggregates");
  const keys = groupKeys(spec);
  const itemNames = spec.items.map((_, i) => `${HIDDEN}s${i}`);
  const aggregates: ExprNode[] = spec.items.map((it, i) =>
    AliasNode.create(unalias(it), itemNames[i] ?? ""),
  );
  const havingName = `${HIDDEN}having`;
  if (spec.having !== undefined)
    aggregates.push(AliasNode.create(inlineAliases(spec.having, spec.items), havingName));
  const sortKeys = spec.distinct
    ? []
    : order.map((key, k) => {
        const i = itemFor(key, spec.items, "ORDER BY");
        if (i !== undefined) return withExpr(key.order, ref(itemNames[i] ?? ""));
        const hidden = `${HIDDEN}o${k}`;
        checkNoWindow(key.order.expr);
        aggregates.push(AliasNode.create(inlineAliases(key.order.expr, spec.items), hidden));
        return withExpr(key.order, ref(hidden));
      });
  const type = spec.groupBy?.type ?? "groupby";
  let plan: RelationNode = AggregateNode.create(
    input,
    type,
    keys,
    aggregates.map((a) => resolveGrouping(a, type, keys, groupingNames(spec, keys))),
    (spec.groupBy?.sets ?? []).map((set) => set.map((k) => groupKey(k, spec))),
  );
  if (spec.having !== undefined) plan = FilterNode.create(plan, ref(havingName));
  if (sortKeys.length > 0) plan = SortNode.create(plan, sortKeys);
  plan = ProjectNode.create(
    plan,
    spec.items.map((it, i) =>
      AliasNode.create(ref(itemNames[i] ?? ""), it.kind === "alias" ? it.name : outputName(it)),
    ),
  );
  return spec.distinct ? sortAfterDistinct(DeduplicateNode.create(plan), spec, order) : plan;
}

function withExpr(o: SortOrderNode, e: ExprNode): SortOrderNode {
  return SortOrderNode.create(e, o.direction, o.nulls);
}

/** After DISTINCT only the select list is left: keys name its columns. */
function sortAfterDistinct(
  plan: RelationNode,
  spec: SelectSpec,
  order: readonly OrderKey[],
): RelationNode {
  if (order.length === 0) return plan;
  const keys = order.map((key) => {
    const i = itemFor(key, spec.items, "ORDER BY");
    const item = i === undefined ? undefined : spec.items[i];
    if (item === undefined) return key.order;
    return withExpr(key.order, ref(item.kind === "alias" ? item.name : outputName(item)));
  });
  return SortNode.create(plan, keys);
}

function planProject(spec: SelectSpec, input: RelationNode, order: readonly OrderKey[]) {
  if (spec.distinct || order.length === 0) {
    const projected = ProjectNode.create(input, spec.items);
    return spec.distinct
      ? sortAfterDistinct(DeduplicateNode.create(projected), spec, order)
      : projected;
  }
  const hidden: ExprNode[] = [];
  const keys = order.map((key, k) => {
    const i = itemFor(key, spec.items, "ORDER BY");
    const item = i === undefined ? undefined : spec.items[i];
    if (item?.kind === "alias") return withExpr(key.order, ref(item.name));
    if (item?.kind === "column") return withExpr(key.order, item);
    const name = `${HIDDEN}o${k}`;
    if (item === undefined) checkNoWindow(key.order.expr);
    const expr = item ?? inlineAliases(key.order.expr, spec.items);
    hidden.push(AliasNode.create(expr, name));
    return withExpr(key.order, ref(name));
  });
  const sorted = SortNode.create(ProjectNode.create(input, [...spec.items, ...hidden]), keys);
  if (hidden.length === 0) return sorted;
  return DropNode.create(
    sorted,
    hidden.map((h) => (h.kind === "alias" ? h.name : "")),
  );
}

/**
 * The plan of one SELECT block, sorted by `order` when the query's ORDER BY applies to it.
 *
 * @example
 * ```ts
 * // SELECT a, count(*) AS n FROM t GROUP BY a HAVING n > 1 ORDER BY a
 * // -> Project(Sort(Filter(Aggregate(t, [a], [a, count(*), count(*) > 1]))))
 * ```
 */
export function planSelect(spec: SelectSpec, order: readonly OrderKey[]): RelationNode {
  const scalars = scalarSubqueries([
    spec.where,
    ...spec.items,
    spec.having,
    ...order.map((k) => k.order),
  ]);
  if (scalars.length > 0) return planWithScalars(spec, order, scalars);
  for (const item of spec.items) refuseSubqueries(item, "the select list");
  refuseSubqueries(spec.having, "HAVING");
  for (const key of order) refuseSubqueries(key.order, "ORDER BY");
  const input = planWhere(spec.from, spec.where);
  const aggregates =
    spec.groupBy !== undefined || spec.having !== undefined || spec.items.some(hasAggregate);
  return aggregates ? planAggregate(spec, input, order) : planProject(spec, input, order);
}

/**
 * A block that uses scalar subqueries: FROM gains their hidden columns (left joins on
 * true); an aggregate also groups by them (one value for every row, so the groups do not
 * change) so the select list may use them; a star drops them again.
 */
function planWithScalars(
  spec: SelectSpec,
  order: readonly OrderKey[],
  scalars: ReturnType<typeof scalarSubqueries>,
): RelationNode {
  const outside = scalarSubqueries([...spec.items, spec.having, ...order.map((k) => k.order)]);
  const aggregates =
    spec.groupBy !== undefined || spec.having !== undefined || spec.items.some(hasAggregate);
  if (
    aggregates &&
    outside.length > 0 &&
    (spec.groupBy === undefined || spec.groupBy.type !== "groupby")
  ) {
    throw new AnalysisError(
      "UNSUPPORTED_SQL_SYNTAX",
      "A scalar subquery in the select list, HAVING or ORDER BY of a global, ROLLUP or CUBE aggregate is not supported by spark.sql yet.",
      {
        hint: "Compute the aggregate in a subquery in FROM, then compare it with the scalar subquery outside.",
      },
    );
  }
  const replace = (e: ExprNode): ExprNode => replaceScalars(e);
  // WHERE conditions without a scalar subquery apply first, as Spark evaluates them: the
  // subqueries' joins then see the filtered (and joined) rows.
  const [plainWhere, scalarWhere] = splitWhere(spec.where);
  const groupBy =
    spec.groupBy === undefined || outside.length === 0
      ? spec.groupBy
      : {
          ...spec.groupBy,
          keys: [...spec.groupBy.keys, ...outside.map((s) => ColumnRefNode.create(s.name))],
        };
  const rewritten: SelectSpec = {
    ...spec,
    from: joinScalars(planWhere(spec.from, plainWhere), scalars, (inner) => planSelect(inner, [])),
    items: spec.items.map(replaceScalarsInItem),
    where: scalarWhere === undefined ? undefined : replace(scalarWhere),
    having: spec.having === undefined ? undefined : replace(spec.having),
    groupBy,
  };
  const plan = planSelect(
    rewritten,
    order.map((k) => ({ ...k, order: withExpr(k.order, replace(k.order.expr)) })),
  );
  return spec.items.some((i) => i.kind === "star")
    ? DropNode.create(
        plan,
        scalars.map((s) => s.name),
      )
    : plan;
}

/** WHERE as (conditions without scalar subqueries, conditions with them). */
function splitWhere(where: ExprNode | undefined): [ExprNode | undefined, ExprNode | undefined] {
  const plain: ExprNode[] = [];
  const scalar: ExprNode[] = [];
  for (const c of whereConjuncts(where))
    (scalarSubqueries([c]).length > 0 ? scalar : plain).push(c);
  const and = (list: ExprNode[]) =>
    list.reduce<ExprNode | undefined>(
      (acc, e) => (acc === undefined ? e : CallNode.create("and", [acc, e])),
      undefined,
    );
  return [and(plain), and(scalar)];
}

function whereConjuncts(e: ExprNode | undefined): ExprNode[] {
  if (e === undefined) return [];
  return e.kind === "call" && e.name === "and" && e.args.length === 2
    ? e.args.flatMap(whereConjuncts)
    : [e];
}
