/**
 * Aggregate functions with Spark's result types: `sum` of integers is a `long` (DuckDB
 * would give HUGEINT), of decimals `decimal(p + 10, s)`; `avg` a `double` or an exact
 * `decimal(p + 4, s + 4)`; `count` a `long`; `first`/`last` ignore nothing
 * unless asked (Spark's `ignorenulls` defaults to false).
 */
import {
  ArrayType,
  ByteType,
  type DataType,
  DoubleType,
  isNumeric,
  LongType,
  StringType,
} from "../../../types/data-types.js";
import { boundedDecimal } from "../../../types/decimal-precision.js";
import { castSql } from "../compiler/cast.js";
import { toDuckDBType } from "../type-mapper.js";
import { nativeDecimalAvg } from "./decimal-avg.js";
import { decimalSumSql } from "./decimal-sum.js";
import { wrapSql } from "./integral.js";
import { isIntegral } from "./operators.js";
import { regressionFunctions } from "./regression.js";
import { asText } from "./strings.js";
import {
  always,
  type FamilyTable,
  type FnArg,
  type FnContext,
  type FunctionDef,
  numericArgs,
  returns,
  sqlOf,
} from "./types.js";

function agg(
  compile: (args: readonly FnArg[], ctx: FnContext) => string,
  minArgs: number,
  maxArgs = minArgs,
  returnType?: FunctionDef["returnType"],
  exactType?: FunctionDef["exactType"],
): FunctionDef {
  return {
    kind: "aggregate",
    minArgs,
    maxArgs,
    compile,
    ...(returnType === undefined ? {} : { returnType }),
    ...(exactType === undefined ? {} : { exactType }),
  };
}

/** min / max keep their argument's type: exact for a number, string, boolean or date-time. */
function atomicArg(args: readonly FnArg[]): boolean {
  const t = args[0]?.type;
  return (
    t !== undefined &&
    (isNumeric(t) ||
      ["string", "boolean", "date", "timestamp", "timestamp_ntz"].includes(t.typeName))
  );
}

const distinct = (ctx: FnContext): string => (ctx.distinct ? "DISTINCT " : "");

function simple(
  duckName: string,
  returnType?: FunctionDef["returnType"],
  exactType?: FunctionDef["exactType"],
): FunctionDef {
  return agg(
    (args, ctx) => `${duckName}(${distinct(ctx)}${sqlOf(args, 0)})${ctx.over}`,
    1,
    1,
    returnType,
    exactType,
  );
}

/** Spark's sum type: a long for integers, `decimal(p + 10, s)`, else a double. */
function sumType(t: DataType | undefined): DataType | undefined {
  if (isIntegral(t)) return LongType;
  if (t?.typeName === "decimal") return boundedDecimal(t.precision + 10, t.scale);
  return t === undefined ? undefined : DoubleType;
}

/**
 * Spark sums and averages a string or a timestamp as a double (a timestamp as seconds since
 * the epoch), casting with its own rules: a malformed string is null, or an error under ANSI.
 */
function numericInput(args: readonly FnArg[], ctx: FnContext): string {
  const a = args[0];
  const t = a?.type;
  if (a === undefined || t === undefined) return sqlOf(args, 0);
  if (t.typeName !== "string" && t.typeName !== "timestamp") return a.sql;
  return castSql(a.sql, t, DoubleType, false, ctx.ansi, ctx.timeZone);
}

/**
 * The sum of an exact decimal result with a narrow form (decimal-narrow.ts): the 64-bit values
 * and the rest (past 18 digits, or null) summed apart, so the common rows stay 64-bit up to
 * DuckDB's own 128-bit accumulator. Not for DISTINCT (a value may fall in either part).
 */
