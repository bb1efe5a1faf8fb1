/**
 * The pass as grouping sets with no empty set: one set per checked string column (its
 * distinct values and their row counts, the string checks evaluated once per value) and one
 * per column of a holistic aggregate (exact median, distinct count: from its values' counts).
 * Every other aggregate is computed as partials per group (partials.ts) and merged from the
 * first string column's set, which holds every row once. `groupedAggregate` (by-value.ts)
 * computes them per row in an empty set instead, and SQL computes every aggregate in every
 * set, an exact median per group included: on the flights suite that median alone costs
 * ~185 ms of CPU over its three sets, the (delay) set here ~50 ms.
 */
import type { Column } from "../column/column.js";
import * as F from "../column/functions/index.js";
import { Window } from "../column/window.js";
import type { DataFrame } from "../dataframe/dataframe.js";
import { quoteIdentifier } from "../types/sql-string.js";
import { colRef } from "./compile/columns.js";
import type { ValueCount } from "./compile/plan.js";
import type { Decomposed, MergeContext } from "./partials.js";

const GROUPING = "__grouping";
const ROWS = "__rows";

/** What the pass computes: aggregates with their merges, and per-value counts. */
export interface PerSetSpec {
  /** The checked string columns, each in a set of its own; the first holds the partials. */
  readonly grouped: readonly string[];
  readonly aggregates: readonly { readonly name: string; readonly decomposed: Decomposed }[];
  /** Counts of a grouped column's rows (or distinct values) where a condition holds. */
  readonly counts: readonly { readonly name: string; readonly count: ValueCount }[];
}

/** The columns with a set of their own (holistic aggregates), each once, none grouped. */
export function byValueColumns(aggregates: PerSetSpec["aggregates"]): string[] {
  const columns = aggregates.map((a) => a.decomposed.byValue).filter((c) => c !== undefined);
  return [...new Set(columns)];
}

/**
 * One aggregate over `df` giving `__rows`, every aggregate and every count of `spec`; it
 * reads the data once.
 *
 * @example
 * ```ts
 * perSetAggregate(df, { grouped: ["origin"], aggregates: [], counts: [] }).collect();
 * ```
 */
export function perSetAggregate(df: DataFrame, spec: PerSetSpec): DataFrame {
  const byValue = byValueColumns(spec.aggregates).filter((c) => !spec.grouped.includes(c));
  const keys = [...spec.grouped, ...byValue];
  // grouping_id: bit (k - 1 - i) set when the i-th key is not in the row's set.
  const all = 2 ** keys.length - 1;
  const setOf = (column: string) => all - 2 ** (keys.length - 1 - keys.indexOf(column));
  const id = F.expr(`grouping_id(${keys.map(quoteIdentifier).join(", ")})`).alias(GROUPING);
  const partials = spec.aggregates.flatMap((a) =>
    Object.entries(a.decomposed.partials).map(([name, column]) => column.alias(name)),
  );
  const inner = df
    .groupingSets(
      keys.map((c) => [colRef(c)]),
      ...keys.map(colRef),
    )
    .agg(F.count(F.lit(1)).alias(ROWS), id, ...partials);

  const grouping = F.col(GROUPING);
  const inSet = (c: string) => grouping.equalTo(F.lit(setOf(c)));
  const first = spec.grouped[0] ?? "";
  const cumulative = (c: string) => `__cum_${byValue.indexOf(c)}`;
  const nonNull = (c: string) => `__nonnull_${byValue.indexOf(c)}`;
  const ctx: MergeContext = {
    main: inSet(first),
    ref: (name) => colRef(name),
    inSet,
    cumulative: (c) => colRef(cumulative(c)),
    nonNull: (c) => colRef(nonNull(c)),
  };
  const derived: Record<string, Column> = {};
  for (const c of byValue) {
    const rows = F.sum(F.when(colRef(c).isNotNull(), F.col(ROWS)));
    const set = Window.partitionBy(GROUPING);
    derived[nonNull(c)] = rows.over(set);
    derived[cumulative(c)] = rows.over(
      set.orderBy(colRef(c)).rowsBetween(Window.unboundedPreceding, Window.currentRow),
    );
  }
  for (const a of spec.aggregates) Object.assign(derived, a.decomposed.derived?.(ctx));
  const frame = Object.keys(derived).length === 0 ? inner : inner.withColumns(derived);

  return frame.agg(
    F.coalesce(F.sum(F.when(ctx.main, F.col(ROWS))), F.lit(0)).alias(ROWS),
    ...spec.aggregates.map((a) => a.decomposed.merge(ctx).alias(a.name)),
    ...spec.counts.map(({ name, count }) => {
      const rows = inSet(count.column).and(count.where);
      // A set's rows are its column's distinct values (null included, `where` decides).
      const merged = count.distinct === true ? F.count_if(rows) : F.sum(F.when(rows, F.col(ROWS)));
      return merged.alias(name);
    }),
  );
}
