/**
 * Date and time functions. A Spark `timestamp` is a DuckDB TIMESTAMPTZ and the engine sets
 * DuckDB's TimeZone to `spark.sql.session.timeZone`, so field extraction, truncation and
 * formatting happen in the session zone as in Spark. Strings are parsed as Spark does
 * (datetime patterns in ../datetime/); invalid input gives null.
 */
import { AnalysisError } from "../../../errors.js";
import {
  type DataType,
  DateType,
  DecimalType,
  DoubleType,
  IntegerType,
  LongType,
  StringType,
  TimestampType,
} from "../../../types/data-types.js";
import { type CastMode, checked, invalidInput } from "../compiler/cast-mode.js";
import { instantSql, wallClock } from "../compiler/wall-clock.js";
import {
  formatSql,
  fromUnixtimeSql,
  parseDateSql,
  parseTimestampSql,
  unixTimestampSql,
} from "../datetime/index.js";
import { text } from "../runtime-errors.js";
import { quoteString } from "../sql-quote.js";
import {
  always,
  type FamilyTable,
  type FnArg,
  type FnContext,
  type FunctionDef,
  returns,
  sqlOf,
} from "./types.js";

function fn(
  minArgs: number,
  maxArgs: number,
  compile: FunctionDef["compile"],
  returnType?: DataType,
): FunctionDef {
  return {
    minArgs,
    maxArgs,
    compile,
    ...(returnType === undefined ? {} : { returnType: returns(returnType) }),
  };
}

/** A NULL unit (`date_trunc(NULL, ts)`, also cast to a type): Spark answers null, not an error. */
function isNullLiteral(a: FnArg | undefined): boolean {
  const node = a?.node.kind === "cast" ? a.node.expr : a?.node;
  return node?.kind === "literal" && node.value === null;
}

const ansiMode = (ctx: FnContext): CastMode => (ctx.ansi ? "ansi" : "legacy");

const textOf = (a: FnArg | undefined): string =>
  a?.type?.typeName === "string" || a?.type === undefined
    ? (a?.sql ?? "NULL")
    : `CAST(${a.sql} AS VARCHAR)`;

/** A parsed date or timestamp; in ANSI mode text that does not parse fails with `errorClass`. */
function parsed(
  ctx: FnContext,
  value: string,
  a: FnArg | undefined,
  errorClass: "CAST_INVALID_INPUT" | "CANNOT_PARSE_TIMESTAMP",
  to: DataType,
): string {
  if (a?.type?.typeName !== "string") return value;
  const message =
    errorClass === "CAST_INVALID_INPUT"
      ? invalidInput(a.sql, StringType, to)
      : [text("Text '"), a.sql, text("' could not be parsed with the given pattern.")];
  return checked(ansiMode(ctx), value, a.sql, errorClass, message);
}

/**
 * An argument as a TIMESTAMPTZ: strings cast as Spark casts them (null when malformed, an
 * error under ANSI), dates at midnight and timestamp_ntz values in the session zone.
 */
export function asTimestamp(
  a: FnArg | undefined,
  ctx: { readonly ansi: boolean; readonly timeZone: string | undefined },
): string {
  if (a === undefined) throw new RangeError("argument missing");
  const t = a.type?.typeName;
  if (t === "timestamp") return a.sql;
  if (t === "string") {
    const value = parseTimestampSql(a.sql, undefined, ctx.timeZone);
    const message = invalidInput(a.sql, StringType, TimestampType);
    return ctx.ansi ? checked("ansi", value, a.sql, "CAST_INVALID_INPUT", message) : value;
  }
  if (t === "date" || t === "timestamp_ntz")
    return instantSql(`CAST(${a.sql} AS TIMESTAMP)`, ctx.timeZone);
  if (
    t === "integer" ||
    t === "long" ||
    t === "short" ||
    t === "byte" ||
    t === "double" ||
    t === "float" ||
    t === "decimal"
  )
    return `to_timestamp(CAST(${a.sql} AS DOUBLE))`;
  return `CAST(${a.sql} AS TIMESTAMPTZ)`;
}

/** An argument as a DATE (timestamps in the session zone; strings parsed as Spark's cast). */
export function asDate(a: FnArg | undefined, timeZone?: string): string {
  if (a === undefined) throw new RangeError("argument missing");
  const t = a.type?.typeName;
  if (t === "date") return a.sql;
  if (t === "string") return parseDateSql(a.sql, undefined);
  if (t === "timestamp_ntz") return `CAST(${a.sql} AS DATE)`;
  return `CAST(${wallClock(asTimestamp(a, { ansi: false, timeZone }), timeZone)} AS DATE)`;
}

