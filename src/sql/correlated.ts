/**
 * Correlated scalar subqueries (`x = (SELECT min(y) FROM u WHERE u.k = t.k)`), decorrelated
 * as Spark's optimizer does: the subquery becomes an aggregate grouped by its side of the
 * correlated equalities, left-joined to the outer rows on them. Which names are outer can
 * only be told from the subquery's input schema (an inner column shadows an outer one of
 * the same name), so the parser plans every scalar subquery as if uncorrelated (a left
 * join on true, registered here) and `resolveCorrelated` finishes the plan when an action
 * runs and the engine can describe the subquery's FROM.
 */
import { AnalysisError } from "../errors.js";
import { AliasNode } from "../plan/expression/alias.js";
import { CallNode } from "../plan/expression/call.js";
import { ColumnRefNode } from "../plan/expression/column-ref.js";
import { LiteralNode } from "../plan/expression/literal.js";
import { splitAttribute } from "../plan/expression/name.js";
import { childrenOf, type ExprNode, type RelationNode } from "../plan/node.js";
import { DropNode } from "../plan/relation/drop.js";
import { JoinNode } from "../plan/relation/join.js";
import { WithColumnsNode } from "../plan/relation/with-columns.js";
import type { StructType } from "../types/data-types.js";
import { isJoinGroup, reorderJoins } from "./join-order.js";
import { outerKeySet } from "./magic-set.js";
import { isNaturalJoin, resolveNatural } from "./natural-join.js";
import { isPivot, resolvePivot } from "./pivot.js";
import { hasAggregate, unalias, walkExpr } from "./rewrite.js";
import type { SelectSpec } from "./select-spec.js";

/** A scalar subquery's join, as the parser planned it, with what decorrelation needs. */
export interface ScalarJoin {
  readonly spec: SelectSpec;
  /** The hidden column that holds the subquery's value. */
  readonly name: string;
  /** Plans a SELECT block (planSelect; passed in to keep this module below the planner). */
  readonly plan: (spec: SelectSpec) => RelationNode;
}

const scalarJoins = new WeakMap<RelationNode, ScalarJoin>();

/** Marks `join` as the left join on true of a scalar subquery, maybe correlated. */
export function registerScalarJoin(join: RelationNode, info: ScalarJoin): void {
  scalarJoins.set(join, info);
}

function hasDeferred(plan: RelationNode): boolean {
  return (
    scalarJoins.has(plan) ||
    isJoinGroup(plan) ||
    isNaturalJoin(plan) ||
    isPivot(plan) ||
    childrenOf(plan).some(hasDeferred)
  );
}

/** The relation with new inputs, same planId (column references may pin it). */
function withChildren(node: RelationNode, kids: readonly RelationNode[]): RelationNode {
  if (node.kind === "join" || node.kind === "setOp")
    return Object.freeze({ ...node, left: kids[0] ?? node.left, right: kids[1] ?? node.right });
  if ("input" in node) return Object.freeze({ ...node, input: kids[0] ?? node.input });
  return node;
}

/** The table aliases a FROM clause makes visible (not those inside its subqueries). */
function aliasesOf(rel: RelationNode, out: Set<string>): Set<string> {
  if (rel.kind === "subqueryAlias") out.add(rel.alias.toLowerCase());
  else if (rel.kind === "join") {
    aliasesOf(rel.left, out);
    aliasesOf(rel.right, out);
  } else if (rel.kind === "filter") aliasesOf(rel.input, out);
  return out;
}

interface Inner {
  readonly columns: ReadonlySet<string>;
  readonly aliases: ReadonlySet<string>;
}

/** Does the reference name an outer column (not one of the subquery's FROM)? */
function isOuter(ref: string, inner: Inner): boolean {
  const parts = splitAttribute(ref).map((p) => p.toLowerCase());
  const [first = "", second] = parts;
  if (second !== undefined && inner.aliases.has(first)) return false;
  return !inner.columns.has(first);
}

function sides(e: ExprNode, inner: Inner): { outer: boolean; inner: boolean } {
  const found = { outer: false, inner: false };
  walkExpr(e, (n) => {
    if (n.kind === "column") {
      if (isOuter(n.name, inner)) found.outer = true;
      else found.inner = true;
    }
    return true;
  });
  return found;
}

