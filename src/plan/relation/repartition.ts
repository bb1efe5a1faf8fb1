import type { ExprNode, RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/**
 * How rows are spread over partitions: `roundRobin` is `repartition(n)`, `coalesce` merges
 * partitions without a shuffle, `hash` is `repartition(n?, ...cols)`, `range` is
 * `repartitionByRange` (its expressions are sort orders).
 */
export type PartitioningMode = "roundRobin" | "coalesce" | "hash" | "range";

/**
 * `repartition` / `coalesce` / `repartitionByRange`: the rows are unchanged, only their
 * partitions differ (Spark Connect's Repartition and RepartitionByExpression).
 */
export interface RepartitionNode {
  readonly kind: "repartition";
  readonly planId: number;
  readonly input: RelationNode;
  readonly mode: PartitioningMode;
  readonly numPartitions: number | undefined;
  readonly partitionExprs: readonly ExprNode[];
}

export const RepartitionNode = {
  create(
    input: RelationNode,
    mode: PartitioningMode,
    numPartitions: number | undefined,
    partitionExprs: readonly ExprNode[] = [],
  ): RepartitionNode {
    return Object.freeze({
      kind: "repartition",
      planId: nextPlanId(),
      input,
      mode,
      numPartitions,
      partitionExprs: Object.freeze([...partitionExprs]),
    });
  },
};
