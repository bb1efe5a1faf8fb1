/**
 * How one aggregate of the pass is rebuilt from per-group partials (see per-set.ts): the
 * pass groups the rows by each checked string column (a set each), computes each aggregate's
 * partials per group, and merges them in a tiny outer aggregate. An aggregate qualifies only
 * when the merge gives exactly what the per-row aggregate gives:
 * - counts, `min`, `max`: of any type (a count of counts, a min of mins);
 * - `sum`, `avg`, `stddev_samp` of a byte, short or integer column: the sums are exact longs
 *   (the per-row `avg` sums doubles, equal while the sum stays below 2^53); the standard
 *   deviation exact while the sum of squares fits a double's integers, else Chan's merge
 *   (see `stddev`: the per-row one is Welford's, whose last bits vary run to run);
 * - holistic ones, exact `median` of such a column and a distinct count of any column: from a
 *   set of the pass grouped by that column (its distinct values with their row counts).
 * Anything else (floating-point or long sums, other functions) returns undefined, and the
 * pass keeps its per-row form.
 */
import { Column } from "../column/column.js";
import * as F from "../column/functions/index.js";
import { Window } from "../column/window.js";
import type { CallNode } from "../plan/expression/call.js";
import type { StructType } from "../types/data-types.js";
import { quoteIdentifier } from "../types/sql-string.js";

/** What a merge reads in the outer aggregate. */
export interface MergeContext {
  /** True on the rows of the first string column's set (every row once): the partials' home. */
  readonly main: Column;
  /** A partial or derived column by the name it was declared under. */
  ref(name: string): Column;
  /** True on the rows of the set grouped by `column` (one per distinct value, null included). */
  inSet(column: string): Column;
  /** On those rows: non-null rows up to and including this value, in ascending order. */
  cumulative(column: string): Column;
  /** On those rows: the column's non-null rows. */
  nonNull(column: string): Column;
}

/** One aggregate rebuilt from partials. */
export interface Decomposed {
  /** Per-group aggregates, by unique name. */
  readonly partials: Readonly<Record<string, Column>>;
  /** A column whose distinct values the merge needs in a set of their own (holistic). */
  readonly byValue?: string;
  /** Per-row columns of the outer query (windows over the groups), by unique name. */
  derived?(ctx: MergeContext): Readonly<Record<string, Column>>;
  /** The aggregate over the groups that equals the per-row aggregate. */
  merge(ctx: MergeContext): Column;
}

/** Types whose sums of values are exact longs, and whose values are exact doubles. */
const SMALL_INTEGRAL = new Set(["byte", "short", "integer"]);

/** Spark's rule for a column reference: its field, when the reference names one. */
function fieldName(schema: StructType, node: Column["expr"]): string | undefined {
  if (node.kind !== "column" || node.planId !== undefined) return undefined;
  return schema.fields.find((f) => quoteIdentifier(f.name) === node.name || f.name === node.name)
    ?.name;
}

const sumOf = (ctx: MergeContext, name: string) => F.sum(F.when(ctx.main, ctx.ref(name)));
const count = (ctx: MergeContext, name: string) => F.coalesce(sumOf(ctx, name), F.lit(0));

/** Counts: the sum of the groups' counts (0 over no group, as a count over no row). */
function counted(name: string, partial: Column): Decomposed {
  return { partials: { [name]: partial }, merge: (ctx) => count(ctx, name) };
}

/** `min` / `max`: the extreme of the groups' extremes, under any ordering. */
function extreme(name: string, fn: "min" | "max", arg: Column): Decomposed {
  const agg = fn === "min" ? F.min : F.max;
  return {
    partials: { [name]: agg(arg) },
    merge: (ctx) => agg(F.when(ctx.main, ctx.ref(name))),
  };
}

function average(name: string, x: Column): Decomposed {
  const [s, n] = [`${name}__s`, `${name}__n`];
  return {
    partials: { [s]: F.sum(x), [n]: F.count(x) },
    merge: (ctx) => {
      const rows = count(ctx, n);
      return F.when(rows.gt(0), sumOf(ctx, s).cast("double").divide(rows));
    },
  };
}

/** Below this, a sum of integer squares in doubles is exact (2^53). */
const EXACT_DOUBLE = 2 ** 53;

/**
 * The sample standard deviation, two ways, picked by the data. While the sum of squares stays
 * below 2^53 (a double's integers; the flights' delays: 3e12), each square and sum is exact,
 * so N * sum(x^2) - sum(x)^2 is exact (decimal(38, 0)) and the variance takes two roundings.
 * Past it, Chan et al.'s merge of each group's count, mean and population variance: stable
 * with large offsets, as close to exact as the per-row Welford, whose last bits depend on
 * how threads split the rows (on 2e9 + a spread of 50: per-row 9e-11 off, this 5e-11).
 */
