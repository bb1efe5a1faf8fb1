import type { RelationNode } from "../node.js";
import { nextPlanId } from "../plan-id.js";

/** `sample(fraction, seed)`: a Bernoulli sample of about `fraction` of the rows. */
export interface SampleNode {
  readonly kind: "sample";
  readonly planId: number;
  readonly input: RelationNode;
  readonly fraction: number;
  readonly withReplacement: boolean;
  readonly seed: number | undefined;
}

export const SampleNode = {
  create(
    input: RelationNode,
    fraction: number,
    withReplacement: boolean,
    seed?: number,
  ): SampleNode {
    return Object.freeze({
      kind: "sample",
      planId: nextPlanId(),
      input,
      fraction,
      withReplacement,
      seed,
    });
  },
};
