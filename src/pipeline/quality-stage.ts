/**
 * The quality stage of a run: validates the transformed rows against the pipeline's gates,
 * in order, and decides what is written.
 * - `fail`: a failed suite blocks the run; nothing is written to the sink.
 * - `warn`: a failed suite is logged (and counted in the metrics); the run goes on.
 * - `quarantine`: rows failing row-level expectations go to a quarantine Delta table with
 *   an `_errors` column naming the failed expectations and the run id; the others go on.
 *   Aggregate and table expectations cannot split rows: when they fail, the gate acts as
 *   `fail` (or as `warn` with `aggregateAction: "warn"`).
 * Rows in = rows written + rows quarantined, always: the split is on `size(_errors) = 0`.
 */
import { size } from "../column/functions/collections.js";
import { lit } from "../column/functions/core.js";
import type { DataFrame } from "../dataframe/dataframe.js";
import type { Logger } from "../logging/index.js";
import { CATALOG } from "../quality/catalog.js";
import { checkAnomalies, withAnomalies } from "../quality/history/anomaly.js";
import { MetricsRepository } from "../quality/history/repository.js";
import { writeValidationReport } from "../quality/report/index.js";
import type { SuiteValidationResult } from "../quality/results.js";
import { ERRORS_COLUMN, withQualityErrors } from "../quality/split.js";
import type { ExpectationSuite } from "../quality/suite.js";
import { readSuite } from "../quality/suite-json.js";
import { validate } from "../quality/validate.js";
import type { PipelineContext, PipelineDefinition, QualityGate } from "./definition.js";
import { besideSink } from "./paths.js";
import type { QualityOutcome } from "./summary.js";

export interface GateResult {
  /** The rows to write to the sink. */
  readonly df: DataFrame;
  readonly outcome: QualityOutcome | undefined;
  /** A gate that blocks (fail) did not pass: nothing may be written. */
  readonly blocked: boolean;
  readonly quarantined: number;
  readonly validations: readonly SuiteValidationResult[];
}

const ROW_FAMILIES = new Set(["column_map", "column_pair_map", "multicolumn_map"]);

function rowLevel(type: string): boolean {
  const spec = (CATALOG as Readonly<Record<string, { family: string }>>)[type];
  return spec !== undefined && ROW_FAMILIES.has(spec.family);
}

/** Where a gate's quarantined rows go: the gate's path, else `<table>_quarantine` beside the sink. */
export function quarantinePathOf(def: PipelineDefinition, gate: QualityGate): string {
  // definePipeline refuses a quarantine gate without a path when the sink is a function.
  return gate.quarantinePath ?? besideSink(def, (table) => `${table}_quarantine`) ?? "";
}

async function suiteOf(gate: QualityGate): Promise<ExpectationSuite> {
  return typeof gate.suite === "string" ? readSuite(gate.suite) : gate.suite;
}

export async function runQuality(
  def: PipelineDefinition,
  df: DataFrame,
  ctx: PipelineContext,
  dryRun: boolean,
  log: Logger,
): Promise<GateResult> {
  const gates =
    def.quality === undefined
      ? []
      : Array.isArray(def.quality)
        ? def.quality
        : [def.quality as QualityGate];
  if (gates.length === 0)
    return { df, outcome: undefined, blocked: false, quarantined: 0, validations: [] };
  let current = df;
  let blocked = false;
  let quarantined = 0;
  let evaluated = 0;
  let failed = 0;
  const failedNames: string[] = [];
  const validations: SuiteValidationResult[] = [];
  let quarantinePath: string | undefined;
  let action: QualityOutcome["action"] = "warn";

  for (const gate of gates) {
    const suite = await suiteOf(gate);
    let result = await validate(
      current,
      suite,
      gate.resultFormat === undefined ? {} : { result_format: gate.resultFormat },
    );
    if (gate.history !== undefined) {
      const repo = new MetricsRepository(
        ctx.spark,
        gate.history.path ?? besideSink(def, "_quality_metrics") ?? "",
      );
      const dataset = gate.history.dataset ?? def.name;
      const checks = gate.history.checks ?? [];
      result = withAnomalies(result, await checkAnomalies(result, repo, dataset, checks));
      if (!dryRun) await repo.append(result, { dataset, runId: ctx.runId });
    }
    validations.push(result);
    if (gate.reportPath !== undefined) await writeValidationReport(gate.reportPath, result);
    evaluated += result.statistics.evaluated_expectations;
    const failures = result.results.filter((r) => !r.success);
    failed += failures.length;
    failedNames.push(...failures.map((r) => r.expectation_config.type));
    if (gate.action === "fail" || (gate.action === "quarantine" && action !== "fail"))
      action = gate.action;
    if (result.success) {
      log.info(
        `Quality suite ${suite.name}: all ${result.statistics.evaluated_expectations} expectations passed`,
      );
      continue;
    }
    const names = failures.map((r) => r.expectation_config.type).join(", ");
    if (gate.action === "warn") {
      log.warn(`Quality suite ${suite.name} failed (action warn, continuing): ${names}`);
      continue;
    }
    if (gate.action === "fail") {
      log.error(`Quality suite ${suite.name} failed (action fail, nothing is written): ${names}`);
      blocked = true;
      continue;
    }
    // quarantine
    const aggregates = failures.filter((r) => !rowLevel(r.expectation_config.type));
    if (aggregates.length > 0) {
      const how = gate.aggregateAction ?? "fail";
      const text = aggregates.map((r) => r.expectation_config.type).join(", ");
      if (how === "fail") {
        log.error(
          `Quality suite ${suite.name}: expectations that cannot split rows failed (${text}); nothing is written`,
        );
        blocked = true;
        continue;
      }
      log.warn(
        `Quality suite ${suite.name}: expectations that cannot split rows failed (${text}); continuing (aggregateAction warn)`,
      );
    }
    if (failures.length === aggregates.length) continue;
    const checked = await withQualityErrors(current, suite);
    const bad = checked.filter(size(ERRORS_COLUMN).gt(0)).withColumn("_run_id", lit(ctx.runId));
    const target = quarantinePathOf(def, gate);
    quarantinePath = target;
    if (!dryRun && !blocked) {
      const written = await bad.write
        .format("delta")
        .mode("append")
        .option("mergeSchema", true)
        .save(target);
      const n = Number.isFinite(written.rowsWritten) ? written.rowsWritten : await bad.count();
      quarantined += n;
      log.warn(`Quality suite ${suite.name}: ${n} rows quarantined to ${target} (${names})`);
    }
    current = checked.filter(size(ERRORS_COLUMN).eq(0)).drop(ERRORS_COLUMN);
  }
  const outcome: QualityOutcome = {
    success: failed === 0,
    action,
    evaluated,
    failed,
    failedExpectations: failedNames,
    ...(quarantinePath === undefined ? {} : { quarantinePath }),
  };
  return { df: current, outcome, blocked, quarantined, validations };
}
