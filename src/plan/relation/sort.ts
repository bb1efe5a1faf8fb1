import type { SortOrderNode } from "../expression/sort-order.js";
import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `orderBy` / `sort`; `global` false is `sortWithinPartitions` (each partition sorted alone). */
export interface SortNode {
  readonly kind: "sort";
  readonly planId: number;
  readonly input: RelationNode;
  readonly orders: readonly SortOrderNode[];
  readonly global: boolean;
}

export const SortNode = {
  create(input: RelationNode, orders: readonly SortOrderNode[], global = true): SortNode {
    return Object.freeze({
      kind: "sort",
      planId: nextPlanId(),
      input,
      orders: Object.freeze([...orders]),
      global,
    });
  },
};
