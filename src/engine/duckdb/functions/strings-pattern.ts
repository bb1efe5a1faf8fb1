/**
 * LIKE and split with Spark's rules where DuckDB's differ. LIKE: an escape character may
 * only precede `_`, `%` or itself, and may not end the pattern (Spark fails with
 * INVALID_FORMAT; DuckDB would match the next character literally). split with a limit:
 * Java's `String.split(regex, limit)`, at most `limit` parts, the last holding the rest.
 */
import { raiseSql, text } from "../runtime-errors.js";
import { quoteString } from "../sql-quote.js";
import type { FnArg } from "./types.js";

type LikeProblem = "INVALID_FORMAT.ESC_AT_THE_END" | "INVALID_FORMAT.ESC_IN_THE_MIDDLE";

/** What Spark finds wrong with a LIKE pattern, or undefined when it is valid. */
export function likePatternProblem(pattern: string, escapeChar: string): LikeProblem | undefined {
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== escapeChar) continue;
    const next = chars[i + 1];
    if (next === undefined) return "INVALID_FORMAT.ESC_AT_THE_END";
    if (next !== "_" && next !== "%" && next !== escapeChar)
      return "INVALID_FORMAT.ESC_IN_THE_MIDDLE";
    i++;
  }
  return undefined;
}

/**
 * RE2 pieces for a pattern's escape character: `literal` matches it, `run` a valid run of
 * tokens (a character other than the escape, or the escape before `_`, `%` or itself).
 */
function escapeRe(escapeChar: string): { readonly literal: string; readonly run: string } {
  const literal = /[\\^$.|?*+()[\]{}]/.test(escapeChar) ? `\\${escapeChar}` : escapeChar;
  const inClass = ["]", "^", "\\", "-"].includes(escapeChar) ? `\\${escapeChar}` : escapeChar;
  return { literal, run: `(?s)(?:[^${inClass}]|${literal}[_%${inClass}])*` };
}

/** SQL failing with the class and message of a LIKE pattern's problem. */
function raiseProblem(p: string, escapeChar: string): { middle: string; end: string } {
  const { literal, run } = escapeRe(escapeChar);
  const offending = quoteString(`^${run}${literal}(.)`);
  return {
    middle: raiseSql(
      "INVALID_FORMAT.ESC_IN_THE_MIDDLE",
      text("The format is invalid: '"),
      p,
      text("'. The escape character is not allowed to precede '"),
      `regexp_extract(${p}, ${offending}, 1)`,
      text("'."),
    ),
    end: raiseSql(
      "INVALID_FORMAT.ESC_AT_THE_END",
      text("The format is invalid: '"),
      p,
      text("'. The escape character is not allowed to end with."),
    ),
  };
}

/**
 * `value LIKE pattern ESCAPE escapeChar` (or ILIKE). As in Spark, an invalid pattern fails
 * when a row is matched against it (a null value or pattern is null without a check).
 */
export function likeSql(
  op: "LIKE" | "ILIKE",
  value: string,
  pattern: FnArg,
  escapeChar: string,
): string {
  const p = pattern.sql;
  const match = `(${value} ${op} ${p} ESCAPE ${quoteString(escapeChar)})`;
  const raise = raiseProblem(p, escapeChar);
  const node = pattern.node;
  if (node.kind === "literal") {
    const problem =
      typeof node.value === "string" ? likePatternProblem(node.value, escapeChar) : undefined;
    // Without an escape character in the pattern, ESCAPE changes nothing but DuckDB's plan:
    // its fast LIKE forms (prefix, contains...) are for patterns without one (TPC-H q13: 2x).
    if (typeof node.value === "string" && !node.value.includes(escapeChar))
      return `(${value} ${op} ${p})`;
    if (problem === undefined) return match;
    const fail = problem === "INVALID_FORMAT.ESC_AT_THE_END" ? raise.end : raise.middle;
    return `CASE WHEN ${value} IS NULL THEN NULL ELSE ${fail} END`;
  }
  const { literal, run } = escapeRe(escapeChar);
  return `CASE WHEN ${value} IS NULL OR ${p} IS NULL OR regexp_full_match(${p}, ${quoteString(run)}) THEN ${match} WHEN regexp_full_match(${p}, ${quoteString(`${run}${literal}`)}) THEN ${raise.end} ELSE ${raise.middle} END`;
}

/**
 * Java's `s.split(re, limit)` for a limit above 1, from DuckDB's split (the parts) and the
 * matched separators: the first `limit - 1` parts, then the text after their separators.
 * Java makes no part of an empty match at the start, so such a first match is skipped.
 * Spark splits on an empty pattern into the first `limit` characters.
 */
export function splitLimitSql(s: string, re: string, limit: number): string {
  const parts = `regexp_split_to_array(${s}, ${re})`;
  const found = `regexp_extract_all(${s}, ${re})`;
  const separators = `(CASE WHEN ${found}[1] = '' AND regexp_matches(${s}, concat('^(?:', ${re}, ')')) THEN ${found}[2:] ELSE ${found} END)`;
  const head = `${parts}[1:${limit - 1}]`;
  const rest = `substring(${s}, 1 + length(array_to_string(${head}, '')) + length(array_to_string(${separators}[1:${limit - 1}], '')))`;
  return `CASE WHEN ${s} IS NULL OR ${re} IS NULL THEN NULL WHEN ${re} = '' THEN regexp_split_to_array(substring(${s}, 1, ${limit}), '') WHEN len(${parts}) <= ${limit} THEN ${parts} ELSE list_concat(${head}, [${rest}]) END`;
}