function isDateTime(a: FnArg | undefined): boolean {
  const t = a?.type?.typeName;
  return t === "date" || t === "timestamp" || t === "timestamp_ntz";
}

/** A field of a date or timestamp; `ofDate`: Spark's function takes a DATE (`year('2024-01-02')` casts the text to a date). */
const field = (part: string, ofDate = false): FunctionDef => ({
  ...fn(
    1,
    1,
    (args, ctx) =>
      `CAST(${part}(${ofDate ? asDate(args[0], ctx.timeZone) : asTimestamp(args[0], ctx)}) AS INTEGER)`,
    IntegerType,
  ),
  exactType: always,
});

const TRUNC_UNITS: Readonly<Record<string, string>> = {
  year: "year",
  yyyy: "year",
  yy: "year",
  quarter: "quarter",
  month: "month",
  mon: "month",
  mm: "month",
  week: "week",
  day: "day",
  dd: "day",
  hour: "hour",
  minute: "minute",
  second: "second",
  millisecond: "millisecond",
  microsecond: "microsecond",
};

function truncUnit(text: string, allowed: readonly string[]): string | undefined {
  const unit = TRUNC_UNITS[text.toLowerCase()];
  return unit !== undefined && allowed.includes(unit) ? unit : undefined;
}

const DAYS: Readonly<Record<string, number>> = {
  su: 0,
  sun: 0,
  sunday: 0,
  mo: 1,
  mon: 1,
  monday: 1,
  tu: 2,
  tue: 2,
  tuesday: 2,
  we: 3,
  wed: 3,
  wednesday: 3,
  th: 4,
  thu: 4,
  thursday: 4,
  fr: 5,
  fri: 5,
  friday: 5,
  sa: 6,
  sat: 6,
  saturday: 6,
};

/**
 * Spark's months_between: whole months when both are the same day or both month-ends, else
 * the day and time difference in whole seconds over 31-day months; roundOff rounds to 8
 * digits as Java's Math.round (half up).
 */
function monthsBetween(a: string, b: string, roundOff: boolean): string {
  const months = `((year(${a}) - year(${b})) * 12 + month(${a}) - month(${b}))`;
  const secs = (x: string): string =>
    `(day(${x}) * 86400 + hour(${x}) * 3600 + minute(${x}) * 60 + second(${x}))`;
  const sameDay = `(day(${a}) = day(${b}) OR (day(${a}) = day(last_day(${a})) AND day(${b}) = day(last_day(${b}))))`;
  const value = `CASE WHEN ${sameDay} THEN CAST(${months} AS DOUBLE) ELSE ${months} + (${secs(a)} - ${secs(b)}) / (31.0 * 86400) END`;
  return roundOff ? `(floor(${value} * 1e8 + 0.5) / 1e8)` : value;
}

/** Floor division of an integer expression by a positive constant, exact for BIGINT. */
function floorDiv(sql: string, divisor: number): string {
  return `((${sql} - ((${sql} % ${divisor} + ${divisor}) % ${divisor})) // ${divisor})`;
}

/** Spark's field names (and synonyms) of `extract` / `date_part`, as DuckDB SQL of a TIMESTAMPTZ. */
type FieldSql = (ts: string) => string;
const FIELD_LIST: readonly (readonly [readonly string[], FieldSql])[] = [
  [["year", "y", "years", "yr", "yrs"], (t) => `year(${t})`],
  [["yearofweek"], (t) => `isoyear(${t})`],
  [["quarter", "qtr"], (t) => `quarter(${t})`],
  [["month", "mon", "mons", "months"], (t) => `month(${t})`],
  [["week", "w", "weeks"], (t) => `weekofyear(${t})`],
  [["day", "d", "days"], (t) => `day(${t})`],
  [["dayofweek", "dow"], (t) => `dayofweek(${t}) + 1`],
  [["dayofweek_iso", "dow_iso"], (t) => `isodow(${t})`],
  [["doy"], (t) => `dayofyear(${t})`],
  [["hour", "h", "hours", "hr", "hrs"], (t) => `hour(${t})`],
  [["minute", "m", "min", "mins", "minutes"], (t) => `minute(${t})`],
];
const EXTRACT_FIELDS: Readonly<Record<string, FieldSql>> = Object.fromEntries(
  FIELD_LIST.flatMap(([names, sql]) => names.map((n) => [n, sql] as const)),
);
const SECOND_FIELDS = new Set(["second", "s", "sec", "seconds", "secs"]);
const SECONDS_TYPE = new DecimalType(8, 6);

