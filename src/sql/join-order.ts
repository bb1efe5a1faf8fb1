/**
 * Join order for a comma-separated FROM filtered by WHERE (`FROM part, supplier, lineitem
 * WHERE p_partkey = l_partkey AND ...`), as Spark's ReorderJoin orders it: starting from the
 * first relation, each next one is the first (in FROM order) that a WHERE equality connects
 * to those joined so far, joined on every condition that becomes decidable; a condition on
 * one relation filters that relation. Without it the plan is a chain of cross products
 * that an engine may not reorder across the projections between them (DuckDB does not).
 * Which relation a column belongs to needs the relations' schemas, so the parser registers
 * the filter here and `reorderJoins` runs when an action runs. The relations keep their
 * columns' order (`SELECT *`) through a projection of `alias.*` per relation.
 * WHERE's `IN` / `EXISTS` subqueries (semi / anti joins, subquery.ts) go directly on the
 * inner joins, under any residual filter, so that the engine sees them with the inner joins
 * as one join graph and places each by its estimates. (Spark's PushLeftSemiLeftAntiThroughJoin
 * always moves one down to the relation it reads: measured on DuckDB, that made TPC-H q21
 * ~25% slower and gained nothing on q18 over letting DuckDB place it.)
 */
import { CallNode } from "../plan/expression/call.js";
import { splitAttribute } from "../plan/expression/name.js";
import { StarNode } from "../plan/expression/star.js";
import type { ExprNode, RelationNode } from "../plan/node.js";
import { FilterNode } from "../plan/relation/filter.js";
import { JoinNode } from "../plan/relation/join.js";
import { ProjectNode } from "../plan/relation/project.js";
import type { StructType } from "../types/data-types.js";
import { walkExpr } from "./rewrite.js";

const groups = new WeakSet<RelationNode>();

function leavesOf(rel: RelationNode, out: RelationNode[]): RelationNode[] {
  if (rel.kind === "join" && rel.joinType === "cross" && rel.condition === undefined) {
    leavesOf(rel.left, out);
    leavesOf(rel.right, out);
  } else out.push(rel);
  return out;
}

/**
 * Marks a WHERE over comma-joined relations for reordering: `top` is its filter, or the
 * semi / anti joins of its subqueries stacked on the filter (from 2 relations on then, to
 * join them with the inner joins; from 3 for a plain filter).
 */
export function registerJoinGroup(top: RelationNode, filter: RelationNode): void {
  if (filter.kind !== "filter") return;
  const count = leavesOf(filter.input, []).length;
  if (count >= 3 || (count === 2 && top !== filter)) groups.add(top);
}

type SemiJoin = JoinNode & { readonly joinType: "left_semi" | "left_anti" };

function isSemiJoin(node: RelationNode): node is SemiJoin {
  return node.kind === "join" && (node.joinType === "left_semi" || node.joinType === "left_anti");
}

/** The semi / anti joins stacked on `node` (innermost first) and the relation under them. */
function peelSemiJoins(node: RelationNode): { base: RelationNode; semis: SemiJoin[] } {
  const semis: SemiJoin[] = [];
  let base = node;
  while (isSemiJoin(base)) {
    semis.unshift(base);
    base = base.left;
  }
  return { base, semis };
}

export function isJoinGroup(node: RelationNode): boolean {
  return groups.has(node);
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

interface Leaf {
  readonly rel: RelationNode;
  readonly alias: string;
  readonly columns: ReadonlySet<string>;
}

/** The leaves a condition reads, or undefined when a column's relation is not certain. */
function leavesRead(e: ExprNode, leaves: readonly Leaf[]): Set<number> | undefined {
  const found = new Set<number>();
  let certain = true;
  walkExpr(e, (n) => {
    if (n.kind === "call" && n.name.startsWith("__tributary_")) certain = false;
    if (n.kind !== "column" || !certain) return certain;
    const parts = splitAttribute(n.name).map((p) => p.toLowerCase());
    const [first = "", second] = parts;
    const byAlias = second === undefined ? -1 : leaves.findIndex((l) => l.alias === first);
    const owners =
      byAlias >= 0 ? [byAlias] : leaves.flatMap((l, i) => (l.columns.has(first) ? [i] : []));
    if (owners.length !== 1 || n.planId !== undefined) certain = false;
    else found.add(owners[0] ?? 0);
    return certain;
  });
  return certain ? found : undefined;
}

const subset = (a: ReadonlySet<number>, b: ReadonlySet<number>) => [...a].every((x) => b.has(x));

/**
 * The group's joins in Spark's greedy order with its semi / anti joins on them, or `group`
 * itself when a condition's relations cannot be told (an outer reference, a duplicate alias).
 */
export async function reorderJoins(
  group: RelationNode,
  schemaOf: (plan: RelationNode) => Promise<StructType>,
): Promise<RelationNode> {
  const { base: filter, semis } = peelSemiJoins(group);
  if (filter.kind !== "filter") return group;
  const rels = leavesOf(filter.input, []);
  const leaves: Leaf[] = [];
  for (const rel of rels) {
    if (rel.kind !== "subqueryAlias") return group;
    const schema = await schemaOf(rel);
    const columns = new Set(schema.fieldNames().map((n) => n.toLowerCase()));
    leaves.push({ rel, alias: rel.alias.toLowerCase(), columns });
  }
  if (new Set(leaves.map((l) => l.alias)).size !== leaves.length) return group;
  const conds: { expr: ExprNode; reads: Set<number> }[] = [];
  for (const expr of conjuncts(filter.condition)) {
    const reads = leavesRead(expr, leaves);
    if (reads === undefined) return group;
    conds.push({ expr, reads });
  }
  const used = new Set<number>();
  const take = (ok: (reads: Set<number>) => boolean): ExprNode[] => {
    const out: ExprNode[] = [];
    conds.forEach((c, i) => {
      if (!used.has(i) && c.reads.size > 0 && ok(c.reads)) {
        used.add(i);
        out.push(c.expr);
      }
    });
    return out;
  };
  // A condition on one relation filters it before any join.
  const filtered = leaves.map((l, i) => {
    const own = and(take((r) => r.size === 1 && r.has(i)));
    return own === undefined ? l.rel : FilterNode.create(l.rel, own);
  });
  const joined = new Set<number>([0]);
  let plan = filtered[0] ?? filter.input;
  const order = [0];
  while (joined.size < leaves.length) {
    const connected = leaves.findIndex(
      (_, i) =>
        !joined.has(i) &&
        conds.some(
          (c, k) => !used.has(k) && c.reads.has(i) && subset(c.reads, new Set([...joined, i])),
        ),
    );
    const next = connected >= 0 ? connected : leaves.findIndex((_, i) => !joined.has(i));
    const scope = new Set([...joined, next]);
    const on = and(take((r) => subset(r, scope)));
    const right = filtered[next] ?? filter.input;
    plan =
      on === undefined
        ? JoinNode.create(plan, right, "cross")
        : JoinNode.create(plan, right, "inner", on);
    joined.add(next);
    order.push(next);
  }
  // A semi join keeps its planId (column references may pin it); it commutes with the filter.
  plan = semis.reduce<RelationNode>((acc, semi) => Object.freeze({ ...semi, left: acc }), plan);
  const rest = and(conds.filter((_, i) => !used.has(i)).map((c) => c.expr));
  if (rest !== undefined) plan = FilterNode.create(plan, rest);
  if (order.every((leaf, i) => leaf === i)) return plan;
  return ProjectNode.create(
    plan,
    leaves.map((l) => StarNode.create(l.rel.kind === "subqueryAlias" ? l.rel.alias : undefined)),
  );
}
