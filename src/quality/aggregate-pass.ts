/**
 * The first query of a validation: every statistic and count of every expectation in ONE
 * aggregate (plus `count(*)`), over the DataFrame with the expectations' window columns
 * added: a `df.agg(...)`, or a `groupingSets` aggregate when some string columns are checked
 * per distinct value (by-value.ts; per-set.ts when every statistic merges exactly from
 * per-group partials, partials.ts). If the engine refuses that query (a statistic its engine cannot compute on some
 * column), each expectation is retried alone, so only the ones that fail report an
 * exception and the others still get their result.
 */
import type { Column } from "../column/column.js";
import * as F from "../column/functions/index.js";
import type { DataFrame } from "../dataframe/dataframe.js";
import type { Row } from "../engine/engine.js";
import { groupedAggregate, planGrouping } from "./by-value.js";
import type { Compiled, Metrics, ValueCount } from "./compile/plan.js";
import { toNumber } from "./json-value.js";
import { decomposeAll } from "./partials.js";
import { byValueColumns, perSetAggregate } from "./per-set.js";

/** The row-count alias, shared by every expectation. */
const ROWS = "__rows";

/** The outcome of the pass for one expectation: its metrics, or why they are missing. */
export type PassResult = { readonly metrics: Metrics } | { readonly error: unknown };

/** `aliases` maps each declared key to the column that computed it (see `shared`). */
function metricsOf(row: Row, aliases: ReadonlyMap<string, string>): Metrics {
  const at = (key: string) => row[aliases.get(key) ?? key];
  return {
    rowCount: toNumber(row[ROWS]) ?? 0,
    value: at,
    count: (key) => toNumber(at(key)) ?? 0,
  };
}

/** A plan node's identity: its JSON (bigint literals tagged, as JSON has none). */
function identity(column: Column): string {
  return JSON.stringify(column.expr, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
}

/**
 * Each distinct aggregate once: suites repeat them (every check of a column counts its
 * non-null rows; a distinct count serves two expectations), and the engine would compute
 * each copy. Returns the columns to select and, per declared key, the alias that holds it.
 */
export function shared(aggregates: Readonly<Record<string, Column>>): {
  columns: Column[];
  named: { name: string; column: Column }[];
  aliases: Map<string, string>;
} {
  const byIdentity = new Map<string, string>();
  const aliases = new Map<string, string>();
  const columns: Column[] = [];
  const named: { name: string; column: Column }[] = [];
  for (const [name, column] of Object.entries(aggregates)) {
    const id = identity(column);
    const first = byIdentity.get(id);
    if (first !== undefined) {
      aliases.set(name, first);
      continue;
    }
    byIdentity.set(id, name);
    columns.push(column.alias(name));
    named.push({ name, column });
  }
  return { columns, named, aliases };
}

/** A column giving each row its position, so window columns cannot lose the row order. */
export const ROW_ID = "__row_id";

/**
 * The DataFrame with the window columns of `compiled` added (and `ROW_ID` before them), or
 * the DataFrame itself when none needs a window.
 */
export function withDerived(df: DataFrame, compiled: Iterable<Compiled>): DataFrame {
  const derived: Record<string, Column> = {};
  for (const c of compiled) Object.assign(derived, c.derived);
  if (Object.keys(derived).length === 0) return df;
  return df.withColumn(ROW_ID, F.monotonically_increasing_id()).withColumns(derived);
}

async function run(df: DataFrame, compiled: readonly Compiled[]): Promise<Metrics> {
  const aggregates: Record<string, Column> = {};
  const counts: Record<string, ValueCount> = {};
  for (const c of compiled) {
    Object.assign(aggregates, c.aggregates);
    Object.assign(counts, c.valueCounts);
  }
  const base = withDerived(df, compiled);
  // Counts over a grouped column come from its distinct values; the rest stay per row.
  const perValue = (columns: readonly string[]) =>
    Object.entries(counts).filter(([, c]) => columns.includes(c.column));
  const perRowOf = (columns: readonly string[]) =>
    Object.fromEntries(
      Object.entries(aggregates).filter(([name]) => !perValue(columns).some(([k]) => k === name)),
    );
  const schema = await base.schema;
  const merges = (columns: readonly string[]) =>
    decomposeAll(shared(perRowOf(columns)).named, schema);
  const plan = await planGrouping(df, Object.values(counts), (columns) => {
    const m = merges(columns);
    return m === undefined ? undefined : byValueColumns(m);
  });
  if (plan.columns.length === 0) {
    const { columns, aliases } = shared(aggregates);
    const rows = await base.agg(F.count(F.lit(1)).alias(ROWS), ...columns).collect();
    return metricsOf(rows[0] ?? {}, aliases);
  }
  const valueCounts = perValue(plan.columns).map(([name, count]) => ({ name, count }));
  const { named, aliases } = shared(perRowOf(plan.columns));
  const merged = plan.merged ? merges(plan.columns) : undefined;
  const frame =
    merged === undefined
      ? groupedAggregate(base, plan.columns, named, valueCounts)
      : perSetAggregate(base, { grouped: plan.columns, aggregates: merged, counts: valueCounts });
  const rows = await frame.collect();
  return metricsOf(rows[0] ?? {}, aliases);
}

/**
 * Runs the pass; `scans` counts the queries it ran (1, or more after a refused query).
 *
 * @example
 * ```ts
 * const { results, scans } = await aggregatePass(df, compiled);
 * ```
 */
export async function aggregatePass(
  df: DataFrame,
  compiled: ReadonlyMap<number, Compiled>,
): Promise<{ results: Map<number, PassResult>; scans: number }> {
  const results = new Map<number, PassResult>();
  try {
    const metrics = await run(df, [...compiled.values()]);
    for (const index of compiled.keys()) results.set(index, { metrics });
    return { results, scans: 1 };
  } catch {
    // Retry each expectation alone, so one the engine refuses does not take the others along.
    let scans = 1;
    for (const [index, c] of compiled) {
      scans += 1;
      try {
        results.set(index, { metrics: await run(df, [c]) });
      } catch (error) {
        results.set(index, { error });
      }
    }
    return { results, scans };
  }
}
