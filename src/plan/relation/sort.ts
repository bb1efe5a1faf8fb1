import type { SortOrderNode } from "../expression/sort-order.js";
import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `orderBy` / `sort`. */
export interface SortNode {
  readonly kind: "sort";
  readonly planId: number;
  readonly input: RelationNode;
  readonly orders: readonly SortOrderNode[];
}

export const SortNode = {
  create(input: RelationNode, orders: readonly SortOrderNode[]): SortNode {
    return Object.freeze({
      kind: "sort",
      planId: nextPlanId(),
      input,
      orders: Object.freeze([...orders]),
    });
  },
};
