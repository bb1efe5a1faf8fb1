import type { StructType } from "../../types/data-types.js";
import type { LiteralValue } from "../expression/literal.js";
import { nextPlanId } from "../plan-id.js";

/** Rows held in memory (`createDataFrame`), each an array ordered as `schema.fields`. */
export interface LocalRelationNode {
  readonly kind: "localRelation";
  readonly planId: number;
  readonly schema: StructType;
  readonly rows: readonly (readonly LiteralValue[])[];
}

export const LocalRelationNode = {
  create(schema: StructType, rows: readonly (readonly LiteralValue[])[]): LocalRelationNode {
    return Object.freeze({
      kind: "localRelation",
      planId: nextPlanId(),
      schema,
      rows: Object.freeze(rows.map((r) => Object.freeze([...r]))),
    });
  },
};
