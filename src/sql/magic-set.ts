/**
 * The outer keys of a decorrelated scalar subquery, as a small relation that restricts the
 * subquery's aggregate to the groups the outer rows can look up (a "magic set", as DuckDB's
 * delim join does): `(SELECT avg(q) FROM lineitem WHERE l_partkey = p_partkey)` over parts
 * of one brand aggregates the lineitems of those parts only, not of every part.
 *
 * Any superset of the outer key values gives the same answer (the left join looks up only
 * the outer values, and the restriction keeps every inner row of a looked-up key), so the
 * set comes from the one outer relation that holds every key column, filtered by the outer
 * conditions that read only it and by the IN / EXISTS semi joins on it alone whose subquery
 * is a cheap, selective filter of one source. The restriction is left out unless one of
 * those likely keeps few rows (an equality, IN list or pattern against constants, or such a
 * semi join): otherwise the set costs a second scan of that relation and a large semi join
 * for little.
 */
import { CallNode } from "../plan/expression/call.js";
import { splitAttribute } from "../plan/expression/name.js";
import { childrenOf, type ExprNode, type RelationNode } from "../plan/node.js";
import { FilterNode } from "../plan/relation/filter.js";
import { JoinNode } from "../plan/relation/join.js";
import { ToDFNode } from "../plan/relation/to-df.js";
import type { StructType } from "../types/data-types.js";
import { walkExpr } from "./rewrite.js";

/** Functions whose value differs per evaluation: a condition using one filters differently twice. */
const NONDETERMINISTIC = new Set([
  "rand",
  "randn",
  "random",
  "uniform",
  "randstr",
  "uuid",
  "shuffle",
  "monotonically_increasing_id",
  "spark_partition_id",
  "input_file_name",
  "input_file_block_start",
  "input_file_block_length",
]);

const HIDDEN = "__tributary_";

interface Leaf {
  readonly rel: RelationNode;
  readonly alias: string | undefined;
  readonly names: readonly string[];
  readonly columns: ReadonlySet<string>;
}

interface Flat {
  readonly leaves: RelationNode[];
  readonly conds: ExprNode[];
  /** Semi joins (IN, EXISTS) that keep some of the outer rows. */
  readonly semis: (RelationNode & { kind: "join" })[];
}

function conjuncts(e: ExprNode | undefined): ExprNode[] {
  if (e === undefined) return [];
  return e.kind === "call" && e.name === "and" && e.args.length === 2
    ? e.args.flatMap(conjuncts)
    : [e];
}

/**
 * The relations whose rows the outer side's rows are made of, and the conditions that
 * filter them: through filters, inner and cross joins, the preserved side of left, semi and
 * anti joins, and projections that pass every column through (`t.*`, as join-order makes).
 */
function flatten(rel: RelationNode, out: Flat): Flat {
  if (rel.kind === "filter") {
    out.conds.push(...conjuncts(rel.condition));
    return flatten(rel.input, out);
  }
  if (rel.kind === "project" && rel.exprs.every((e) => e.kind === "star")) {
    return flatten(rel.input, out);
  }
  // Dropped columns cannot be read above; hidden columns (another scalar subquery's value)
  // shadow no column of the relations below.
  if (
    rel.kind === "drop" ||
    (rel.kind === "withColumns" && rel.columns.every((c) => c.name.startsWith(HIDDEN)))
  ) {
    return flatten(rel.input, out);
  }
  if (rel.kind === "join" && rel.usingColumns.length === 0) {
    if (rel.joinType === "inner" || rel.joinType === "cross") {
      out.conds.push(...conjuncts(rel.condition));
      flatten(rel.left, out);
      return flatten(rel.right, out);
    }
    if (rel.joinType === "left_semi") out.semis.push(rel);
    if (rel.joinType === "left" || rel.joinType === "left_semi" || rel.joinType === "left_anti") {
      return flatten(rel.left, out);
    }
  }
  out.leaves.push(rel);
  return out;
}

