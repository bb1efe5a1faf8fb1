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
import { failureText } from "./failure-text.js";
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

/** Which action wins when several gates act: nothing written beats rows set aside beats a warning. */
const STRICTNESS: Readonly<Record<QualityOutcome["action"], number>> = {
  warn: 0,
  quarantine: 1,
  fail: 2,
};

type Action = QualityOutcome["action"];

function stricter(a: Action, b: Action): Action {
  return STRICTNESS[b] > STRICTNESS[a] ? b : a;
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
  let evaluated = 0;
  let failed = 0;
  const failedNames: string[] = [];
  const failureLines: string[] = [];
  const validations: SuiteValidationResult[] = [];
  // Quarantine writes wait until every gate has passed judgement: a later gate that blocks
  // the run must leave no quarantine table behind either.
  const pending: { readonly rows: DataFrame; readonly target: string; readonly text: string }[] =
    [];
  let configured: QualityOutcome["action"] = "warn";
  let taken: QualityOutcome["action"] | undefined;
  const take = (a: QualityOutcome["action"]) => {
    taken = taken === undefined ? a : stricter(taken, a);
  };

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
    failureLines.push(...failures.map(failureText));
    configured = stricter(configured, gate.action);
    if (result.success) {
      log.info(
        `Quality suite ${suite.name}: all ${result.statistics.evaluated_expectations} expectations passed`,
      );
      continue;
    }
    const names = failures.map(failureText).join("; ");
    if (gate.action === "warn") {
      take("warn");
      log.warn(`Quality suite ${suite.name} failed (action warn, continuing): ${names}`);
      continue;
    }
    if (gate.action === "fail") {
      take("fail");
      log.error(`Quality suite ${suite.name} failed (action fail, nothing is written): ${names}`);
      blocked = true;
      continue;
    }
    // quarantine
    const aggregates = failures.filter((r) => !rowLevel(r.expectation_config.type));
    if (aggregates.length > 0) {
      const how = gate.aggregateAction ?? "fail";
      const text = aggregates.map(failureText).join("; ");
      take(how);
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
    take("quarantine");
    const checked = await withQualityErrors(current, suite);
    const bad = checked.filter(size(ERRORS_COLUMN).gt(0)).withColumn("_run_id", lit(ctx.runId));
    pending.push({ rows: bad, target: quarantinePathOf(def, gate), text: names });
    current = checked.filter(size(ERRORS_COLUMN).eq(0)).drop(ERRORS_COLUMN);
  }
  let quarantined = 0;
  if (!dryRun && !blocked) {
    for (const q of pending) {
      const written = await q.rows.write
        .format("delta")
        .mode("append")
        .option("mergeSchema", true)
        .save(q.target);
      const n = Number.isFinite(written.rowsWritten) ? written.rowsWritten : await q.rows.count();
      quarantined += n;
      log.warn(`${n} rows quarantined to ${q.target} (${q.text})`);
    }
  }
  const quarantinePath = pending.at(-1)?.target;
  const outcome: QualityOutcome = {
    success: failed === 0,
    action: taken ?? configured,
    evaluated,
    failed,
    failedExpectations: failedNames,
    failures: failureLines,
    ...(quarantinePath === undefined || blocked ? {} : { quarantinePath }),
  };
  return { df: current, outcome, blocked, quarantined, validations };
}
