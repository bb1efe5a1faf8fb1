import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** A whole query in the engine's own SQL dialect (`spark.sql`), with the temp views it may use. */
export interface SqlNode {
  readonly kind: "sql";
  readonly planId: number;
  readonly query: string;
  readonly views: Readonly<Record<string, RelationNode>>;
}

export const SqlNode = {
  create(query: string, views: Readonly<Record<string, RelationNode>> = {}): SqlNode {
    return Object.freeze({
      kind: "sql",
      planId: nextPlanId(),
      query,
      views: Object.freeze({ ...views }),
    });
  },
};
