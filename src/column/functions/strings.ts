/** String functions (Spark names; literal patterns and separators are plain strings). */
import type { SparkFunctionName } from "../../plan/functions/index.js";
import type { Column } from "../column.js";
import { type ColumnOrName, c, fnNodes, l } from "./call.js";

const one =
  (name: SparkFunctionName) =>
  (col: ColumnOrName): Column =>
    fnNodes(name, [c(col)]);

/** Concatenates strings (or arrays); null if any input is null. */
export function concat(...cols: ColumnOrName[]): Column {
  return fnNodes("concat", cols.map(c));
}
/** Joins with a separator, skipping nulls. */
export function concat_ws(sep: string, ...cols: ColumnOrName[]): Column {
  return fnNodes("concat_ws", [l(sep), ...cols.map(c)]);
}
export const upper = one("upper");
export const lower = one("lower");
export const initcap = one("initcap");
export const reverse = one("reverse");
export const length = one("length");
export const char_length = one("char_length");
export const octet_length = one("octet_length");
export const bit_length = one("bit_length");
export const ascii = one("ascii");
export const base64 = one("base64");
export const unbase64 = one("unbase64");
/** Removes leading and trailing spaces (or the characters of `chars`). */
// Spark's two-argument trim functions take the characters first: `trim(trimStr, str)`.
export function trim(col: ColumnOrName, chars?: string): Column {
  return fnNodes("trim", chars === undefined ? [c(col)] : [l(chars), c(col)]);
}
export function ltrim(col: ColumnOrName, chars?: string): Column {
  return fnNodes("ltrim", chars === undefined ? [c(col)] : [l(chars), c(col)]);
}
export function rtrim(col: ColumnOrName, chars?: string): Column {
  return fnNodes("rtrim", chars === undefined ? [c(col)] : [l(chars), c(col)]);
}
/** 1-based substring: `substring("name", 1, 3)`; a negative position counts from the end. */
export function substring(col: ColumnOrName, pos: number, len: number): Column {
  return fnNodes("substring", [c(col), l(pos), l(len)]);
}
/** Splits around a Java regular expression. */
export function split(col: ColumnOrName, pattern: string, limit = -1): Column {
  return fnNodes("split", limit === -1 ? [c(col), l(pattern)] : [c(col), l(pattern), l(limit)]);
}
/** Replaces every match of a Java regex; `$1` in the replacement refers to a group. */
export function regexp_replace(col: ColumnOrName, pattern: string, replacement: string): Column {
  return fnNodes("regexp_replace", [c(col), l(pattern), l(replacement)]);
}
/** Group `idx` of the first match, or "" when there is none. */
export function regexp_extract(col: ColumnOrName, pattern: string, idx: number): Column {
  return fnNodes("regexp_extract", [c(col), l(pattern), l(idx)]);
}
export function regexp_extract_all(col: ColumnOrName, pattern: string, idx = 1): Column {
  return fnNodes("regexp_extract_all", [c(col), l(pattern), l(idx)]);
}
export function regexp_like(col: ColumnOrName, pattern: string): Column {
  return fnNodes("regexp_like", [c(col), l(pattern)]);
}
export const rlike = regexp_like;
/** Left-pads to `len` with `pad` (truncating longer values), as Spark's lpad. */
export function lpad(col: ColumnOrName, len: number, pad: string): Column {
  return fnNodes("lpad", [c(col), l(len), l(pad)]);
}
export function rpad(col: ColumnOrName, len: number, pad: string): Column {
  return fnNodes("rpad", [c(col), l(len), l(pad)]);
}
export function repeat(col: ColumnOrName, n: number): Column {
  return fnNodes("repeat", [c(col), l(n)]);
}
/** 1-based position of `substr` in the column, 0 when absent. */
export function instr(col: ColumnOrName, substr: string): Column {
  return fnNodes("instr", [c(col), l(substr)]);
}
/** 1-based position of `substr` at or after `pos`, 0 when absent. */
export function locate(substr: string, col: ColumnOrName, pos = 1): Column {
  return fnNodes("locate", [l(substr), c(col), l(pos)]);
}
export function translate(col: ColumnOrName, matching: string, replace: string): Column {
  return fnNodes("translate", [c(col), l(matching), l(replace)]);
}
/** printf-style formatting: `format_string("%s has %d", "name", "n")`. */
export function format_string(format: string, ...cols: ColumnOrName[]): Column {
  return fnNodes("format_string", [l(format), ...cols.map(c)]);
}
export const printf = format_string;
/** A number with grouping separators and `d` decimals: `1,234.57`. */
export function format_number(col: ColumnOrName, d: number): Column {
  return fnNodes("format_number", [c(col), l(d)]);
}
export function left(col: ColumnOrName, n: number): Column {
  return fnNodes("left", [c(col), l(n)]);
}
export function right(col: ColumnOrName, n: number): Column {
  return fnNodes("right", [c(col), l(n)]);
}
export function replace(col: ColumnOrName, search: string, replacement = ""): Column {
  return fnNodes("replace", [c(col), l(search), l(replacement)]);
}
export function startswith(col: ColumnOrName, prefix: ColumnOrName): Column {
  return fnNodes("startswith", [c(col), c(prefix)]);
}
export function endswith(col: ColumnOrName, suffix: ColumnOrName): Column {
  return fnNodes("endswith", [c(col), c(suffix)]);
}
export function contains(col: ColumnOrName, other: ColumnOrName): Column {
  return fnNodes("contains", [c(col), c(other)]);
}
export function levenshtein(a: ColumnOrName, b: ColumnOrName): Column {
  return fnNodes("levenshtein", [c(a), c(b)]);
}
export function overlay(
  col: ColumnOrName,
  replace: ColumnOrName,
  pos: number,
  len?: number,
): Column {
  return fnNodes(
    "overlay",
    len === undefined ? [c(col), c(replace), l(pos)] : [c(col), c(replace), l(pos), l(len)],
  );
}