function conjuncts(e: ExprNode | undefined): ExprNode[] {
  if (e === undefined) return [];
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

function unsupported(what: string): AnalysisError {
  return new AnalysisError(
    "UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY",
    `Unsupported subquery expression: ${what}.`,
    {
      hint: "Correlate a scalar subquery with equalities (inner = outer) joined by AND in its WHERE, over one aggregate: (SELECT max(x) FROM u WHERE u.k = t.k).",
    },
  );
}

/** A correlated equality split into its inner and outer sides. */
interface Key {
  readonly inner: ExprNode;
  readonly outer: ExprNode;
}

function correlationKey(c: ExprNode, inner: Inner): Key {
  if (c.kind === "call" && c.name === "==" && c.args.length === 2) {
    const [a, b] = c.args;
    if (a !== undefined && b !== undefined) {
      const sa = sides(a, inner);
      const sb = sides(b, inner);
      if (!sa.outer && sb.outer && !sb.inner) return { inner: a, outer: b };
      if (!sb.outer && sa.outer && !sa.inner) return { inner: b, outer: a };
    }
  }
  throw unsupported(
    "a correlated condition that is not an equality between an inner and an outer expression",
  );
}

/** Aggregates that give a value, not null, over no rows: the left join must give it too. */
const EMPTY_VALUE: Readonly<Record<string, ExprNode>> = {
  count: LiteralNode.create(0n),
  count_if: LiteralNode.create(0n),
};

/**
 * The subquery's FROM keeping only rows whose keys some outer row may look up, when the
 * outer side tells a smaller set of keys than the whole inner table (magic-set.ts).
 */
async function restrictToOuterKeys(
  from: RelationNode,
  outer: RelationNode,
  keys: readonly Key[],
  name: string,
  schemaOf: (plan: RelationNode) => Promise<StructType>,
): Promise<RelationNode> {
  const set = await outerKeySet(
    outer,
    keys.map((k) => k.outer),
    `${name}_m`,
    schemaOf,
  );
  if (set === undefined) return from;
  const on = and(
    keys.map((k, i) =>
      CallNode.create("==", [k.inner, ColumnRefNode.create(set.columns[i] ?? "")]),
    ),
  );
  return JoinNode.create(from, set.relation, "left_semi", on);
}

async function decorrelate(
  join: RelationNode & { kind: "join" },
  info: ScalarJoin,
  schemaOf: (plan: RelationNode) => Promise<StructType>,
): Promise<RelationNode> {
  const { spec } = info;
  const from = await resolveCorrelated(spec.from, schemaOf);
  const schema = await schemaOf(from);
  const inner: Inner = {
    columns: new Set(schema.fieldNames().map((n) => n.toLowerCase())),
    aliases: aliasesOf(from, new Set()),
  };
  const keys: Key[] = [];
  const local: ExprNode[] = [];
  for (const c of conjuncts(spec.where)) {
    if (sides(c, inner).outer) keys.push(correlationKey(c, inner));
    else local.push(c);
  }
  const [item] = spec.items;
  const outerElsewhere =
    spec.items.some((i) => sides(i, inner).outer) ||
    (spec.having !== undefined && sides(spec.having, inner).outer);
  if (keys.length === 0 && !outerElsewhere) return join;
  if (outerElsewhere) throw unsupported("an outer reference outside the subquery's WHERE");
  if (item === undefined || spec.items.length !== 1 || !hasAggregate(item) || spec.distinct) {
    throw unsupported("a correlated scalar subquery must aggregate to one column");
  }
  if (spec.groupBy !== undefined) throw unsupported("a correlated scalar subquery with GROUP BY");
  const keyNames = keys.map((_, i) => `${info.name}_k${i}`);
  const right = info.plan({
    ...spec,
    from: await restrictToOuterKeys(from, join.left, keys, info.name, schemaOf),
    where: and(local),
    items: [
      ...keys.map((k, i) => AliasNode.create(k.inner, keyNames[i] ?? "")),
      AliasNode.create(unalias(item), info.name),
    ],
    groupBy: { type: "groupby", keys: keys.map((k) => k.inner), all: false, sets: [] },
  });
  const on = and(
    keys.map((k, i) => CallNode.create("==", [k.outer, ColumnRefNode.create(keyNames[i] ?? "")])),
  );
  let out: RelationNode = JoinNode.create(join.left, right, "left", on);
  const body = unalias(item);
  const empty = body.kind === "call" ? EMPTY_VALUE[body.name] : undefined;
  if (empty !== undefined) {
    const value = ColumnRefNode.create(info.name);
    out = WithColumnsNode.create(out, [
      AliasNode.create(CallNode.create("coalesce", [value, empty]), info.name),
    ]);
  }
  return DropNode.create(out, keyNames);
}

/**
 * The plan with each correlated scalar subquery decorrelated, each comma join ordered
 * (join-order.ts), each natural join's columns (natural-join.ts) and each pivot's grouping
 * columns (pivot.ts) set; the same plan object when it has neither (no cost for other plans).
 *
 * @example
 * ```ts
 * const runnable = await resolveCorrelated(df.plan, (p) => engine.schema(p));
 * ```
 */
export async function resolveCorrelated(
  plan: RelationNode,
  schemaOf: (plan: RelationNode) => Promise<StructType>,
): Promise<RelationNode> {
  if (!hasDeferred(plan)) return plan;
  const kids = childrenOf(plan);
  const resolved =
    plan.kind === "sql" ? kids : await Promise.all(kids.map((k) => resolveCorrelated(k, schemaOf)));
  const changed = resolved.some((k, i) => k !== kids[i]);
  const node = changed ? withChildren(plan, resolved) : plan;
  if (isJoinGroup(plan)) return reorderJoins(node, schemaOf);
  if (isNaturalJoin(plan) && node.kind === "join") return resolveNatural(node, schemaOf);
  if (isPivot(plan) && node.kind === "aggregate") return resolvePivot(node, plan, schemaOf);
  const info = scalarJoins.get(plan);
  if (info === undefined || node.kind !== "join") return node;
  return decorrelate(node, info, schemaOf);
}
