/**
 * GE's `result_format`: how much a result says. `BOOLEAN_ONLY` keeps only `success`;
 * `BASIC` adds counts, percentages and `partial_unexpected_list`; `SUMMARY` (GE's default
 * for a validation) adds `partial_unexpected_counts`; `COMPLETE` adds the `unexpected_list`.
 * The dict form sets `partial_unexpected_count` (default 20) too.
 */
import { IllegalArgumentError } from "../errors.js";

/** The four levels, as GE names them. */
export type ResultFormatLevel = "BOOLEAN_ONLY" | "BASIC" | "SUMMARY" | "COMPLETE";

/** A level, or GE's dict form. */
export type ResultFormatInput =
  | ResultFormatLevel
  | {
      readonly result_format: ResultFormatLevel;
      readonly partial_unexpected_count?: number;
    };

/** A parsed result format. */
export interface ResultFormat {
  readonly level: ResultFormatLevel;
  readonly partialUnexpectedCount: number;
}

const LEVELS: readonly ResultFormatLevel[] = ["BOOLEAN_ONLY", "BASIC", "SUMMARY", "COMPLETE"];

/** GE caps even COMPLETE's `unexpected_list` at this many values (`MAX_RESULT_RECORDS`). */
export const MAX_RESULT_RECORDS = 200;

/** True when `value` is a result format GE would accept. */
export function isResultFormat(value: unknown): value is ResultFormatInput {
  if (typeof value === "string") return (LEVELS as readonly string[]).includes(value);
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const count = record.partial_unexpected_count;
  return (
    typeof record.result_format === "string" &&
    (LEVELS as readonly string[]).includes(record.result_format) &&
    (count === undefined || (Number.isInteger(count) && (count as number) >= 0))
  );
}

/**
 * Parses a result format (GE's string or dict form).
 *
 * @example
 * ```ts
 * parseResultFormat("SUMMARY");                                              // 20 samples
 * parseResultFormat({ result_format: "BASIC", partial_unexpected_count: 5 });
 * ```
 */
export function parseResultFormat(input: ResultFormatInput = "SUMMARY"): ResultFormat {
  if (!isResultFormat(input)) {
    throw new IllegalArgumentError(
      `Invalid result_format ${JSON.stringify(input)}: expected one of ${LEVELS.join(", ")}, or {"result_format": ..., "partial_unexpected_count": n}.`,
    );
  }
  if (typeof input === "string") return { level: input, partialUnexpectedCount: 20 };
  return {
    level: input.result_format,
    partialUnexpectedCount: input.partial_unexpected_count ?? 20,
  };
}

/** How many unexpected values a result shows: none, the partial list, or GE's capped full list. */
export function sampleLimit(format: ResultFormat): number {
  if (format.level === "BOOLEAN_ONLY") return 0;
  const partial = Math.min(format.partialUnexpectedCount, MAX_RESULT_RECORDS);
  return format.level === "COMPLETE" ? MAX_RESULT_RECORDS : partial;
}