/**
 * Spark's `extract(field FROM x)` and `date_part(field, x)`: one field as an integer, the
 * seconds as a decimal(8, 6) with their microseconds.
 */
const extractFn: FunctionDef = {
  minArgs: 2,
  maxArgs: 2,
  compile: (args, ctx) => {
    const part = ctx.literalString(0).toLowerCase();
    const ts = asTimestamp(args[1], ctx);
    if (SECOND_FIELDS.has(part))
      return `CAST(CAST(microsecond(${ts}) AS DECIMAL(8,0)) * CAST('0.000001' AS DECIMAL(7,6)) AS DECIMAL(8,6))`;
    const field = EXTRACT_FIELDS[part];
    if (field === undefined)
      throw new AnalysisError("INVALID_EXTRACT_FIELD", `Cannot extract '${part}'.`, {
        hint: "Use YEAR, YEAROFWEEK, QUARTER, MONTH, WEEK, DAY, DAYOFWEEK, DAYOFWEEK_ISO, DOY, HOUR, MINUTE or SECOND.",
      });
    return `CAST(${field(ts)} AS INTEGER)`;
  },
  returnType: (_args, ctx) =>
    ctx !== undefined && SECOND_FIELDS.has(ctx.literalString(0).toLowerCase())
      ? SECONDS_TYPE
      : IntegerType,
};
const extractField: FunctionDef = { ...extractFn, exactType: always };

