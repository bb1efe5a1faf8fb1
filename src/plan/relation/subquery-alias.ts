import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `alias("t")`: lets expressions say `t.col`. */
export interface SubqueryAliasNode {
  readonly kind: "subqueryAlias";
  readonly planId: number;
  readonly input: RelationNode;
  readonly alias: string;
}

export const SubqueryAliasNode = {
  create(input: RelationNode, alias: string): SubqueryAliasNode {
    return Object.freeze({ kind: "subqueryAlias", planId: nextPlanId(), input, alias });
  },
};
