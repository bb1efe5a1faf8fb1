import type { ExprNode, RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/**
 * `unpivot(ids, values, variableColumnName, valueColumnName)` (alias `melt`): per input row,
 * one row per value column: the id columns, the value column's name, its value (of the value
 * columns' common type). `values` undefined means every column that is not an id (Spark
 * Connect's Unpivot).
 */
export interface UnpivotNode {
  readonly kind: "unpivot";
  readonly planId: number;
  readonly input: RelationNode;
  readonly ids: readonly ExprNode[];
  readonly values: readonly ExprNode[] | undefined;
  readonly variableColumnName: string;
  readonly valueColumnName: string;
}

export const UnpivotNode = {
  create(
    input: RelationNode,
    ids: readonly ExprNode[],
    values: readonly ExprNode[] | undefined,
    variableColumnName: string,
    valueColumnName: string,
  ): UnpivotNode {
    return Object.freeze({
      kind: "unpivot",
      planId: nextPlanId(),
      input,
      ids: Object.freeze([...ids]),
      values: values === undefined ? undefined : Object.freeze([...values]),
      variableColumnName,
      valueColumnName,
    });
  },
};
