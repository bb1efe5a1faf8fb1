import { nextPlanId } from "../plan-id.js";

/** `spark.range(start, end, step)`: one `bigint` column `id`. */
export interface RangeNode {
  readonly kind: "range";
  readonly planId: number;
  readonly start: bigint;
  readonly end: bigint;
  readonly step: bigint;
}

export const RangeNode = {
  create(start: bigint, end: bigint, step: bigint): RangeNode {
    return Object.freeze({ kind: "range", planId: nextPlanId(), start, end, step });
  },
};
