import type { LiteralNode } from "../expression/literal.js";
import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/**
 * `na.fill(value, subset)` / `na.fill({col: value})`: replaces nulls in columns whose type
 * matches the value's (numbers fill numeric columns, strings string columns, booleans
 * boolean columns), as Spark does.
 */
export interface NaFillNode {
  readonly kind: "naFill";
  readonly planId: number;
  readonly input: RelationNode;
  /** Column -> value; `undefined` column list means "every column of a matching type". */
  readonly columns: readonly string[] | undefined;
  readonly values: readonly LiteralNode[];
}

export const NaFillNode = {
  create(
    input: RelationNode,
    columns: readonly string[] | undefined,
    values: readonly LiteralNode[],
  ): NaFillNode {
    return Object.freeze({
      kind: "naFill",
      planId: nextPlanId(),
      input,
      columns: columns === undefined ? undefined : Object.freeze([...columns]),
      values: Object.freeze([...values]),
    });
  },
};
