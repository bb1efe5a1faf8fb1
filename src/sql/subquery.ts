/**
 * `x [NOT] IN (SELECT ...)` and `[NOT] EXISTS (SELECT ...)` in WHERE, planned as Spark's
 * optimizer rewrites them: a left semi join (IN, EXISTS) or a left anti join (NOT IN,
 * NOT EXISTS). A correlated EXISTS joins on the subquery's WHERE condition; NOT IN keeps
 * SQL's null rule (a null on either side makes `x NOT IN (...)` not true). Subqueries
 * anywhere else are refused by name.
 */
import { AnalysisError } from "../errors.js";
import { CallNode } from "../plan/expression/call.js";
import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { LiteralNode } from "../plan/expression/literal.js";
import type { ExprNode, RelationNode } from "../plan/node.js";
import { FilterNode } from "../plan/relation/filter.js";
import { JoinNode } from "../plan/relation/join.js";
import { ToDFNode } from "../plan/relation/to-df.js";
import type { QueryContext } from "./context.js";
import { parseQuery } from "./query.js";
import { hasAggregate, walkExpr } from "./rewrite.js";
import type { SelectSpec } from "./select-spec.js";

interface Subquery {
  readonly kind: "in" | "exists";
  readonly value: ExprNode | undefined;
  readonly plan: RelationNode;
  /** The SELECT block, when the subquery is one (a correlated EXISTS joins on its WHERE). */
  readonly spec: SelectSpec | undefined;
}

const MARK = "__tributary_subquery";
const subqueries = new WeakMap<ExprNode, Subquery>();

/**
 * The `ctx.subquery` hook of the expression parser: parses the query and returns a marker
 * expression that planSelect turns into a join.
 */
export function parseSubquery(
  ctx: QueryContext,
  kind: "in" | "exists",
  value: ExprNode | undefined,
): ExprNode {
  const q = parseQuery(ctx);
  const marker = CallNode.create(MARK, []);
  subqueries.set(marker, { kind, value, plan: q.plan, spec: q.spec });
  return marker;
}

function conjuncts(e: ExprNode): ExprNode[] {
  return e.kind === "call" && e.name === "and" && e.args.length === 2
    ? e.args.flatMap(conjuncts)
    : [e];
}

function and(list: readonly ExprNode[]): ExprNode | undefined {
  return list.reduce<ExprNode | undefined>(
    (acc, e) => (acc === undefined ? e : CallNode.create("and", [acc, e])),
    undefined,
  );
}

function joinFor(input: RelationNode, sub: Subquery, negated: boolean): RelationNode {
  if (sub.kind === "in") {
    const value = sub.value;
    if (value === undefined || (value.kind === "call" && value.name === "struct")) {
      throw new AnalysisError(
        "UNSUPPORTED_SQL_SYNTAX",
        "A multi-column IN (SELECT ...) is not supported by spark.sql yet.",
        { hint: "Join on the columns instead." },
      );
    }
    const name = `${MARK}_${sub.plan.planId}`;
    const right = ToDFNode.create(sub.plan, [name]);
    const eq = CallNode.create("==", [value, ColumnRefNode.create(name)]);
    // NOT IN drops a row when any comparison is true or unknown (null), as SQL says.
    return negated
      ? JoinNode.create(
          input,
          right,
          "left_anti",
          CallNode.create("coalesce", [eq, LiteralNode.create(true)]),
        )
      : JoinNode.create(input, right, "left_semi", eq);
  }
  const spec = sub.spec;
  const correlated =
    spec !== undefined &&
    spec.groupBy === undefined &&
    spec.having === undefined &&
    !spec.items.some(hasAggregate);
  const right = correlated ? spec.from : sub.plan;
  const on = (correlated ? spec.where : undefined) ?? LiteralNode.create(true);
  return JoinNode.create(input, right, negated ? "left_anti" : "left_semi", on);
}

function subqueryOf(e: ExprNode): { sub: Subquery; negated: boolean } | undefined {
  const sub = subqueries.get(e);
  if (sub !== undefined) return { sub, negated: false };
  if (e.kind === "call" && e.name === "not" && e.args[0] !== undefined) {
    const inner = subqueries.get(e.args[0]);
    if (inner !== undefined) return { sub: inner, negated: true };
  }
  return undefined;
}

/** Fails when a subquery marker is left in `e` (a subquery where none can be planned). */
export function refuseSubqueries(e: ExprNode | undefined, where: string): void {
  if (e === undefined) return;
  walkExpr(e, (n) => {
    if (n.kind === "call" && n.name === MARK) {
      throw new AnalysisError(
        "UNSUPPORTED_SQL_SYNTAX",
        `A subquery in ${where} is not supported by spark.sql yet.`,
        {
          hint: "Use [NOT] IN (SELECT ...) or [NOT] EXISTS (SELECT ...) as conditions joined by AND in WHERE, or join with the subquery in FROM.",
        },
      );
    }
    return true;
  });
}

/**
 * FROM filtered by WHERE: plain conditions as a filter, IN / EXISTS subqueries as joins.
 *
 * @example
 * ```ts
 * // WHERE a > 1 AND b IN (SELECT x FROM u) -> Join(Filter(from, a > 1), u, left_semi, b = x)
 * ```
 */
export function planWhere(from: RelationNode, where: ExprNode | undefined): RelationNode {
  if (where === undefined) return from;
  const plain: ExprNode[] = [];
  const joins: { sub: Subquery; negated: boolean }[] = [];
  for (const c of conjuncts(where)) {
    const found = subqueryOf(c);
    if (found === undefined) plain.push(c);
    else joins.push(found);
  }
  const condition = and(plain);
  refuseSubqueries(condition, "this position of WHERE");
  const filtered = condition === undefined ? from : FilterNode.create(from, condition);
  return joins.reduce((acc, j) => joinFor(acc, j.sub, j.negated), filtered);
}
