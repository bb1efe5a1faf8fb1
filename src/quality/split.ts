/**
 * The row-level split for quarantine: every row gets an `_errors` array naming the
 * row-level expectations it fails (empty when it passes), computed lazily by the engine
 * like any column, so a pipeline writes `good` to its target and `bad` to a quarantine
 * table and every row lands in exactly one. GE's null rule holds: a null value fails only
 * the null checks. Table-level expectations and statistics have no row to blame and are
 * left out; `mostly` is ignored (a row either passes a check or it does not).
 */
import type { Column } from "../column/column.js";
import * as F from "../column/functions/index.js";
import type { DataFrame } from "../dataframe/dataframe.js";
import { TributaryError } from "../errors.js";
import { ROW_ID, withDerived } from "./aggregate-pass.js";
import type { Compiled } from "./compile/plan.js";
import { compileExpectation } from "./compile/registry.js";
import { QualityError } from "./errors.js";
import type { ExpectationConfig } from "./kwargs.js";
import { parseResultFormat } from "./result-format.js";
import type { ExpectationSuite } from "./suite.js";

/** The `_errors` column's name. */
export const ERRORS_COLUMN = "_errors";

/** How a failed expectation is named in `_errors`: its type and its columns. */
export function errorLabel(config: ExpectationConfig): string {
  const k = config.kwargs as Readonly<Record<string, unknown>>;
  const cols = [
    k.column,
    k.column_A,
    k.column_B,
    ...(Array.isArray(k.column_list) ? k.column_list : []),
  ].filter((c): c is string => typeof c === "string");
  return `${config.type}(${cols.join(", ")})`;
}

/**
 * `df` with an `_errors` array<string> column; the window and helper columns the checks need
 * are dropped again. Throws for an expectation that cannot apply to `df` (unknown column).
 *
 * @example
 * ```ts
 * const checked = await withQualityErrors(orders, rules);
 * await checked.filter("size(_errors) = 0").drop("_errors").write.mode("append").save("lake/orders");
 * await checked.filter("size(_errors) > 0").write.mode("append").save("lake/orders_quarantine");
 * ```
 */
export async function withQualityErrors(
  df: DataFrame,
  suite: ExpectationSuite,
): Promise<DataFrame> {
  const schema = await df.schema;
  const format = parseResultFormat("BOOLEAN_ONLY");
  const now = new Date();
  const checks: { label: string; compiled: Compiled }[] = [];
  suite.expectations.forEach((config, index) => {
    const ctx = { schema, format, now, name: (key: string) => `__q${index}_${key}` };
    const compiled = compileOrExplain(config, index, ctx);
    if (compiled.rows !== undefined) checks.push({ label: errorLabel(config), compiled });
  });
  const labels: Column[] = checks.map(({ label, compiled }) =>
    F.when(compiled.rows?.unexpected ?? F.lit(false), F.lit(label)),
  );
  const errors =
    labels.length === 0
      ? F.array().cast("array<string>")
      : F.filter(F.array(...labels), (x) => x.isNotNull());
  const helpers = Object.keys(Object.assign({}, ...checks.map((c) => c.compiled.derived)));
  const base = withDerived(
    df,
    checks.map((c) => c.compiled),
  );
  const out = base.withColumn(ERRORS_COLUMN, errors);
  return helpers.length === 0 ? out : out.drop(...helpers, ROW_ID);
}

/** Compiles one expectation; an error names the expectation, its index and its columns. */
function compileOrExplain(
  config: ExpectationConfig,
  index: number,
  ctx: Parameters<typeof compileExpectation>[1],
): Compiled {
  try {
    return compileExpectation(config, ctx);
  } catch (e) {
    if (e instanceof QualityError) throw e;
    const reason = e instanceof Error ? e.message : String(e);
    throw new QualityError(
      "QUALITY_EXPECTATION_NOT_APPLICABLE",
      `expectation #${index} ${errorLabel(config)} cannot apply to the data: ${reason}`,
      {
        cause: e,
        context: { index, type: config.type },
        ...(e instanceof TributaryError && e.hint !== undefined ? { hint: e.hint } : {}),
      },
    );
  }
}

/**
 * The rows that pass every row-level expectation (without `_errors`) and the rows that fail
 * at least one (with `_errors`).
 *
 * @example
 * ```ts
 * const { good, bad } = await splitByQuality(orders, rules);
 * ```
 */
export async function splitByQuality(
  df: DataFrame,
  suite: ExpectationSuite,
): Promise<{ good: DataFrame; bad: DataFrame }> {
  const checked = await withQualityErrors(df, suite);
  const size = F.size(ERRORS_COLUMN);
  return { good: checked.filter(size.eq(0)).drop(ERRORS_COLUMN), bad: checked.filter(size.gt(0)) };
}