function splitSum(a: FnArg | undefined, ctx: FnContext): string | undefined {
  if (a?.narrowSql === undefined || ctx.distinct || ctx.over !== "") return undefined;
  const narrow = `TRY(${a.narrowSql})`;
  const fits = `sum(${narrow})`;
  const rest = `sum(CASE WHEN ${narrow} IS NULL THEN ${a.sql} END)`;
  return `CASE WHEN ${rest} IS NULL THEN ${fits} WHEN ${fits} IS NULL THEN ${rest} ELSE ${fits} + ${rest} END`;
}

/**
 * Integer sums wrap like Java's long without ANSI; decimal sums past their type are null.
 * try_sum gives null past either type, in both modes (DuckDB sums integers in 128 bits).
 */
function sumOf(onOverflow: "mode" | "null"): FunctionDef {
  return agg(
    (args, ctx) => {
      const inner =
        splitSum(args[0], ctx) ?? `sum(${distinct(ctx)}${numericInput(args, ctx)})${ctx.over}`;
      const t = sumType(args[0]?.type);
      const ansi = onOverflow === "mode" && ctx.ansi;
      if (t === LongType && onOverflow === "null")
        return `CASE WHEN ${inner} BETWEEN -9223372036854775808 AND 9223372036854775807 THEN CAST(${inner} AS BIGINT) END`;
      if (t === LongType) return ansi ? `CAST(${inner} AS BIGINT)` : wrapSql(inner, 64, "BIGINT");
      if (t?.typeName === "decimal") return decimalSumSql(inner, t, ansi);
      return inner;
    },
    1,
    1,
    (args) => sumType(args[0]?.type),
    numericArgs,
  );
}
const sum = sumOf("mode");

/** Spark's avg of a decimal is exact: `decimal(p + 4, s + 4)`, sum / count rounded HALF_UP. */
function avgType(t: DataType | undefined): DataType {
  return t?.typeName === "decimal" ? boundedDecimal(t.precision + 4, t.scale + 4) : DoubleType;
}

const avg: FunctionDef = agg(
  (args, ctx) => {
    const x = numericInput(args, ctx);
    const t = avgType(args[0]?.type);
    // Spark sums a double's worth of each value (DuckDB sums integers exactly first).
    if (t.typeName !== "decimal") return `avg(${distinct(ctx)}CAST(${x} AS DOUBLE))${ctx.over}`;
    const sum = `sum(${distinct(ctx)}${x})${ctx.over}`;
    const n = `count(${distinct(ctx)}${x})${ctx.over}`;
    const udf = `CAST(tributary_decimal('/', CAST(${sum} AS VARCHAR), CAST(${n} AS VARCHAR), ${t.precision}, ${t.scale}, ${ctx.ansi ? "TRUE" : "FALSE"}) AS ${toDuckDBType(t)})`;
    const input = args[0]?.type;
    return (
      (input?.typeName === "decimal" ? nativeDecimalAvg(input, t, sum, n, udf) : undefined) ?? udf
    );
  },
  1,
  1,
  (args) => avgType(args[0]?.type),
  numericArgs,
);

const count: FunctionDef = agg(
  (args, ctx) => {
    if (args.length === 1 && args[0]?.node.kind === "star") return `count(*)${ctx.over}`;
    if (args.length === 1 && args[0]?.node.kind === "literal" && args[0].node.value !== null)
      return `count(*)${ctx.over}`;
    // Spark's count(a, b) counts rows where every argument is non-null.
    if (args.length > 1) {
      const cond = args.map((a) => `${a.sql} IS NOT NULL`).join(" AND ");
      return ctx.distinct
        ? `count(DISTINCT CASE WHEN ${cond} THEN row(${args.map((a) => a.sql).join(", ")}) END)${ctx.over}`
        : `count(CASE WHEN ${cond} THEN 1 END)${ctx.over}`;
    }
    return `count(${distinct(ctx)}${sqlOf(args, 0)})${ctx.over}`;
  },
  1,
  Number.POSITIVE_INFINITY,
  returns(LongType),
  always,
);

