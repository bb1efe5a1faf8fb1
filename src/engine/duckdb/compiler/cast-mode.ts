/**
 * How a cast reacts to a value it cannot convert: `legacy` is Spark's non-ANSI cast (null,
 * or Java's wrap-around for integers), `ansi` fails with Spark's error class, `try`
 * (`try_cast`) is the ANSI cast with null instead of the error.
 */
import type { DataType } from "../../../types/data-types.js";
import { type RuntimeErrorClass, raiseSql, text } from "../runtime-errors.js";

export type CastMode = "legacy" | "ansi" | "try";

export function castMode(tryCast: boolean, ansi: boolean): CastMode {
  return tryCast ? "try" : ansi ? "ansi" : "legacy";
}

const SQL_NAMES: Readonly<Record<string, string>> = {
  byte: "TINYINT",
  short: "SMALLINT",
  integer: "INT",
  long: "BIGINT",
};

/** Spark's SQL name of a type, as its error messages print it (`"INT"`, `"DECIMAL(3,2)"`). */
export function sqlTypeName(t: DataType): string {
  return SQL_NAMES[t.typeName] ?? t.simpleString().toUpperCase();
}

/**
 * `value`, which is null exactly when `input` is null or does not convert; in ANSI mode a
 * non-null input that did not convert fails the query with `errorClass`.
 */
export function checked(
  mode: CastMode,
  value: string,
  input: string,
  errorClass: RuntimeErrorClass,
  message: readonly string[],
): string {
  if (mode !== "ansi") return value;
  return `coalesce(${value}, CASE WHEN ${input} IS NOT NULL THEN ${raiseSql(errorClass, ...message)} END)`;
}

/** Spark's CAST_INVALID_INPUT message for `input` (a SQL string) of type `from` to `to`. */
export function invalidInput(input: string, from: DataType, to: DataType): readonly string[] {
  return [
    text("The value '"),
    input,
    text(
      `' of the type "${sqlTypeName(from)}" cannot be cast to "${sqlTypeName(to)}" because it is malformed. Correct the value as per the syntax, or change its target type.`,
    ),
  ];
}

/** Spark's CAST_OVERFLOW message. */
export function castOverflow(input: string, from: DataType, to: DataType): readonly string[] {
  return [
    text("The value "),
    `CAST(${input} AS VARCHAR)`,
    text(
      ` of the type "${sqlTypeName(from)}" cannot be cast to "${sqlTypeName(to)}" due to an overflow.`,
    ),
  ];
}

/** Spark's NUMERIC_VALUE_OUT_OF_RANGE message for a decimal that does not fit `to`. */
export function outOfRange(input: string, to: DataType): readonly string[] {
  return [
    text("The value "),
    `CAST(${input} AS VARCHAR)`,
    text(` cannot be represented as ${sqlTypeName(to)}.`),
  ];
}
