/**
 * `NATURAL [type] JOIN`: a join USING the columns both sides have (names compared
 * case-sensitively, even when the analyzer is not, in the left side's order), as Spark's analyzer resolves it. The
 * common columns depend on the sides' schemas, which only the engine can tell, so the
 * parser plans a join with no columns, registers it here, and `resolveNatural` sets the
 * columns when an action runs.
 */
import { LiteralNode } from "../plan/expression/literal.js";
import type { RelationNode } from "../plan/node.js";
import { JoinNode, type JoinType } from "../plan/relation/join.js";
import type { StructType } from "../types/data-types.js";

const naturalJoins = new WeakSet<RelationNode>();

/** A natural join of `left` and `right`, its USING columns filled in at action time. */
export function naturalJoin(left: RelationNode, right: RelationNode, type: JoinType): JoinNode {
  const join = JoinNode.create(left, right, type);
  naturalJoins.add(join);
  return join;
}

export function isNaturalJoin(node: RelationNode): boolean {
  return naturalJoins.has(node);
}

/** The join (same planId) joined USING the columns its resolved sides share. */
export async function resolveNatural(
  join: JoinNode,
  schemaOf: (plan: RelationNode) => Promise<StructType>,
): Promise<RelationNode> {
  const [left, right] = await Promise.all([schemaOf(join.left), schemaOf(join.right)]);
  const rightNames = new Set(right.fieldNames());
  const common = left.fieldNames().filter((n) => rightNames.has(n));
  // Without a common column Spark joins on nothing: every pair of rows matches.
  if (common.length === 0) return Object.freeze({ ...join, condition: LiteralNode.create(true) });
  return Object.freeze({ ...join, usingColumns: Object.freeze(common) });
}