export const datetimeFunctions = {
  current_date: fn(0, 0, () => "current_date", DateType),
  curdate: fn(0, 0, () => "current_date", DateType),
  current_timestamp: fn(0, 0, () => "current_timestamp", TimestampType),
  now: fn(0, 0, () => "current_timestamp", TimestampType),
  localtimestamp: fn(0, 0, () => "CAST(current_localtimestamp() AS TIMESTAMP)"),
  current_timezone: fn(0, 0, () => "current_setting('TimeZone')", StringType),
  year: field("year", true),
  quarter: field("quarter", true),
  month: field("month", true),
  dayofmonth: field("day", true),
  day: field("day", true),
  // Spark: 1 = Sunday ... 7 = Saturday; DuckDB's dayofweek is 0 = Sunday.
  dayofweek: fn(
    1,
    1,
    (args, ctx) => `CAST(dayofweek(${asDate(args[0], ctx.timeZone)}) + 1 AS INTEGER)`,
    IntegerType,
  ),
  weekday: fn(
    1,
    1,
    (args, ctx) => `CAST((dayofweek(${asDate(args[0], ctx.timeZone)}) + 6) % 7 AS INTEGER)`,
    IntegerType,
  ),
  dayofyear: field("dayofyear", true),
  weekofyear: field("weekofyear", true),
  hour: field("hour"),
  minute: field("minute"),
  second: field("second"),
  date_add: fn(
    2,
    2,
    (args, ctx) =>
      `CAST(${asDate(args[0], ctx.timeZone)} + CAST(${sqlOf(args, 1)} AS INTEGER) AS DATE)`,
    DateType,
  ),
  dateadd: fn(
    2,
    2,
    (args, ctx) =>
      `CAST(${asDate(args[0], ctx.timeZone)} + CAST(${sqlOf(args, 1)} AS INTEGER) AS DATE)`,
    DateType,
  ),
  date_sub: fn(
    2,
    2,
    (args, ctx) =>
      `CAST(${asDate(args[0], ctx.timeZone)} - CAST(${sqlOf(args, 1)} AS INTEGER) AS DATE)`,
    DateType,
  ),
  datediff: fn(
    2,
    2,
    (args, ctx) =>
      `CAST(date_diff('day', ${asDate(args[1], ctx.timeZone)}, ${asDate(args[0], ctx.timeZone)}) AS INTEGER)`,
    IntegerType,
  ),
  date_diff: fn(
    2,
    2,
    (args, ctx) =>
      `CAST(date_diff('day', ${asDate(args[1], ctx.timeZone)}, ${asDate(args[0], ctx.timeZone)}) AS INTEGER)`,
    IntegerType,
  ),
  months_between: fn(
    2,
    3,
    (args, ctx) => {
      const roundOff = args.length === 3 ? ctx.literalString(2).toLowerCase() === "true" : true;
      return monthsBetween(asTimestamp(args[0], ctx), asTimestamp(args[1], ctx), roundOff);
    },
    DoubleType,
  ),
  // Spark 3: the day is clamped to the target month's length (Jan 31 + 1 month = Feb 28/29).
  add_months: fn(
    2,
    2,
    (args, ctx) =>
      `CAST(${asDate(args[0], ctx.timeZone)} + to_months(CAST(${sqlOf(args, 1)} AS INTEGER)) AS DATE)`,
    DateType,
  ),
  date_trunc: fn(
    2,
    2,
    (args, ctx) => {
      if (isNullLiteral(args[0])) return "CAST(NULL AS TIMESTAMPTZ)";
      const unit = truncUnit(ctx.literalString(0), [
        "year",
        "quarter",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "second",
        "millisecond",
        "microsecond",
      ]);
      return unit === undefined
        ? "CAST(NULL AS TIMESTAMPTZ)"
        : `date_trunc(${quoteString(unit)}, ${asTimestamp(args[1], ctx)})`;
    },
    TimestampType,
  ),
  trunc: fn(
    2,
    2,
    (args, ctx) => {
      if (isNullLiteral(args[1])) return "CAST(NULL AS DATE)";
      const unit = truncUnit(ctx.literalString(1), ["year", "quarter", "month", "week"]);
      return unit === undefined
        ? "CAST(NULL AS DATE)"
        : `CAST(date_trunc(${quoteString(unit)}, ${asDate(args[0], ctx.timeZone)}) AS DATE)`;
    },
    DateType,
  ),
  last_day: fn(1, 1, (args, ctx) => `last_day(${asDate(args[0], ctx.timeZone)})`, DateType),
  next_day: fn(
    2,
    2,
    (args, ctx) => {
      const target = DAYS[ctx.literalString(1).toLowerCase()];
      if (target === undefined) return "CAST(NULL AS DATE)";
      const day = asDate(args[0], ctx.timeZone);
      return `CAST(${day} + CAST((${target} - dayofweek(${day}) + 6) % 7 + 1 AS INTEGER) AS DATE)`;
    },
    DateType,
  ),
  make_date: fn(
    3,
    3,
    (args, ctx) => {
      const value = `try(make_date(CAST(${sqlOf(args, 0)} AS BIGINT), CAST(${sqlOf(args, 1)} AS BIGINT), CAST(${sqlOf(args, 2)} AS BIGINT)))`;
      const fields = `CASE WHEN ${args.map((a) => `${a.sql} IS NOT NULL`).join(" AND ")} THEN 1 END`;
      return checked(ansiMode(ctx), value, fields, "DATETIME_FIELD_OUT_OF_BOUNDS", [
        text("Invalid date: year "),
        `CAST(${sqlOf(args, 0)} AS VARCHAR)`,
        text(", month "),
        `CAST(${sqlOf(args, 1)} AS VARCHAR)`,
        text(", day "),
        `CAST(${sqlOf(args, 2)} AS VARCHAR)`,
        text("."),
      ]);
    },
    DateType,
  ),
  make_timestamp: fn(
    6,
    7,
    (args, ctx) => {
      const parts = args
        .slice(0, 5)
        .map((a) => `CAST(${a.sql} AS BIGINT)`)
        .join(", ");
      const seconds = `CAST(${sqlOf(args, 5)} AS DOUBLE)`;
      if (args.length === 7)
        return `try(make_timestamptz(${parts}, ${seconds}, ${sqlOf(args, 6)}))`;
      // Wall-clock fields in the session zone: a repeated (DST) hour is its earlier instant.
      return instantSql(`try(make_timestamp(${parts}, ${seconds}))`, ctx.timeZone);
    },
    TimestampType,
  ),
  to_date: fn(
    1,
    2,
    (args, ctx) => {
      const a = args[0];
      // A pattern only applies to text: dates and timestamps convert directly, as in Spark.
      if (args.length === 2 && !isDateTime(a))
        return parsed(
          ctx,
          parseDateSql(textOf(a), ctx.literalString(1)),
          a,
          "CANNOT_PARSE_TIMESTAMP",
          DateType,
        );
      return parsed(ctx, asDate(a, ctx.timeZone), a, "CAST_INVALID_INPUT", DateType);
    },
    DateType,
  ),
  to_timestamp: fn(
    1,
    2,
    (args, ctx) => {
      const a = args[0];
      if (args.length === 2 && !isDateTime(a))
        return parsed(
          ctx,
          parseTimestampSql(textOf(a), ctx.literalString(1), ctx.timeZone),
          a,
          "CANNOT_PARSE_TIMESTAMP",
          TimestampType,
        );
      return parsed(ctx, asTimestamp(a, ctx), a, "CAST_INVALID_INPUT", TimestampType);
    },
    TimestampType,
  ),
  date_format: fn(
    2,
    2,
    (args, ctx) => formatSql(asTimestamp(args[0], ctx), ctx.literalString(1)),
    StringType,
  ),
  unix_timestamp: fn(
    0,
    2,
    (args, ctx) => {
      if (args.length === 0) return "CAST(epoch(current_timestamp) AS BIGINT)";
      const a = args[0];
      if (a?.type?.typeName === "string") {
        const pattern = args.length === 2 ? ctx.literalString(1) : undefined;
        const seconds = unixTimestampSql(a.sql, pattern, ctx.timeZone);
        return parsed(ctx, seconds, a, "CANNOT_PARSE_TIMESTAMP", LongType);
      }
      // Spark divides the microseconds like Java, toward zero (unix_seconds floors).
      return `(epoch_us(${asTimestamp(a, ctx)}) // 1000000)`;
    },
    LongType,
  ),
  from_unixtime: fn(
    1,
    2,
    (args, ctx) =>
      fromUnixtimeSql(sqlOf(args, 0), args.length === 2 ? ctx.literalString(1) : undefined),
    StringType,
  ),
  timestamp_seconds: fn(
    1,
    1,
    (args) => `to_timestamp(CAST(${sqlOf(args, 0)} AS DOUBLE))`,
    TimestampType,
  ),
  timestamp_millis: fn(
    1,
    1,
    (args) => `(to_timestamp(0) + to_milliseconds(CAST(${sqlOf(args, 0)} AS BIGINT)))`,
    TimestampType,
  ),
  timestamp_micros: fn(
    1,
    1,
    (args) => `(to_timestamp(0) + to_microseconds(CAST(${sqlOf(args, 0)} AS BIGINT)))`,
    TimestampType,
  ),
  unix_seconds: fn(
    1,
    1,
    (args, ctx) => floorDiv(`epoch_us(${asTimestamp(args[0], ctx)})`, 1_000_000),
    LongType,
  ),
  unix_millis: fn(
    1,
    1,
    (args, ctx) => floorDiv(`epoch_us(${asTimestamp(args[0], ctx)})`, 1000),
    LongType,
  ),
  unix_micros: fn(1, 1, (args, ctx) => `epoch_us(${asTimestamp(args[0], ctx)})`, LongType),
  unix_date: fn(
    1,
    1,
    (args, ctx) =>
      `CAST(date_diff('day', DATE '1970-01-01', ${asDate(args[0], ctx.timeZone)}) AS INTEGER)`,
    IntegerType,
  ),
  date_from_unix_date: fn(
    1,
    1,
    (args) => `CAST(DATE '1970-01-01' + CAST(${sqlOf(args, 0)} AS INTEGER) AS DATE)`,
    DateType,
  ),
  // Spark shifts the instant's wall clock between UTC and `tz`, independent of the session zone.
  to_utc_timestamp: fn(
    2,
    2,
    (args, ctx) => `timezone(${sqlOf(args, 1)}, timezone('UTC', ${asTimestamp(args[0], ctx)}))`,
    TimestampType,
  ),
  from_utc_timestamp: fn(
    2,
    2,
    (args, ctx) => `timezone('UTC', timezone(${sqlOf(args, 1)}, ${asTimestamp(args[0], ctx)}))`,
    TimestampType,
  ),
  // Spark's dayname / monthname: English three-letter abbreviations (`Thu`, `Feb`).
  dayname: fn(1, 1, (args, ctx) => `strftime(${asTimestamp(args[0], ctx)}, '%a')`, StringType),
  monthname: fn(1, 1, (args, ctx) => `strftime(${asTimestamp(args[0], ctx)}, '%b')`, StringType),
  extract: extractField,
  date_part: extractField,
} satisfies FamilyTable;
