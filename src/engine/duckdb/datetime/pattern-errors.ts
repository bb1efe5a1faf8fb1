/**
 * Errors for datetime patterns. A pattern Spark itself rejects is an `AnalysisError`
 * (`INVALID_DATETIME_PATTERN`); a pattern Spark accepts but DuckDB cannot express is an
 * `UnsupportedOperationError`. Both name the pattern, the index and the letter.
 */
import { AnalysisError, UnsupportedOperationError } from "../../../errors.js";
import type { FieldToken } from "./tokens.js";

/** Letters `formatSql` handles (`toStrftime` handles those without a SQL part). */
export const FORMAT_LETTERS = "G y M L d D Q q E a h K k H m s S V O X x Z";

/** Letters `parseTimestampSql` handles (`toStrptime` handles fewer, see its docs). */
export const PARSE_LETTERS = "y M L d D a h K k H m s S V z O X x Z";

const GUIDE = "https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html";

/** Where an error points: a letter run, or `[` for an optional section. */
export type PatternSpot = Pick<FieldToken, "letter" | "count" | "position">;

function describe(token: PatternSpot): string {
  return `'${token.letter.repeat(token.count)}' at index ${token.position}`;
}

/**
 * The pattern is not valid for Spark either.
 *
 * @example
 * ```ts
 * throw invalidPattern("yyyy]", 4, "']' closes no optional section opened with '['");
 * ```
 */
export function invalidPattern(
  pattern: string,
  position: number,
  reason: string,
  letter?: string,
): AnalysisError {
  return new AnalysisError(
    "INVALID_DATETIME_PATTERN",
    `Invalid datetime pattern '${pattern}': index ${position} ${reason}.`,
    {
      hint: `Quote literal text with single quotes ('T'); see ${GUIDE}.`,
      context: { pattern, position, ...(letter === undefined ? {} : { letter }) },
    },
  );
}

/**
 * A letter (or letter count) Spark rejects.
 *
 * @example
 * ```ts
 * throw invalidLetter("YYYY", token, "is week-based, which Spark 3+ rejects");
 * ```
 */
export function invalidLetter(pattern: string, token: FieldToken, reason: string): AnalysisError {
  return new AnalysisError(
    "INVALID_DATETIME_PATTERN",
    `Invalid datetime pattern '${pattern}': ${describe(token)} ${reason}.`,
    {
      hint: `Supported letters: ${FORMAT_LETTERS} (formatting), ${PARSE_LETTERS} (parsing); see ${GUIDE}.`,
      context: { pattern, position: token.position, letter: token.letter, count: token.count },
    },
  );
}

/**
 * Spark accepts the letter but DuckDB has nothing to express it with.
 *
 * @example
 * ```ts
 * throw untranslatable("HH z", token, "formatting", "has no DuckDB equivalent", "use VV");
 * ```
 */
export function untranslatable(
  pattern: string,
  token: PatternSpot,
  purpose: "formatting" | "parsing",
  reason: string,
  hint: string,
): UnsupportedOperationError {
  const supported = purpose === "formatting" ? FORMAT_LETTERS : PARSE_LETTERS;
  return new UnsupportedOperationError(
    "duckdb",
    `datetime pattern letter '${token.letter}' for ${purpose}`,
    `Cannot translate the datetime pattern '${pattern}' for ${purpose} on DuckDB: ${describe(token)} ${reason}. Letters supported for ${purpose}: ${supported}.`,
    {
      hint,
      context: { pattern, position: token.position, letter: token.letter, count: token.count },
    },
  );
}
