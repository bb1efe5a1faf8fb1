/**
 * Spark's runtime error classes on DuckDB. Generated SQL raises them with DuckDB's
 * `error()` as `[CLASS] message`; `runtimeError` turns that text, and DuckDB's own checked
 * integer overflow, back into an {@link EngineError} carrying Spark's error class and SQL
 * state, so `e.errorClass` reads the same on both engines.
 */
import { EngineError } from "../../errors.js";
import { quoteString } from "./sql-quote.js";

/** Spark's SQL state of each error class tributary raises at run time. */
const SQL_STATE = {
  CAST_INVALID_INPUT: "22018",
  CAST_OVERFLOW: "22003",
  "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION": "22003",
  ARITHMETIC_OVERFLOW: "22003",
  BINARY_ARITHMETIC_OVERFLOW: "22003",
  DIVIDE_BY_ZERO: "22012",
  INVALID_ARRAY_INDEX: "22003",
  INVALID_ARRAY_INDEX_IN_ELEMENT_AT: "22003",
  INVALID_INDEX_OF_ZERO: "22003",
  CANNOT_PARSE_TIMESTAMP: "22007",
  DATETIME_FIELD_OUT_OF_BOUNDS: "22023",
  NULL_MAP_KEY: "2200E",
  "INVALID_FORMAT.ESC_IN_THE_MIDDLE": "42601",
  "INVALID_FORMAT.ESC_AT_THE_END": "42601",
  "UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN": "0A000",
  COMPARATOR_RETURNS_NULL: "22004",
} as const;

export type RuntimeErrorClass = keyof typeof SQL_STATE;

const HINT: Partial<Record<RuntimeErrorClass, string>> = {
  CAST_INVALID_INPUT:
    'Use try_cast to get null for malformed input, or set "spark.sql.ansi.enabled" to false.',
  CAST_OVERFLOW: 'Use try_cast to get null on overflow, or set "spark.sql.ansi.enabled" to false.',
  "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION":
    'Use a wider decimal type or try_cast, or set "spark.sql.ansi.enabled" to false.',
  ARITHMETIC_OVERFLOW:
    'Use try_add / try_subtract / try_multiply to get null on overflow, or set "spark.sql.ansi.enabled" to false.',
  BINARY_ARITHMETIC_OVERFLOW:
    'Use try_add / try_subtract / try_multiply to get null on overflow, or set "spark.sql.ansi.enabled" to false.',
  DIVIDE_BY_ZERO:
    'Use try_divide to tolerate a zero divisor, or set "spark.sql.ansi.enabled" to false.',
  INVALID_ARRAY_INDEX:
    'Use get() or try_element_at to get null for an index out of bounds, or set "spark.sql.ansi.enabled" to false.',
  INVALID_ARRAY_INDEX_IN_ELEMENT_AT:
    'Use try_element_at to get null for an index out of bounds, or set "spark.sql.ansi.enabled" to false.',
  CANNOT_PARSE_TIMESTAMP:
    'Use try_to_timestamp / try_to_date to get null for invalid input, or set "spark.sql.ansi.enabled" to false.',
  "INVALID_FORMAT.ESC_IN_THE_MIDDLE":
    "Precede only '_', '%' or the escape character itself with the escape character.",
  "INVALID_FORMAT.ESC_AT_THE_END":
    "Precede only '_', '%' or the escape character itself with the escape character.",
  "UNSUPPORTED_FEATURE.QUERY_ONLY_CORRUPT_RECORD_COLUMN":
    "Cache the DataFrame (or write it out) and query the corrupt-record column from that, or read it together with data columns.",
  COMPARATOR_RETURNS_NULL:
    "Return a negative number, 0 or a positive number for every pair, nulls too (CASE WHEN l IS NULL ...).",
  DATETIME_FIELD_OUT_OF_BOUNDS:
    'Use try_make_date / try_make_timestamp to get null for invalid fields, or set "spark.sql.ansi.enabled" to false.',
};

/**
 * SQL that fails the query with `errorClass`; `parts` are SQL string expressions joined
 * into the message (so it can quote the offending value).
 */
export function raiseSql(errorClass: RuntimeErrorClass, ...parts: readonly string[]): string {
  return `error(concat(${[quoteString(`[${errorClass}] `), ...parts].join(", ")}))`;
}

/** A SQL string literal for a message part. */
export const text = (s: string): string => quoteString(s);

const RAISED = /\[([A-Z_.]+)\] ([^\n]*)/;
const DUCKDB_OVERFLOW =
  /Overflow in (?:addition|subtraction|multiplication|negation)|Overflow in left shift|value is out of range for the destination type INT|Cannot negate|Overflow on abs\(/;

/**
 * The Spark error a DuckDB failure stands for, or undefined when it is not one of ours.
 * DuckDB's checked integer arithmetic only runs in ANSI mode (otherwise results wrap), so
 * its overflow is Spark's ARITHMETIC_OVERFLOW.
 */
export function runtimeError(e: unknown, sql: string): EngineError | undefined {
  const message = e instanceof Error ? e.message : String(e);
  const raised = RAISED.exec(message);
  const cls = raised?.[1];
  if (raised !== undefined && raised !== null && cls !== undefined && cls in SQL_STATE) {
    const errorClass = cls as RuntimeErrorClass;
    return build(errorClass, `[${errorClass}] ${raised[2] ?? ""}`, e, sql);
  }
  if (message.includes("Map keys can not be NULL"))
    return build("NULL_MAP_KEY", "[NULL_MAP_KEY] Cannot use null as map key.", e, sql);
  if (DUCKDB_OVERFLOW.test(message)) {
    const detail = (message.split("\n")[0] ?? message).replace(/^[A-Za-z ]+Error: /, "");
    // Spark names a binary overflow of bytes and shorts apart from that of ints and longs.
    const errorClass = /of INT(8|16) /.test(detail)
      ? "BINARY_ARITHMETIC_OVERFLOW"
      : "ARITHMETIC_OVERFLOW";
    return build(errorClass, `[${errorClass}] Integer overflow: ${detail}`, e, sql);
  }
  return undefined;
}

function build(errorClass: RuntimeErrorClass, message: string, cause: unknown, sql: string) {
  const hint = HINT[errorClass];
  return new EngineError("duckdb", message, {
    code: errorClass,
    errorClass,
    sqlState: SQL_STATE[errorClass],
    cause,
    context: { sql },
    ...(hint === undefined ? {} : { hint }),
  });
}
