/**
 * Row checks on a low-cardinality string column, evaluated once per distinct value instead
 * of once per row. The aggregate pass becomes one `groupingSets` aggregate: a set per such
 * column (its distinct values and their row counts) and the empty set (every other aggregate),
 * then a tiny aggregate over those rows that weights each check by the value's row count.
 * Still one scan; on the flights suite the aggregate query drops from 2.2x to 1.9x the CPU
 * of a scan parsing the same columns (regexes and lengths ran on 3M rows, now on 229 values).
 * When every other aggregate merges exactly from per-group partials, per-set.ts drops the
 * empty set instead (`GroupingPlan.merged`).
 *
 * Every set also computes the suite's other aggregates per value (SQL cannot skip them in one
 * set: that repetition is most of what remains), so a column qualifies only when a bounded
 * probe of the first rows shows few distinct values (the holistic aggregates' columns too):
 * a unique column would make every aggregate state per row. The probe runs only over a plan whose first rows are cheap: reads,
 * filters and projections without a window (not a join, sort, aggregate or limit).
 */
import type { Column } from "../column/column.js";
import * as F from "../column/functions/index.js";
import type { DataFrame } from "../dataframe/dataframe.js";
import { childrenOf, type RelationNode } from "../plan/node.js";
import { quoteIdentifier } from "../types/sql-string.js";
import { colRef } from "./compile/columns.js";
import type { ValueCount } from "./compile/plan.js";
import { toNumber } from "./json-value.js";

/** Rows the probe reads from the start of the data. */
const PROBE_ROWS = 10_000;
/** At most this many distinct values in the probe (and 10 rows per value on average). */
const MAX_VALUES = 1_000;
/** At most this many grouped columns: each set repeats the suite's other aggregates. */
const MAX_COLUMNS = 4;

/** Relations whose first rows come without reading the whole input. */
const STREAMING = new Set<RelationNode["kind"]>([
  "read",
  "localRelation",
  "range",
  "filter",
  "project",
  "withColumns",
  "withColumnsRenamed",
  "drop",
  "toDF",
  "subqueryAlias",
  "naFill",
  "naDrop",
]);

/** A window function in a projection's or filter's own expressions (their JSON holds the kind). */
function hasWindow(node: RelationNode): boolean {
  if (node.kind !== "project" && node.kind !== "withColumns" && node.kind !== "filter") {
    return false;
  }
  const own = { ...node, input: undefined };
  return JSON.stringify(own, (_, v) => (typeof v === "bigint" ? 0 : v)).includes('"kind":"window"');
}

function streams(node: RelationNode): boolean {
  return STREAMING.has(node.kind) && !hasWindow(node) && childrenOf(node).every(streams);
}

/**
 * Columns worth grouping: strings with a costly check (a regex, a length). A set repeats the
 * other aggregates, which costs more than a null, set or distinct check on every row.
 */
function candidates(df: DataFrame, counts: Iterable<ValueCount>, strings: Set<string>): string[] {
  const costly = new Set<string>();
  for (const { column, costly: c } of counts) if (c === true) costly.add(column);
  if (!streams(df.plan)) return [];
  return [...costly].filter((c) => strings.has(c));
}

/** Which columns the pass groups by, and whether their sets can merge the statistics. */
export interface GroupingPlan {
  /** String columns whose checks are counted per distinct value (empty: every row). */
  readonly columns: string[];
  /**
   * True when every statistic merges from the first column's set and each holistic one's
   * column has few values (per-set.ts); false: the empty set computes them (`groupedAggregate`).
   */
  readonly merged: boolean;
}

/** Few enough distinct values in the probe (and 10 rows per value) for a set of its own. */
function few(values: number, rows: number): boolean {
  return values <= MAX_VALUES && (rows < PROBE_ROWS || values * 10 <= rows);
}

/**
 * Plans the grouping: probes the first rows once for the distinct values of each candidate
 * column and of each `byValue` column (the holistic aggregates' ones;
 * undefined when some aggregate has no exact merge).
 *
 * @example
 * ```ts
 * await planGrouping(df, [{ column: "origin", where: F.col("origin").rlike("^[A-Z]{3}$") }], () => []);
 * ```
 */
