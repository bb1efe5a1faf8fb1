/**
 * Pipelines: `definePipeline` describes read -> transform -> quality -> write; `run()` (or
 * `tributary run pipeline.ts`) runs it with a run id, metrics, logging and a run log.
 */
export {
  definePipeline,
  isPipeline,
  type Pipeline,
  type PipelineContext,
  type PipelineDefinition,
  type QualityGate,
  type SinkSpec,
  type SourceSpec,
} from "./definition.js";
export { PipelineError } from "./pipeline-error.js";
export { RUNS_SCHEMA } from "./runs-log.js";
export {
  type PipelineSummary,
  type QualityOutcome,
  type RunOptions,
  type RunStatus,
  summaryLines,
} from "./summary.js";