/** Spark's collect_list (and array_agg): the non-null values, an empty array for none. */
function collectList(): FunctionDef {
  return agg(
    (args, ctx) =>
      `coalesce(list(${sqlOf(args, 0)}) FILTER (WHERE ${sqlOf(args, 0)} IS NOT NULL)${ctx.over}, [])`,
    1,
    1,
    (args) => (args[0]?.type ? new ArrayType(args[0].type) : undefined),
  );
}

function firstLast(which: "first" | "last"): FunctionDef {
  return agg(
    (args, ctx) => {
      const ignoreNulls = args.length > 1 && args[1]?.sql.toUpperCase() === "TRUE";
      const fn = which === "first" ? "first" : "last";
      // Over a window DuckDB takes first/last as window functions, which have no FILTER.
      if (ignoreNulls && ctx.over !== "")
        return `${fn}_value(${sqlOf(args, 0)} IGNORE NULLS)${ctx.over}`;
      return ignoreNulls
        ? `${fn}(${sqlOf(args, 0)}) FILTER (WHERE ${sqlOf(args, 0)} IS NOT NULL)${ctx.over}`
        : `${fn}(${distinct(ctx)}${sqlOf(args, 0)})${ctx.over}`;
    },
    1,
    2,
    (args) => args[0]?.type,
  );
}

/**
 * Spark's max_by / min_by: the value on the row with the largest (smallest) ordering key,
 * rows with a null key skipped, the value kept even when null, and the later row winning a
 * tie (DuckDB's arg_max keeps the first and skips null values).
 */
function extremumBy(order: "ASC" | "DESC"): FunctionDef {
  return agg(
    (args, ctx) => {
      const [v, k] = [sqlOf(args, 0), sqlOf(args, 1)];
      return `(list(${v} ORDER BY ${k} ${order}) FILTER (WHERE ${k} IS NOT NULL)${ctx.over})[-1]`;
    },
    2,
    2,
    (args) => args[0]?.type,
  );
}

/**
 * Spark's population skewness (`sqrt(n) * m3 / m2^1.5`) and excess kurtosis
 * (`n * m4 / m2^2 - 3`) from power sums; null for no rows or zero variance. DuckDB's own are
 * the sample-adjusted forms, null below 3 or 4 rows.
 */
function centralMoment(x: string, ctx: FnContext, order: 3 | 4): string {
  const v = `CAST(${x} AS DOUBLE)`;
  const s = (p: number): string => `sum(${p === 1 ? v : `${v} ^ ${p}`})${ctx.over}`;
  const n = `CAST(count(${x})${ctx.over} AS DOUBLE)`;
  const mean = `(${s(1)} / ${n})`;
  const m2 = `(${s(2)} - ${n} * ${mean} ^ 2)`;
  const value =
    order === 3
      ? `sqrt(${n}) * (${s(3)} - 3 * ${mean} * ${s(2)} + 2 * ${n} * ${mean} ^ 3) / ${m2} ^ 1.5`
      : `${n} * (${s(4)} - 4 * ${mean} * ${s(3)} + 6 * ${mean} ^ 2 * ${s(2)} - 3 * ${n} * ${mean} ^ 4) / ${m2} ^ 2 - 3`;
  return `CASE WHEN ${n} = 0 OR ${m2} = 0 THEN NULL ELSE ${value} END`;
}

/**
 * Spark's moment statistics are NaN for a group holding NaN or an infinity (its running
 * update turns them into NaN); DuckDB's raise "out of range" there, so they only see the
 * finite values and the NaN comes from here.
 */
function finiteStat(duckName: string): FunctionDef {
  // A sample statistic of one value is null in Spark even when that value is NaN or infinite.
  const sample = duckName.endsWith("_samp");
  return agg(
    (args, ctx) => {
      const x = `CAST(${sqlOf(args, 0)} AS DOUBLE)`;
      const finite = `CASE WHEN isfinite(${x}) THEN ${x} END`;
      const single = sample ? `WHEN count(${distinct(ctx)}${x})${ctx.over} < 2 THEN NULL ` : "";
      return `CASE ${single}WHEN bool_or(NOT isfinite(${x}))${ctx.over} THEN CAST('NaN' AS DOUBLE) ELSE ${duckName}(${distinct(ctx)}${finite})${ctx.over} END`;
    },
    1,
    1,
    returns(DoubleType),
  );
}

