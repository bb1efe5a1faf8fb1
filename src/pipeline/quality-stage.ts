/**
 * The quality stage of a run: validates the transformed rows against the pipeline's gates
 * and decides what is written. Without gates the rows pass through unchanged.
 */
import type { DataFrame } from "../dataframe/dataframe.js";
import type { Logger } from "../logging/index.js";
import type { PipelineContext, PipelineDefinition } from "./definition.js";
import type { QualityOutcome } from "./summary.js";

export interface GateResult {
  /** The rows to write to the sink. */
  readonly df: DataFrame;
  readonly outcome: QualityOutcome | undefined;
  /** A `fail` gate did not pass: nothing may be written. */
  readonly blocked: boolean;
  readonly quarantined: number;
}

export async function runQuality(
  _def: PipelineDefinition,
  df: DataFrame,
  _ctx: PipelineContext,
  _dryRun: boolean,
  _log: Logger,
): Promise<GateResult> {
  return { df, outcome: undefined, blocked: false, quarantined: 0 };
}
