/**
 * The plan: closed unions of frozen nodes. Every engine's dispatch table is typed
 * `satisfies Record<RelationNode["kind"], ...>`, so adding a node fails to compile until
 * each engine handles it (or declares it unsupported).
 */
import type { AliasNode } from "./expression/alias.js";
import type { CallNode } from "./expression/call.js";
import type { CastNode } from "./expression/cast.js";
import type { ColumnRefNode } from "./expression/column-ref.js";
import type { ExtractNode } from "./expression/extract.js";
import type { LambdaNode, LambdaVarNode } from "./expression/lambda.js";
import type { LiteralNode } from "./expression/literal.js";
import type { SortOrderNode } from "./expression/sort-order.js";
import type { StarNode } from "./expression/star.js";
import type { WindowNode } from "./expression/window.js";
import type { AggregateNode } from "./relation/aggregate.js";
import type { DeduplicateNode } from "./relation/deduplicate.js";
import type { DropNode } from "./relation/drop.js";
import type { FilterNode } from "./relation/filter.js";
import type { HintNode } from "./relation/hint.js";
import type { JoinNode } from "./relation/join.js";
import type { LimitNode } from "./relation/limit.js";
import type { LocalRelationNode } from "./relation/local-relation.js";
import type { NaDropNode } from "./relation/na-drop.js";
import type { NaFillNode } from "./relation/na-fill.js";
import type { NaReplaceNode } from "./relation/na-replace.js";
import type { OffsetNode } from "./relation/offset.js";
import type { ProjectNode } from "./relation/project.js";
import type { RangeNode } from "./relation/range.js";
import type { ReadNode } from "./relation/read.js";
import type { RepartitionNode } from "./relation/repartition.js";
import type { SampleNode } from "./relation/sample.js";
import type { SetOpNode } from "./relation/set-op.js";
import type { SortNode } from "./relation/sort.js";
import type { SqlNode } from "./relation/sql.js";
import type { StatSummaryNode } from "./relation/stat-summary.js";
import type { SubqueryAliasNode } from "./relation/subquery-alias.js";
import type { ToDFNode } from "./relation/to-df.js";
import type { ToJsonNode } from "./relation/to-json.js";
import type { UnpivotNode } from "./relation/unpivot.js";
import type { WithColumnsNode } from "./relation/with-columns.js";
import type { WithColumnsRenamedNode } from "./relation/with-columns-renamed.js";

export type ExprNode =
  | LiteralNode
  | ColumnRefNode
  | StarNode
  | CallNode
  | AliasNode
  | CastNode
  | SortOrderNode
  | WindowNode
  | ExtractNode
  | LambdaNode
  | LambdaVarNode;

export type RelationNode =
  | ReadNode
  | LocalRelationNode
  | RangeNode
  | SqlNode
  | ProjectNode
  | FilterNode
  | WithColumnsNode
  | WithColumnsRenamedNode
  | DropNode
  | AggregateNode
  | JoinNode
  | SortNode
  | LimitNode
  | OffsetNode
  | DeduplicateNode
  | SetOpNode
  | SubqueryAliasNode
  | NaFillNode
  | NaDropNode
  | ToDFNode
  | SampleNode
  | StatSummaryNode
  | RepartitionNode
  | HintNode
  | UnpivotNode
  | NaReplaceNode
  | ToJsonNode;

export type ExprKind = ExprNode["kind"];
export type RelationKind = RelationNode["kind"];

/** Exhaustiveness guard for switches over the unions. */
export function assertNever(value: never, what = "node"): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}

/** The direct inputs of a relation. */
export function childrenOf(node: RelationNode): RelationNode[] {
  switch (node.kind) {
    case "read":
    case "localRelation":
    case "range":
      return [];
    case "sql":
      return Object.values(node.views);
    case "join":
    case "setOp":
      return [node.left, node.right];
    default:
      return [node.input];
  }
}

/** Depth-first search for a relation by planId. */
export function findByPlanId(root: RelationNode, planId: number): RelationNode | undefined {
  if (root.planId === planId) return root;
  for (const child of childrenOf(root)) {
    const found = findByPlanId(child, planId);
    if (found !== undefined) return found;
  }
  return undefined;
}
