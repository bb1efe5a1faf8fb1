/**
 * Generates tests/parity/cases/basics.json: at least one case over the edge dataset for
 * every string, date, collection, aggregate and window function of docs/functions.md, so
 * the coverage test holds on its own. The families' own files (strings.json, ...) go deeper.
 * Run `npx tsx tests/parity/gen/basics.ts` after editing; commit the JSON with it.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

type Case =
  | { id: string; data: "edge"; select: string[]; orderBy?: string[] }
  | { id: string; data: "edge"; agg: string[]; groupBy?: string[]; ulps?: number };

const cases: Case[] = [];
const select = (id: string, ...exprs: string[]): void => {
  cases.push({ id: `basic.${id}`, data: "edge", select: exprs });
};

// ------------------------------------------------------------------ strings
const STRINGS: Readonly<Record<string, string[]>> = {
  concat: ["concat(s, '!')", "concat(s, NULL)", "concat(s, i)"],
  concat_ws: ["concat_ws('-', s, s)", "concat_ws('-', s, NULL, 'x')"],
  upper: ["upper(s)", "lower(s)", "initcap(s)"],
  trim: ["trim(s)", "ltrim(s)", "rtrim(s)", "trim(BOTH 'a' FROM s)"],
  substring: ["substring(s, 2, 3)", "substring(s, -3)", "substring(s, 0, 2)", "substr(s, 2)"],
  split: ["split(s, ' ')", "split(s, '[ .]')", "split(s, '')"],
  regexp_replace: ["regexp_replace(s, '[aeiou]', '#')", "regexp_replace(s, '(l+)', '<$1>')"],
  regexp_extract: ["regexp_extract(s, '(\\\\w+)', 1)", "regexp_extract(s, '([a-z])([a-z])', 2)"],
  regexp_extract_all: ["regexp_extract_all(s, '(\\\\w)(\\\\w)', 1)"],
  regexp_like: ["regexp_like(s, '^[A-Z]')", "s rlike 'o'", "rlike(s, '\\\\d')"],
  lpad: ["lpad(s, 8, '*')", "rpad(s, 8, '*')", "lpad(s, 2, '*')", "rpad(s, 0, 'x')"],
  length: ["length(s)", "char_length(s)", "octet_length(s)", "bit_length(s)", "length(bin)"],
  reverse: ["reverse(s)", "repeat(s, 2)", "repeat(s, -1)"],
  instr: ["instr(s, 'o')", "locate('o', s)", "locate('o', s, 6)"],
  translate: ["translate(s, 'lo', '01')", "translate(s, 'l', '')"],
  format_string: ["format_string('%s|%d', s, i)", "printf('%5.2f', d)"],
  format_number: ["format_number(d, 2)", "format_number(dec, 0)", "format_number(i, 3)"],
  ascii: ["ascii(s)", "base64(bin)", "unbase64(base64(bin))", "base64(s)"],
  left: ["left(s, 3)", "right(s, 3)", "left(s, -1)"],
  replace: ["replace(s, 'l', 'L')", "replace(s, 'l')"],
  startswith: ["startswith(s, 'H')", "endswith(s, 'd')", "contains(s, 'o')"],
  levenshtein: ["levenshtein(s, 'Hello')"],
  overlay: ["overlay(s PLACING '#' FROM 2 FOR 3)", "overlay(s PLACING '##' FROM 1)"],
};
for (const [name, exprs] of Object.entries(STRINGS)) select(`strings.${name}`, ...exprs);

// ------------------------------------------------------------------ dates and times
const DATES: Readonly<Record<string, string[]>> = {
  current: [
    "current_date() IS NOT NULL",
    "current_timestamp() IS NOT NULL",
    "now() IS NOT NULL",
    "current_timezone()",
  ],
  fields_date: [
    "year(dt)",
    "quarter(dt)",
    "month(dt)",
    "dayofmonth(dt)",
    "day(dt)",
    "dayofweek(dt)",
    "dayofyear(dt)",
    "weekofyear(dt)",
  ],
  fields_ts: ["year(ts)", "hour(ts)", "minute(ts)", "second(ts)", "weekofyear(ts)"],
  arithmetic: [
    "date_add(dt, 1)",
    "date_sub(dt, 1)",
    "datediff(dt, DATE'2000-01-01')",
    "add_months(dt, 1)",
    "months_between(ts, TIMESTAMP'2000-01-01 00:00:00')",
  ],
  truncation: [
    "date_trunc('month', ts)",
    "date_trunc('hour', ts)",
    "trunc(dt, 'year')",
    "last_day(dt)",
    "next_day(dt, 'Mon')",
  ],
  make: [
    "make_date(2024, 2, 29)",
    "make_date(2023, 2, 29)",
    "make_timestamp(2024, 2, 29, 12, 0, 0.5)",
  ],
  parse: [
    "to_date(s)",
    "to_timestamp(s)",
    "to_date(s, 'yyyy-MM-dd')",
    "to_timestamp('2024-01-15 10:11:12')",
  ],
  format: [
    "date_format(ts, 'EEE, d MMM yyyy HH:mm:ss.SSS a XXX')",
    "date_format(dt, 'yyyy/MM/dd')",
  ],
  unix: [
    "unix_timestamp(ts)",
    "from_unixtime(i)",
    "unix_seconds(ts)",
    "unix_millis(ts)",
    "unix_micros(ts)",
    "unix_date(dt)",
  ],
  from_epoch: [
    "timestamp_seconds(i)",
    "timestamp_millis(l)",
    "timestamp_micros(l)",
    "date_from_unix_date(i)",
  ],
  zones: ["to_utc_timestamp(ts, 'America/New_York')", "from_utc_timestamp(ts, 'Asia/Tokyo')"],
};
for (const [name, exprs] of Object.entries(DATES)) select(`datetime.${name}`, ...exprs);

// ------------------------------------------------------------------ collections
const COLLECTIONS: Readonly<Record<string, string[]>> = {
  array: [
    "array(i, 1)",
    "array_contains(arr, 1)",
    "size(arr)",
    "element_at(arr, 1)",
    "element_at(arr, -1)",
  ],
  explode: ["explode(arr)"],
  explode_outer: ["explode_outer(arr)"],
  posexplode: ["posexplode(arr)"],
  posexplode_outer: ["posexplode_outer(arr)"],
  struct: ["struct(i, s)", "named_struct('a', i).a"],
  map: [
    "map('k', i)",
    "map_keys(map('a', i, 'b', l))",
    "map_values(map('a', i))",
    "map_from_arrays(array('a', 'b'), array(i, 2))",
    "map_contains_key(map('a', i), 'a')",
  ],
  sets: [
    "array_distinct(arr)",
    "array_union(arr, array(1, 9))",
    "array_intersect(arr, array(1, 3))",
    "array_except(arr, array(1))",
    "arrays_overlap(arr, array(1))",
  ],
  search: [
    "array_join(split(s, ' '), '|')",
    "array_position(arr, 1)",
    "array_remove(arr, 1)",
    "array_repeat(s, 2)",
  ],
  sort: ["sort_array(arr)", "sort_array(arr, false)", "array_sort(arr)"],
  shape: [
    "flatten(array(arr, arr))",
    "slice(arr, 1, 2)",
    "slice(arr, -1, 1)",
    "sequence(0, size(arr))",
  ],
  minmax: ["array_max(arr)", "array_min(arr)"],
  lambdas: [
    "transform(arr, x -> x + 1)",
    "filter(arr, x -> x > 1)",
    "exists(arr, x -> x = 1)",
    "forall(arr, x -> x > 0)",
    "aggregate(arr, 0L, (acc, x) -> acc + x)",
  ],
};
for (const [name, exprs] of Object.entries(COLLECTIONS)) select(`collections.${name}`, ...exprs);

// ------------------------------------------------------------------ aggregates (global and by b)
const AGGREGATES: Readonly<Record<string, string[]>> = {
  count: ["count(*)", "count(i)", "count(DISTINCT i)", "approx_count_distinct(i)"],
  sum: ["sum(i)", "sum(l)", "sum(d)", "sum(dec)", "sum(DISTINCT i)"],
  avg: ["avg(i)", "avg(d)", "avg(dec)", "mean(l)"],
  minmax: ["min(s)", "max(s)", "min(dt)", "max(ts)", "min(d)", "max(dec)"],
  firstlast: ["first(b)", "last(b)", "any_value(b)"],
  collect: ["sort_array(collect_list(i))", "sort_array(collect_set(s))"],
  stddev: ["stddev(i)", "stddev_samp(dec)", "stddev_pop(i)"],
  variance: ["variance(i)", "var_samp(dec)", "var_pop(i)"],
  moments: ["skewness(i)", "kurtosis(i)"],
  covariance: ["corr(i, l)", "covar_samp(i, l)", "covar_pop(i, l)"],
  percentile: ["median(i)", "percentile_approx(i, 0.5)", "percentile_approx(l, array(0.25, 0.75))"],
  by: ["max_by(s, i)", "min_by(s, i)"],
  bool: ["bool_and(b)", "bool_or(b)"],
};
// Floating-point aggregates may sum in another order than Spark: a few ulps apart.
const SUMMING = new Set(["stddev", "variance", "covariance", "moments"]);
for (const [name, exprs] of Object.entries(AGGREGATES)) {
  const ulps = SUMMING.has(name) ? { ulps: 8 } : {};
  cases.push({ id: `basic.aggregates.${name}`, data: "edge", agg: exprs, ...ulps });
  cases.push({
    id: `basic.aggregates.${name}_by_b`,
    data: "edge",
    agg: exprs,
    groupBy: ["b"],
    ...ulps,
  });
}

// ------------------------------------------------------------------ windows
const WINDOWS: Readonly<Record<string, string[]>> = {
  ranking: [
    "row_number() OVER (ORDER BY __i)",
    "rank() OVER (PARTITION BY b ORDER BY i)",
    "dense_rank() OVER (ORDER BY b)",
    "percent_rank() OVER (ORDER BY i)",
    "cume_dist() OVER (ORDER BY i)",
    "ntile(3) OVER (ORDER BY __i)",
  ],
  offset: [
    "lag(i) OVER (ORDER BY __i)",
    "lead(i, 2) OVER (ORDER BY __i)",
    "lag(s, 1, 'none') OVER (PARTITION BY b ORDER BY __i)",
    "nth_value(i, 2) OVER (ORDER BY __i ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)",
  ],
  aggregate: [
    "sum(i) OVER (PARTITION BY b)",
    "avg(d) OVER (ORDER BY __i ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
    "count(*) OVER ()",
    "max(s) OVER (PARTITION BY b ORDER BY __i)",
    "sum(l) OVER (ORDER BY __i RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
  ],
};
for (const [name, exprs] of Object.entries(WINDOWS)) select(`windows.${name}`, ...exprs);

const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, "..", "cases", "basics.json"), `${JSON.stringify(cases, null, 1)}\n`);
console.log(`wrote ${cases.length} cases`);