export async function planGrouping(
  df: DataFrame,
  counts: Iterable<ValueCount>,
  byValueOf: (columns: readonly string[]) => readonly string[] | undefined,
): Promise<GroupingPlan> {
  const schema = await df.schema;
  const strings = new Set(
    schema.fields.filter((f) => f.dataType.typeName === "string").map((f) => f.name),
  );
  const cols = candidates(df, counts, strings);
  if (cols.length === 0) return { columns: [], merged: false };
  const byValue = cols.length > MAX_COLUMNS ? undefined : byValueOf(cols);
  const holistic = (byValue ?? []).filter((c) => !cols.includes(c));
  const [row] = await df
    .limit(PROBE_ROWS)
    .agg(
      F.count(F.lit(1)).alias("n"),
      ...cols.map((c, i) => F.count_distinct(colRef(c)).alias(`d${i}`)),
      ...holistic.map((c, i) => F.count_distinct(colRef(c)).alias(`h${i}`)),
    )
    .collect();
  const rows = toNumber(row?.n) ?? 0;
  const valuesOf = (alias: string) => toNumber(row?.[alias]) ?? Number.POSITIVE_INFINITY;
  const columns = cols.filter((_, i) => few(valuesOf(`d${i}`), rows)).slice(0, MAX_COLUMNS);
  const merged =
    byValue !== undefined &&
    columns.length === cols.length &&
    holistic.length === byValue.length &&
    holistic.every((_, i) => few(valuesOf(`h${i}`), rows));
  return { columns, merged };
}

/**
 * The columns to evaluate per distinct value (empty: evaluate every check per row), each in
 * a set of its own.
 *
 * @example
 * ```ts
 * await groupedColumns(df, [{ column: "origin", where: F.col("origin").rlike("^[A-Z]{3}$") }]);
 * ```
 */
export async function groupedColumns(
  df: DataFrame,
  counts: Iterable<ValueCount>,
): Promise<string[]> {
  return (await planGrouping(df, counts, () => undefined)).columns;
}

const GROUPING = "__grouping";
const ROWS = "__rows";

/**
 * One aggregate over `df`: `aggregates` (aliased columns, computed over every row) and each
 * value count of a grouped column (the others must be among `aggregates`), plus `__rows`.
 */
export function groupedAggregate(
  df: DataFrame,
  grouped: readonly string[],
  aggregates: readonly { readonly name: string; readonly column: Column }[],
  counts: readonly { readonly name: string; readonly count: ValueCount }[],
): DataFrame {
  const keys = grouped.map(colRef);
  const id = F.expr(`grouping_id(${grouped.map(quoteIdentifier).join(", ")})`).alias(GROUPING);
  const sets = [...keys.map((k) => [k]), []];
  const inner = df
    .groupingSets(sets, ...keys)
    .agg(F.count(F.lit(1)).alias(ROWS), id, ...aggregates.map((a) => a.column.alias(a.name)));
  // grouping_id: bit (k - 1 - i) set when the i-th key is not in the row's set.
  const all = 2 ** grouped.length - 1;
  const inSet = (column: string) =>
    F.col(GROUPING).equalTo(F.lit(all - 2 ** (grouped.length - 1 - grouped.indexOf(column))));
  const whole = F.col(GROUPING).equalTo(F.lit(all));
  return inner.agg(
    F.first(F.when(whole, F.col(ROWS)), true).alias(ROWS),
    ...aggregates.map((a) => F.first(F.when(whole, F.col(a.name)), true).alias(a.name)),
    ...counts.map(({ name, count }) => {
      const rows = inSet(count.column).and(count.where);
      // A set's rows are its column's distinct values (null included, `where` decides).
      return (count.distinct === true ? F.count_if(rows) : F.sum(F.when(rows, F.col(ROWS)))).alias(
        name,
      );
    }),
  );
}