/** The leaf every column of `e` belongs to, or undefined when that is not one certain leaf. */
function ownerOf(e: ExprNode, leaves: readonly Leaf[]): number | undefined {
  const owners = new Set<number>();
  let certain = true;
  walkExpr(e, (n) => {
    if (n.kind === "call" && (n.name.startsWith(HIDDEN) || NONDETERMINISTIC.has(n.name)))
      certain = false;
    if (n.kind === "column") {
      const [first = "", second] = splitAttribute(n.name).map((p) => p.toLowerCase());
      const byAlias = second === undefined ? -1 : leaves.findIndex((l) => l.alias === first);
      const found =
        byAlias >= 0 ? [byAlias] : leaves.flatMap((l, i) => (l.columns.has(first) ? [i] : []));
      if (found.length !== 1 || n.planId !== undefined) certain = false;
      else owners.add(found[0] ?? -1);
    }
    return certain;
  });
  return certain && owners.size === 1 ? [...owners][0] : undefined;
}

const PATTERN_TESTS = new Set([
  "like",
  "ilike",
  "rlike",
  "regexp",
  "regexp_like",
  "startswith",
  "endswith",
  "contains",
]);

function isConstant(e: ExprNode): boolean {
  let constant = true;
  walkExpr(e, (n) => {
    if (n.kind === "column" || (n.kind === "call" && n.name.startsWith(HIDDEN))) constant = false;
    return constant;
  });
  return constant;
}

/**
 * Does the condition likely keep few rows: a column equal to, in a list of, or matching
 * constants? A range (`x > 1`) may keep nearly every row, and then the key set costs a
 * second scan of the outer relation and a large semi join for nothing (measured: +50% on a
 * correlated average over all of lineitem).
 */
function likelySelective(e: ExprNode): boolean {
  if (e.kind !== "call") return false;
  const [first, ...rest] = e.args;
  if (e.name === "and") return e.args.some(likelySelective);
  if (e.name === "or") return e.args.every(likelySelective);
  if (first === undefined) return false;
  if (e.name === "==" || e.name === "<=>") {
    const second = rest[0];
    return second !== undefined && isConstant(first) !== isConstant(second);
  }
  if (e.name === "in" || PATTERN_TESTS.has(e.name))
    return !isConstant(first) && rest.length > 0 && rest.every(isConstant);
  return false;
}

/**
 * Is the relation a cheap and likely selective filter of one source (`SELECT p_partkey FROM
 * part WHERE p_name LIKE 'forest%'`)? Such an IN subquery is worth running a second time to
 * narrow the key set; a join or an aggregate is not.
 */
function cheapSelective(rel: RelationNode): boolean {
  let selective = false;
  let node = rel;
  for (;;) {
    if (node.kind === "filter") {
      if (!deterministic(node.condition)) return false;
      if (conjuncts(node.condition).some(likelySelective)) selective = true;
      node = node.input;
    } else if (node.kind === "project") {
      if (!node.exprs.every(deterministic)) return false;
      node = node.input;
    } else if (node.kind === "toDF" || node.kind === "subqueryAlias" || node.kind === "drop") {
      node = node.input;
    } else return selective && childrenOf(node).length === 0;
  }
}

/** Same rows each time it is evaluated (run twice, it must keep the same keys). */
function deterministic(e: ExprNode): boolean {
  let same = true;
  walkExpr(e, (n) => {
    if (n.kind === "call" && NONDETERMINISTIC.has(n.name)) same = false;
    return same;
  });
  return same;
}

/**
 * The semi join, when its condition reads only the key leaf and its own right side (each
 * column certainly one of them) and its right side is cheap and selective: it then keeps
 * the same keys of that leaf alone.
 */
async function restrictsLeaf(
  semi: RelationNode & { kind: "join" },
  owner: number,
  leaves: readonly Leaf[],
  schemaOf: (plan: RelationNode) => Promise<StructType>,
): Promise<boolean> {
  if (semi.condition === undefined || !cheapSelective(semi.right)) return false;
  const right = new Set((await schemaOf(semi.right)).fieldNames().map((n) => n.toLowerCase()));
  let fits = true;
  walkExpr(semi.condition, (n) => {
    if (n.kind === "call" && (n.name.startsWith(HIDDEN) || NONDETERMINISTIC.has(n.name)))
      fits = false;
    if (n.kind === "column") {
      const parts = splitAttribute(n.name).map((p) => p.toLowerCase());
      const onRight = parts.length === 1 && right.has(parts[0] ?? "");
      const onLeaf = ownerOf(n, leaves) === owner;
      if (onRight === onLeaf || n.planId !== undefined) fits = false;
    }
    return fits;
  });
  return fits;
}

