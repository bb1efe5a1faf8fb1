/**
 * Subqueries in expressions, planned as Spark's optimizer rewrites them. In WHERE,
 * `x [NOT] IN (SELECT ...)` and `[NOT] EXISTS (SELECT ...)` conditions joined by AND become
 * a left semi join (IN, EXISTS) or a left anti join (NOT IN, NOT EXISTS); a correlated
 * EXISTS joins on the subquery's WHERE condition; NOT IN keeps SQL's null rule (a null on
 * either side makes `x NOT IN (...)` not true). An uncorrelated scalar `(SELECT ...)`
 * anywhere becomes a hidden column of a left join on true (null when the subquery has no
 * row). Other subqueries are refused by name.
 */
import { AnalysisError } from "../errors.js";
import { AliasNode } from "../plan/expression/alias.js";
import { CallNode } from "../plan/expression/call.js";
import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { LiteralNode } from "../plan/expression/literal.js";
import { outputName } from "../plan/expression/name.js";
import type { ExprNode, RelationNode } from "../plan/node.js";
import { FilterNode } from "../plan/relation/filter.js";
import { JoinNode } from "../plan/relation/join.js";
import { ToDFNode } from "../plan/relation/to-df.js";
import type { SubqueryKind } from "../sql-expr/context.js";
import type { QueryContext } from "./context.js";
import { registerScalarJoin } from "./correlated.js";
import { registerJoinGroup } from "./join-order.js";
import { parseQuery } from "./query.js";
import { hasAggregate, mapExpr, walkExpr } from "./rewrite.js";
import type { SelectSpec } from "./select-spec.js";

interface Subquery {
  readonly kind: SubqueryKind;
  readonly value: ExprNode | undefined;
  readonly plan: RelationNode;
  /** The SELECT block, when the subquery is one (a correlated EXISTS joins on its WHERE). */
  readonly spec: SelectSpec | undefined;
}

const MARK = "__tributary_subquery";
const SCALAR = "__tributary_scalar";
/** Markers are keyed by their literal argument, which expression rewrites keep as is. */
const subqueries = new WeakMap<ExprNode, Subquery>();
const scalars = new WeakMap<ExprNode, { sub: Subquery; name: string }>();

/**
 * The `ctx.subquery` hook of the expression parser: parses the query and returns a marker
 * expression that planSelect turns into a join.
 */
export function parseSubquery(
  ctx: QueryContext,
  kind: SubqueryKind,
  value: ExprNode | undefined,
): ExprNode {
  const q = parseQuery(ctx);
  if (kind === "scalar") {
    const name = `${SCALAR}_${q.plan.planId}`;
    const key = LiteralNode.create(name);
    scalars.set(key, { sub: { kind, value, plan: q.plan, spec: q.spec }, name });
    return CallNode.create(SCALAR, [key]);
  }
  const key = LiteralNode.create(`${MARK}_${q.plan.planId}`);
  subqueries.set(key, { kind, value, plan: q.plan, spec: q.spec });
  return CallNode.create(MARK, [key]);
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
    if (value === undefined)
      throw new AnalysisError("UNSUPPORTED_SQL_SYNTAX", "IN (SELECT ...) needs a value.", {
        hint: "Write x IN (SELECT ...).",
      });
    // `(a, b) IN (SELECT x, y ...)` compares the tuple column by column.
    const values =
      value.kind === "call" && value.name === "struct"
        ? value.args.map((a) => (a.kind === "alias" ? a.expr : a))
        : [value];
    const names = values.map(
      (_, i) => `${MARK}_${sub.plan.planId}${values.length > 1 ? `_${i}` : ""}`,
    );
    const right = ToDFNode.create(sub.plan, names);
    const eq =
      and(values.map((v, i) => CallNode.create("==", [v, ColumnRefNode.create(names[i] ?? "")]))) ??
      LiteralNode.create(false);
    // NOT IN drops a row when any comparison is true or unknown (null), as SQL says: for a
    // tuple, when no column compares false.
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

function markerOf(e: ExprNode | undefined): Subquery | undefined {
  if (e?.kind !== "call" || e.name !== MARK || e.args[0] === undefined) return undefined;
  return subqueries.get(e.args[0]);
}

function subqueryOf(e: ExprNode): { sub: Subquery; negated: boolean } | undefined {
  const sub = markerOf(e);
  if (sub !== undefined) return { sub, negated: false };
  const inner = e.kind === "call" && e.name === "not" ? markerOf(e.args[0]) : undefined;
  return inner === undefined ? undefined : { sub: inner, negated: true };
}

/** Fails when a subquery marker is left in `e` (a subquery where none can be planned). */
export function refuseSubqueries(e: ExprNode | undefined, where: string): void {
  if (e === undefined) return;
  walkExpr(e, (n) => {
    if (n.kind === "call" && (n.name === MARK || n.name === SCALAR)) {
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
  const planned = joins.reduce((acc, j) => joinFor(acc, j.sub, j.negated), filtered);
  registerJoinGroup(planned, filtered);
  return planned;
}

function scalarOf(n: ExprNode): { sub: Subquery; name: string } | undefined {
  if (n.kind !== "call" || n.name !== SCALAR || n.args[0] === undefined) return undefined;
  return scalars.get(n.args[0]);
}

/** The scalar subqueries `exprs` use, each once. */
export function scalarSubqueries(
  exprs: readonly (ExprNode | undefined)[],
): { sub: Subquery; name: string }[] {
  const found = new Map<string, { sub: Subquery; name: string }>();
  for (const e of exprs) {
    if (e === undefined) continue;
    walkExpr(e, (n) => {
      const s = scalarOf(n);
      if (s !== undefined) found.set(s.name, s);
      return true;
    });
  }
  return [...found.values()];
}

/** `e` with each scalar subquery replaced by a reference to its hidden column. */
export function replaceScalars(e: ExprNode): ExprNode {
  return mapExpr(e, (n) => {
    const s = scalarOf(n);
    return s === undefined ? undefined : ColumnRefNode.create(s.name);
  });
}

/**
 * A select item with its scalar subqueries replaced, aliased with Spark's name for it
 * (`scalarsubquery()` stands for each subquery) when it has none.
 */
export function replaceScalarsInItem(item: ExprNode): ExprNode {
  if (item.kind === "alias" || scalarSubqueries([item]).length === 0) return replaceScalars(item);
  const shown = mapExpr(item, (n) =>
    scalarOf(n) === undefined ? undefined : ColumnRefNode.create("`scalarsubquery()`"),
  );
  return AliasNode.create(replaceScalars(item), outputName(shown));
}

/**
 * `input` with one hidden column per scalar subquery: a left join on true keeps every row
 * and gives null when the subquery has no row.
 */
export function joinScalars(
  input: RelationNode,
  list: readonly { sub: Subquery; name: string }[],
  plan: (spec: SelectSpec) => RelationNode,
): RelationNode {
  return list.reduce<RelationNode>((acc, { sub, name }) => {
    const join = JoinNode.create(
      acc,
      ToDFNode.create(sub.plan, [name]),
      "left",
      LiteralNode.create(true),
    );
    // Whether it is correlated is known once the engine can describe its FROM.
    if (sub.spec !== undefined) registerScalarJoin(join, { spec: sub.spec, name, plan });
    return join;
  }, input);
}
