/**
 * A parsed `SELECT ... FROM ... WHERE ... GROUP BY ... HAVING` block before planning, and
 * the ORDER BY keys that may still reach into it (Spark lets `ORDER BY` name input columns
 * the select list dropped).
 */
import type { SortOrderNode } from "../plan/expression/sort-order.js";
import type { ExprNode, RelationNode } from "../plan/node.js";
import type { GroupType } from "../plan/relation/aggregate.js";

export interface GroupBy {
  readonly type: GroupType;
  readonly keys: readonly ExprNode[];
  /** `GROUP BY ALL`: the select items that do not aggregate. */
  readonly all: boolean;
  /** With `grouping_sets`: the sets, each a list of `keys` (duplicates kept, as Spark does). */
  readonly sets: readonly (readonly ExprNode[])[];
}

export interface SelectSpec {
  readonly distinct: boolean;
  readonly items: readonly ExprNode[];
  readonly from: RelationNode;
  readonly where: ExprNode | undefined;
  readonly groupBy: GroupBy | undefined;
  readonly having: ExprNode | undefined;
}

/** A sort key as written, with its position when it is an ordinal (`ORDER BY 2`). */
export interface OrderKey {
  readonly order: SortOrderNode;
  readonly ordinal: number | undefined;
}