function stddev(name: string, x: Column): Decomposed {
  const [n, s, q] = [`${name}__n`, `${name}__s`, `${name}__q`];
  const [m, v, mean] = [`${name}__m`, `${name}__v`, `${name}__mean`];
  const real = x.cast("double");
  const wide = (c: Column) => c.cast("decimal(38,0)");
  return {
    partials: {
      [n]: F.count(x),
      [s]: F.sum(x),
      [q]: F.sum(real.multiply(real)),
      [m]: F.avg(x),
      [v]: F.var_pop(x),
    },
    derived: (ctx) => {
      const all = Window.partitionBy(F.lit(1));
      const rows = F.sum(F.when(ctx.main, ctx.ref(n))).over(all);
      const total = F.sum(F.when(ctx.main, ctx.ref(s))).over(all);
      return { [mean]: F.when(rows.gt(0), total.cast("double").divide(rows)) };
    },
    merge: (ctx) => {
      const rows = count(ctx, n);
      const squares = sumOf(ctx, q);
      const total = wide(sumOf(ctx, s));
      const exact = wide(rows).multiply(wide(squares)).minus(total.multiply(total)).cast("double");
      const pairs = rows.cast("double").multiply(rows.minus(1).cast("double"));
      const spread = ctx.ref(m).minus(ctx.ref(mean));
      const within = F.sum(F.when(ctx.main, ctx.ref(n).multiply(ctx.ref(v))));
      const between = F.sum(F.when(ctx.main, ctx.ref(n).multiply(spread).multiply(spread)));
      const chan = within.plus(between).divide(rows.minus(1));
      const variance = F.when(squares.lt(EXACT_DOUBLE), exact.divide(pairs)).otherwise(chan);
      return F.when(rows.gt(1), F.sqrt(variance));
    },
  };
}

/** The exact median from the column's distinct values and their row counts. */
function median(column: string, x: Column): Decomposed {
  return {
    partials: {},
    byValue: column,
    merge: (ctx) => {
      const n = ctx.nonNull(column);
      // The value at 0-based position k of the sorted non-null values.
      const at = (k: Column) =>
        F.min(F.when(ctx.inSet(column).and(x.isNotNull()).and(ctx.cumulative(column).gt(k)), x));
      const half = n.minus(1).divide(2);
      const [lo, hi] = [at(F.floor(half)).cast("double"), at(F.ceil(half)).cast("double")];
      return lo.plus(hi).divide(2);
    },
  };
}

function distinctCount(column: string, x: Column): Decomposed {
  return {
    partials: {},
    byValue: column,
    merge: (ctx) => F.count_if(ctx.inSet(column).and(x.isNotNull())),
  };
}

/**
 * The partials and merge of the aggregate `column` (aliased `name`), or undefined when it
 * has no exact merge.
 *
 * @example
 * ```ts
 * decompose("__q1_min", F.min(F.col("distance")), schema)?.partials; // { __q1_min: min(distance) }
 * ```
 */
export function decompose(
  name: string,
  column: Column,
  schema: StructType,
): Decomposed | undefined {
  const call = column.expr;
  if (call.kind !== "call") return undefined;
  const [arg, ...rest] = call.args;
  if (arg === undefined || arg.kind === "star") return undefined;
  const x = new Column(arg);
  if (call.distinct) {
    const field = call.name === "count" && rest.length === 0 ? fieldName(schema, arg) : undefined;
    return field === undefined ? undefined : distinctCount(field, x);
  }
  if (rest.length > 0) return undefined;
  if (call.name === "count_if" || call.name === "count") return counted(name, column);
  if (call.name === "min" || call.name === "max") return extreme(name, call.name, x);
  return numeric(name, call, x, schema);
}

function numeric(
  name: string,
  call: CallNode,
  x: Column,
  schema: StructType,
): Decomposed | undefined {
  const field = fieldName(schema, x.expr);
  const type = schema.fields.find((f) => f.name === field)?.dataType.typeName;
  if (field === undefined || type === undefined || !SMALL_INTEGRAL.has(type)) return undefined;
  if (call.name === "sum") {
    // Null when no value is set, as the per-row sum (so not `counted`).
    return { partials: { [name]: F.sum(x) }, merge: (ctx) => sumOf(ctx, name) };
  }
  if (call.name === "avg" || call.name === "mean") return average(name, x);
  if (call.name === "stddev_samp" || call.name === "stddev" || call.name === "std") {
    return stddev(name, x);
  }
  if (call.name === "median") return median(field, x);
  return undefined;
}

/**
 * Every aggregate's decomposition, or undefined when one of them has no exact merge.
 *
 * @example
 * ```ts
 * decomposeAll([{ name: "__q1_min", column: F.min(F.col("distance")) }], schema);
 * ```
 */
export function decomposeAll(
  named: readonly { readonly name: string; readonly column: Column }[],
  schema: StructType,
): { name: string; decomposed: Decomposed }[] | undefined {
  const all: { name: string; decomposed: Decomposed }[] = [];
  for (const { name, column } of named) {
    const decomposed = decompose(name, column, schema);
    if (decomposed === undefined) return undefined;
    all.push({ name, decomposed });
  }
  return all;
}
