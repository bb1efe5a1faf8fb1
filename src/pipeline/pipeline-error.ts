import { TributaryError } from "../errors.js";
import type { PipelineSummary } from "./summary.js";

/**
 * A run that did not succeed: `PIPELINE_FAILED` (a stage threw; `cause` is the error) or
 * `QUALITY_GATE_FAILED` (an expectation with action `fail` did not pass; nothing was
 * written). The run's summary is attached, and was appended to the run log.
 */
export class PipelineError extends TributaryError {
  readonly summary: PipelineSummary;

  constructor(
    code: "PIPELINE_FAILED" | "QUALITY_GATE_FAILED",
    message: string,
    summary: PipelineSummary,
    options: { cause?: unknown; hint?: string } = {},
  ) {
    super(code, message, options);
    this.summary = summary;
  }
}
