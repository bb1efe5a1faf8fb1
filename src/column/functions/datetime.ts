/**
 * Date and time functions, in the session time zone (`spark.sql.session.timeZone`), with
 * Spark's datetime patterns (`yyyy-MM-dd HH:mm:ss`, `EEE`, `MMM`, `a`, `XXX`...).
 */

import type { SparkFunctionName } from "../../plan/functions/index.js";
import type { Column } from "../column.js";
import { type ColumnOrName, c, fnNodes, l } from "./call.js";

const one =
  (name: SparkFunctionName) =>
  (col: ColumnOrName): Column =>
    fnNodes(name, [c(col)]);
const none = (name: SparkFunctionName) => (): Column => fnNodes(name, []);

export const current_date = none("current_date");
export const current_timestamp = none("current_timestamp");
export const now = none("now");
export const current_timezone = none("current_timezone");
export const year = one("year");
export const quarter = one("quarter");
export const month = one("month");
export const dayofmonth = one("dayofmonth");
export const day = one("day");
/** 1 = Sunday ... 7 = Saturday. */
export const dayofweek = one("dayofweek");
export const dayofyear = one("dayofyear");
/** ISO week of the year. */
export const weekofyear = one("weekofyear");
export const hour = one("hour");
export const minute = one("minute");
export const second = one("second");
export const last_day = one("last_day");
export const unix_date = one("unix_date");
export const unix_seconds = one("unix_seconds");
export const unix_millis = one("unix_millis");
export const unix_micros = one("unix_micros");
export const timestamp_seconds = one("timestamp_seconds");
export const timestamp_millis = one("timestamp_millis");
export const timestamp_micros = one("timestamp_micros");
export const date_from_unix_date = one("date_from_unix_date");

const days = (n: number | ColumnOrName) => (typeof n === "number" ? l(n) : c(n));

export function date_add(start: ColumnOrName, n: number | ColumnOrName): Column {
  return fnNodes("date_add", [c(start), days(n)]);
}
export function date_sub(start: ColumnOrName, n: number | ColumnOrName): Column {
  return fnNodes("date_sub", [c(start), days(n)]);
}
/** Days from `start` to `end`. */
export function datediff(end: ColumnOrName, start: ColumnOrName): Column {
  return fnNodes("datediff", [c(end), c(start)]);
}
export function months_between(a: ColumnOrName, b: ColumnOrName, roundOff = true): Column {
  return fnNodes("months_between", [c(a), c(b), l(roundOff)]);
}
export function add_months(start: ColumnOrName, months: number | ColumnOrName): Column {
  return fnNodes("add_months", [c(start), days(months)]);
}
/** Truncates a timestamp: `date_trunc("month", col)` (year, quarter, month, week, day, hour, minute, second). */
export function date_trunc(format: string, col: ColumnOrName): Column {
  return fnNodes("date_trunc", [l(format), c(col)]);
}
/** Truncates a date: `trunc(col, "month")` (year, quarter, month, week). */
export function trunc(col: ColumnOrName, format: string): Column {
  return fnNodes("trunc", [c(col), l(format)]);
}
/** The first date after `col` on the given day of the week ("Mon", "Tuesday"...). */
export function next_day(col: ColumnOrName, dayOfWeek: string): Column {
  return fnNodes("next_day", [c(col), l(dayOfWeek)]);
}
export function make_date(year: ColumnOrName, month: ColumnOrName, day: ColumnOrName): Column {
  return fnNodes("make_date", [c(year), c(month), c(day)]);
}
export function make_timestamp(
  years: ColumnOrName,
  months: ColumnOrName,
  days: ColumnOrName,
  hours: ColumnOrName,
  mins: ColumnOrName,
  secs: ColumnOrName,
  timezone?: string,
): Column {
  const args = [years, months, days, hours, mins, secs].map(c);
  return fnNodes("make_timestamp", timezone === undefined ? args : [...args, l(timezone)]);
}
/** A date from a string (with an optional Spark pattern) or a timestamp; invalid input gives null. */
export function to_date(col: ColumnOrName, format?: string): Column {
  return fnNodes("to_date", format === undefined ? [c(col)] : [c(col), l(format)]);
}
/** A timestamp from a string (with an optional Spark pattern); invalid input gives null. */
export function to_timestamp(col: ColumnOrName, format?: string): Column {
  return fnNodes("to_timestamp", format === undefined ? [c(col)] : [c(col), l(format)]);
}
/** Formats a date/timestamp with a Spark pattern: `date_format(col, "yyyy-MM-dd")`. */
export function date_format(col: ColumnOrName, format: string): Column {
  return fnNodes("date_format", [c(col), l(format)]);
}
/** Seconds since the epoch: now, or of a timestamp, or of a string in a pattern. */
export function unix_timestamp(col?: ColumnOrName, format = "yyyy-MM-dd HH:mm:ss"): Column {
  return fnNodes("unix_timestamp", col === undefined ? [] : [c(col), l(format)]);
}
/** Seconds since the epoch as text in a Spark pattern. */
export function from_unixtime(col: ColumnOrName, format = "yyyy-MM-dd HH:mm:ss"): Column {
  return fnNodes("from_unixtime", [c(col), l(format)]);
}
/** Treats `col`'s wall-clock time as being in `tz` and converts it to UTC. */
export function to_utc_timestamp(col: ColumnOrName, tz: string): Column {
  return fnNodes("to_utc_timestamp", [c(col), l(tz)]);
}
/** Converts `col` from UTC to the wall-clock time of `tz`. */
export function from_utc_timestamp(col: ColumnOrName, tz: string): Column {
  return fnNodes("from_utc_timestamp", [c(col), l(tz)]);
}