/** The position in `leaf` of the column `key` names, when it names one plainly. */
function columnIndex(key: ExprNode, leaf: Leaf): number | undefined {
  if (key.kind !== "column") return undefined;
  const parts = splitAttribute(key.name).map((p) => p.toLowerCase());
  const [first = "", second, third] = parts;
  if (third !== undefined) return undefined;
  if (second !== undefined && first !== leaf.alias) return undefined;
  const name = second ?? first;
  const found = leaf.names.flatMap((n, i) => (n.toLowerCase() === name ? [i] : []));
  return found.length === 1 ? found[0] : undefined;
}

/** A relation holding the outer keys, and the column that holds each key. */
export interface OuterKeySet {
  readonly relation: RelationNode;
  readonly columns: readonly string[];
}

/**
 * A relation that holds every outer row's keys (maybe more), cheaper than the outer side,
 * or undefined when none is known to restrict anything. Its columns are renamed to hidden
 * names starting with `prefix`, so a condition between it and the subquery's FROM is never
 * ambiguous; a rename keeps the types, so analysis need not describe it.
 *
 * @example
 * ```ts
 * // outer: Filter(lineitem x part, p_partkey = l_partkey AND p_brand = 'Brand#23'), key p_partkey
 * // -> ToDF(Filter(part, p_brand = 'Brand#23'), [..., "s_m0", ...]) with columns ["s_m0"]
 * const keys = await outerKeySet(join.left, [ColumnRefNode.create("p_partkey")], "s_m", schemaOf);
 * ```
 */
export async function outerKeySet(
  outer: RelationNode,
  outerKeys: readonly ExprNode[],
  prefix: string,
  schemaOf: (plan: RelationNode) => Promise<StructType>,
): Promise<OuterKeySet | undefined> {
  if (outerKeys.length === 0) return undefined;
  const flat = flatten(outer, { leaves: [], conds: [], semis: [] });
  if (flat.conds.length === 0 && flat.semis.length === 0) return undefined;
  const leaves: Leaf[] = [];
  for (const rel of flat.leaves) {
    const names = (await schemaOf(rel)).fieldNames();
    leaves.push({
      rel,
      alias: rel.kind === "subqueryAlias" ? rel.alias.toLowerCase() : undefined,
      names,
      columns: new Set(names.map((n) => n.toLowerCase())),
    });
  }
  const aliases = leaves.flatMap((l) => (l.alias === undefined ? [] : [l.alias]));
  if (new Set(aliases).size !== aliases.length) return undefined;
  const owners = new Set(outerKeys.map((k) => ownerOf(k, leaves)));
  const [owner] = owners;
  const leaf = owner === undefined || owners.size !== 1 ? undefined : leaves[owner];
  if (leaf === undefined || owner === undefined) return undefined;
  const positions = outerKeys.map((k) => columnIndex(k, leaf));
  if (positions.some((p) => p === undefined)) return undefined;
  const own = flat.conds.filter((c) => ownerOf(c, leaves) === owner);
  const semis: (RelationNode & { kind: "join" })[] = [];
  for (const semi of flat.semis)
    if (await restrictsLeaf(semi, owner, leaves, schemaOf)) semis.push(semi);
  if (!own.some(likelySelective) && semis.length === 0) return undefined;
  const filtered =
    own.length === 0
      ? leaf.rel
      : FilterNode.create(
          leaf.rel,
          own.reduce((acc, c) => CallNode.create("and", [acc, c])),
        );
  const restricted = semis.reduce<RelationNode>(
    (acc, semi) => JoinNode.create(acc, semi.right, "left_semi", semi.condition),
    filtered,
  );
  const names = leaf.names.map((_, i) => `${prefix}${i}`);
  return {
    relation: ToDFNode.create(restricted, names),
    columns: positions.map((p) => names[p ?? 0] ?? ""),
  };
}