/**
 * Spark's corr over the pairs where both sides are set: null below two pairs and when either
 * side is constant (its division by zero is null), NaN when a pair holds NaN or an infinity.
 */
const corr: FunctionDef = agg(
  (args, ctx) => {
    const both = `${sqlOf(args, 0)} IS NOT NULL AND ${sqlOf(args, 1)} IS NOT NULL`;
    const side = (i: number): string =>
      `CASE WHEN ${both} THEN CAST(${sqlOf(args, i)} AS DOUBLE) END`;
    const [x, y] = [side(0), side(1)];
    const fx = `CASE WHEN isfinite(${x}) AND isfinite(${y}) THEN ${x} END`;
    const fy = `CASE WHEN isfinite(${x}) AND isfinite(${y}) THEN ${y} END`;
    return `CASE WHEN bool_or(NOT (isfinite(${x}) AND isfinite(${y})))${ctx.over} THEN CAST('NaN' AS DOUBLE) WHEN var_pop(${fx})${ctx.over} = 0 OR var_pop(${fy})${ctx.over} = 0 THEN NULL ELSE corr(${fx}, ${fy})${ctx.over} END`;
  },
  2,
  2,
  returns(DoubleType),
);

// Spark's percentile_approx returns one of the input values (accuracy 10000 by default makes it
// exact on most data); DuckDB's quantile_disc returns the exact element, of the input's type.
const approxPercentile: FunctionDef = agg(
  (args, ctx) => `quantile_disc(${sqlOf(args, 0)}, ${sqlOf(args, 1)})${ctx.over}`,
  2,
  3,
  (args) =>
    args[1]?.type?.typeName === "array" && args[0]?.type !== undefined
      ? new ArrayType(args[0].type)
      : args[0]?.type,
);

const stringAgg: FunctionDef = agg(
  (args, ctx) => {
    const sep = args.length > 1 ? `coalesce(${asText(args[1])}, '')` : "''";
    return `string_agg(${distinct(ctx)}${asText(args[0])}, ${sep})${ctx.over}`;
  },
  1,
  2,
  returns(StringType),
);

