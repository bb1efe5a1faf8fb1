/**
 * Validates a DataFrame against a suite in as few queries as the suite allows, through the
 * DataFrame API only (so it runs on every engine): schema checks need no query; every count
 * and statistic comes from ONE aggregate query; a second query runs only when row-level
 * expectations found unexpected rows whose values the result format shows. `meta.scans`
 * says how many queries read the data. An expectation that cannot be computed (unknown
 * column, wrong type, a refused statistic) fails alone, with `exception_info`.
 */
import type { DataFrame } from "../dataframe/dataframe.js";
import { aggregatePass, ROW_ID, withDerived } from "./aggregate-pass.js";
import type { Compiled, Metrics, Outcome } from "./compile/plan.js";
import { compileExpectation } from "./compile/registry.js";
import type { ExpectationConfig } from "./kwargs.js";
import { parseResultFormat, type ResultFormatInput } from "./result-format.js";
import {
  type ExpectationValidationResult,
  exceptionInfo,
  type JsonValue,
  NO_EXCEPTION,
  type SuiteValidationResult,
} from "./results.js";
import { collectSamples, type SampleRequest } from "./samples.js";
import type { ExpectationSuite } from "./suite.js";

/** Options of a validation. */
export interface ValidateOptions {
  /** The default result format (GE's default: SUMMARY); an expectation's own kwarg wins. */
  readonly result_format?: ResultFormatInput;
  /** "Now" for freshness expectations (default: the current time). */
  readonly now?: Date;
}

type Done = { readonly outcome: Outcome } | { readonly error: unknown };

function resultOf(config: ExpectationConfig, done: Done): ExpectationValidationResult {
  const expectation_config = config;
  if ("error" in done) {
    if (config.kwargs.catch_exceptions === false) throw done.error;
    return {
      success: false,
      expectation_config,
      result: {},
      meta: {},
      exception_info: exceptionInfo(done.error),
    };
  }
  const { success, result } = done.outcome;
  return { success, expectation_config, result, meta: {}, exception_info: NO_EXCEPTION };
}

function attempt(f: () => Outcome): Done {
  try {
    return { outcome: f() };
  } catch (error) {
    return { error };
  }
}

/**
 * Validates `df` against `suite`, returning GE 1.x's validation result.
 *
 * @example
 * ```ts
 * const result = await validate(orders, suite("orders").expectColumnValuesToNotBeNull("id"));
 * if (!result.success) console.log(JSON.stringify(result.results, null, 2));
 * result.meta.scans; // 1 when nothing failed, at most 2
 * ```
 */
export async function validate(
  df: DataFrame,
  suite: ExpectationSuite,
  options: ValidateOptions = {},
): Promise<SuiteValidationResult> {
  const started = new Date();
  const schema = await df.schema;
  const now = options.now ?? started;
  const done = new Map<number, Done>();
  const compiled = new Map<number, Compiled>();
  suite.expectations.forEach((config, index) => {
    const own = config.kwargs.result_format;
    const format = parseResultFormat(own ?? options.result_format ?? "SUMMARY");
    const ctx = { schema, format, now, name: (key: string) => `__q${index}_${key}` };
    try {
      compiled.set(index, compileExpectation(config, ctx));
    } catch (error) {
      done.set(index, { error });
    }
  });

  // Schema checks need no query: only expectations with statistics or row checks do.
  const queried = new Map([...compiled].filter(([, c]) => c.readsData));
  const { results: pass, scans: aggregateScans } =
    queried.size === 0 ? { results: new Map(), scans: 0 } : await aggregatePass(df, queried);
  let scans = aggregateScans;

  const metricsOf = (index: number): Metrics | undefined => {
    const r = pass.get(index);
    return r !== undefined && "metrics" in r ? r.metrics : undefined;
  };
  const requests: SampleRequest[] = [];
  for (const [index, c] of queried) {
    const m = metricsOf(index);
    const limit = m === undefined || c.rows === undefined ? 0 : c.samplesWanted(m);
    if (m !== undefined && c.rows !== undefined && limit > 0) {
      requests.push({ index, rows: c.rows, limit });
    }
  }
  let samples = new Map<number, JsonValue[]>();
  let samplesError: unknown;
  if (requests.length > 0) {
    scans += 1;
    const needed = requests.map((r) => compiled.get(r.index)).filter((c) => c !== undefined);
    const base = withDerived(df, needed);
    const ordered = base === df ? undefined : ROW_ID;
    try {
      samples = await collectSamples(base, requests, ordered);
    } catch (error) {
      samplesError = error;
    }
  }

  for (const [index, c] of compiled) {
    const r = pass.get(index);
    if (r !== undefined && "error" in r) {
      done.set(index, { error: r.error });
      continue;
    }
    const wanted = requests.some((q) => q.index === index);
    if (wanted && samplesError !== undefined) {
      done.set(index, { error: samplesError });
      continue;
    }
    const m = metricsOf(index) ?? { rowCount: 0, value: () => null, count: () => 0 };
    done.set(
      index,
      attempt(() => c.finish(m, samples.get(index) ?? [])),
    );
  }

  const results = suite.expectations.map((config, index) =>
    resultOf(config, done.get(index) ?? { error: new Error("not evaluated") }),
  );
  const successful = results.filter((r) => r.success).length;
  const evaluated = results.length;
  return {
    success: successful === evaluated,
    suite_name: suite.name,
    statistics: {
      evaluated_expectations: evaluated,
      successful_expectations: successful,
      unsuccessful_expectations: evaluated - successful,
      success_percent: evaluated === 0 ? null : (successful / evaluated) * 100,
    },
    results,
    suite_parameters: {},
    meta: {
      scans,
      validation_time: started.toISOString(),
      engine: df.sparkSession.engine.name,
    },
  };
}
