import { type ErrorCode, TributaryError } from "../errors.js";
import type { PipelineSummary } from "./summary.js";

/**
 * A run that did not succeed: `PIPELINE_FAILED` (a stage threw; `cause` is the error) or
 * `QUALITY_GATE_FAILED` (an expectation with action `fail` did not pass; nothing was
 * written). The run's summary is attached, and was appended to the run log.
 */
export type PipelineErrorCode =
  | typeof ErrorCode.PIPELINE_FAILED
  | typeof ErrorCode.QUALITY_GATE_FAILED;

export class PipelineError extends TributaryError {
  readonly summary: PipelineSummary;

  constructor(
    code: PipelineErrorCode,
    message: string,
    summary: PipelineSummary,
    options: { cause?: unknown; hint?: string } = {},
  ) {
    super(code, message, options);
    this.summary = summary;
  }
}