export const aggregateFunctions = {
  count,
  sum,
  avg,
  mean: avg,
  try_sum: sumOf("null"),
  // try_avg's only overflow is a decimal average past its type: null, as without ANSI.
  try_avg: { ...avg, compile: (args, ctx) => avg.compile(args, { ...ctx, ansi: false }) },
  min: simple("min", (args) => args[0]?.type, atomicArg),
  max: simple("max", (args) => args[0]?.type, atomicArg),
  first: firstLast("first"),
  last: firstLast("last"),
  first_value: firstLast("first"),
  last_value: firstLast("last"),
  // Spark's any_value is first(): the first row's value, null included unless ignoreNulls.
  any_value: firstLast("first"),
  // Spark's approx_count_distinct is HyperLogLog++ with 5% default error; DuckDB's is HLL too.
  approx_count_distinct: agg(
    (args, ctx) => `CAST(approx_count_distinct(${sqlOf(args, 0)})${ctx.over} AS BIGINT)`,
    1,
    2,
    returns(LongType),
  ),
  collect_list: collectList(),
  array_agg: collectList(),
  collect_set: agg(
    (args, ctx) =>
      // Spark's order is its hash set's; sorted, the order is at least stable from run to run.
      `list_sort(coalesce(list(DISTINCT ${sqlOf(args, 0)}) FILTER (WHERE ${sqlOf(args, 0)} IS NOT NULL)${ctx.over}, []))`,
    1,
    1,
    (args) => (args[0]?.type ? new ArrayType(args[0].type) : undefined),
  ),
  stddev: finiteStat("stddev_samp"),
  std: finiteStat("stddev_samp"),
  stddev_samp: finiteStat("stddev_samp"),
  stddev_pop: finiteStat("stddev_pop"),
  variance: finiteStat("var_samp"),
  var_samp: finiteStat("var_samp"),
  var_pop: finiteStat("var_pop"),
  skewness: agg((args, ctx) => centralMoment(sqlOf(args, 0), ctx, 3), 1, 1, returns(DoubleType)),
  kurtosis: agg((args, ctx) => centralMoment(sqlOf(args, 0), ctx, 4), 1, 1, returns(DoubleType)),
  corr,
  covar_samp: agg(
    (args, ctx) => `covar_samp(${sqlOf(args, 0)}, ${sqlOf(args, 1)})${ctx.over}`,
    2,
    2,
    returns(DoubleType),
  ),
  covar_pop: agg(
    (args, ctx) => `covar_pop(${sqlOf(args, 0)}, ${sqlOf(args, 1)})${ctx.over}`,
    2,
    2,
    returns(DoubleType),
  ),
  // Spark's percentile works on doubles (a decimal's median is a double, not a decimal).
  median: agg(
    (args, ctx) => `median(${distinct(ctx)}CAST(${sqlOf(args, 0)} AS DOUBLE))${ctx.over}`,
    1,
    1,
    returns(DoubleType),
  ),
  // The most frequent value (ties: any of them, as Spark's own choice depends on hashing).
  mode: simple("mode", (args) => args[0]?.type),
  percentile_approx: approxPercentile,
  approx_percentile: approxPercentile,
  percentile: agg(
    (args, ctx) =>
      `quantile_cont(${distinct(ctx)}CAST(${sqlOf(args, 0)} AS DOUBLE), ${sqlOf(args, 1)})${ctx.over}`,
    2,
    2,
    returns(DoubleType),
  ),
  // Spark's string_agg / listagg: the non-null values in input order, no separator by default.
  string_agg: stringAgg,
  listagg: stringAgg,
  regr_count: agg(
    (args, ctx) =>
      `count(CASE WHEN ${sqlOf(args, 0)} IS NOT NULL AND ${sqlOf(args, 1)} IS NOT NULL THEN 1 END)${ctx.over}`,
    2,
    2,
    returns(LongType),
  ),
  ...regressionFunctions,
  max_by: extremumBy("ASC"),
  min_by: extremumBy("DESC"),
  // DuckDB's own count_if is faster than a FILTER clause (measured 6% of a 20-check quality
  // pass), but gives null rather than Spark's 0 when no input row is true, and a HUGEINT.
  count_if: agg(
    (args, ctx) => `CAST(coalesce(count_if(${sqlOf(args, 0)})${ctx.over}, 0) AS BIGINT)`,
    1,
    1,
    returns(LongType),
  ),
  // DuckDB's grouping() is Spark's grouping_id (first argument the most significant bit);
  // the planner spells out grouping_id()'s columns, which DuckDB needs.
  grouping: agg((args) => `CAST(grouping(${sqlOf(args, 0)}) AS TINYINT)`, 1, 1, returns(ByteType)),
  grouping_id: agg(
    (args) => `CAST(grouping(${args.map((_, i) => sqlOf(args, i)).join(", ")}) AS BIGINT)`,
    1,
    Number.POSITIVE_INFINITY,
    returns(LongType),
  ),
  bit_and: simple("bit_and", (args) => args[0]?.type),
  bit_or: simple("bit_or", (args) => args[0]?.type),
  bit_xor: simple("bit_xor", (args) => args[0]?.type),
  bool_and: simple("bool_and"),
  bool_or: simple("bool_or"),
  every: simple("bool_and"),
  some: simple("bool_or"),
  any: simple("bool_or"),
} satisfies FamilyTable;
