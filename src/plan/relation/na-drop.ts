import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/**
 * `na.drop(how, thresh, subset)`: keeps rows with at least `minNonNulls` non-null values
 * among `columns` (all columns when undefined). `how="any"` is minNonNulls = column count,
 * `how="all"` is 1.
 */
export interface NaDropNode {
  readonly kind: "naDrop";
  readonly planId: number;
  readonly input: RelationNode;
  readonly columns: readonly string[] | undefined;
  readonly minNonNulls: number | undefined;
}

export const NaDropNode = {
  create(
    input: RelationNode,
    columns: readonly string[] | undefined,
    minNonNulls: number | undefined,
  ): NaDropNode {
    return Object.freeze({
      kind: "naDrop",
      planId: nextPlanId(),
      input,
      columns: columns === undefined ? undefined : Object.freeze([...columns]),
      minNonNulls,
    });
  },
};
