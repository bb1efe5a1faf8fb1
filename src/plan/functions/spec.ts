/**
 * The shape of one catalog entry: what is true of a Spark function on every engine. Engines
 * keep their own tables (how to run it), keyed by the catalog's names.
 */

/** How a function produces its rows and values. */
export type FunctionKind = "scalar" | "aggregate" | "window" | "generator" | "lambda";

/**
 * The result type: a fixed Spark type; `input` for the type of the (first) argument;
 * `derived` when it follows from several arguments (widening, arrays, maps, structs).
 */
export type ReturnRule =
  | "boolean"
  | "integer"
  | "long"
  | "double"
  | "string"
  | "binary"
  | "date"
  | "timestamp"
  | "input"
  | "derived";

/**
 * How a user reaches the function: a `functions` export of the same name, a Column method
 * (`plus` -> `+`), or only Spark SQL expression text (`expr("typeof(a)")`).
 */
export type Reach = "functions" | "column" | "expression";

/**
 * What an argument position accepts, in the words of Spark's `ExpectsInputTypes` (the type a
 * `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE` message names, checked with PySpark 4.0.1).
 * `double`, `int`, `bigint` and `decimal` accept any number, as `numeric` does (Spark casts
 * implicitly); they name the exact type Spark's message names. `any` is a position Spark
 * checks with another rule (operators, arrays of the same element type) or not at all;
 * `numeric_or_ansi_interval` is `sum`'s and `avg`'s input, which also casts a timestamp;
 * `lambda` is a function argument (`x -> x + 1`).
 */
export type ArgType =
  | "any"
  | "numeric"
  | "numeric_or_ansi_interval"
  | "integral"
  | "double"
  | "int"
  | "bigint"
  | "decimal"
  | "string"
  | "binary"
  | "string_or_binary"
  | "boolean"
  | "date"
  | "timestamp"
  | "array"
  | "map"
  | "lambda";

export interface FunctionSpec {
  readonly kind: FunctionKind;
  readonly minArgs: number;
  /** `VARARGS` when any number of arguments from `minArgs` up is accepted. */
  readonly maxArgs: number;
  readonly returns: ReturnRule;
  /** One type per position; for varargs the last one repeats. */
  readonly args: readonly ArgType[];
  readonly reach: Reach;
}

/** The expected type of argument `index` (0-based), the last one repeating for varargs. */
export function argTypeAt(spec: Pick<FunctionSpec, "args">, index: number): ArgType {
  return spec.args[Math.min(index, spec.args.length - 1)] ?? "any";
}

export const VARARGS = Number.POSITIVE_INFINITY;

function specOf(kind: FunctionKind) {
  return (
    minArgs: number,
    maxArgs: number,
    returns: ReturnRule,
    args: readonly ArgType[],
    reach: Reach = "functions",
  ): FunctionSpec =>
    Object.freeze({ kind, minArgs, maxArgs, returns, args: Object.freeze([...args]), reach });
}

export const scalar = specOf("scalar");
export const aggregate = specOf("aggregate");
export const window = specOf("window");
export const generator = specOf("generator");
/** Higher-order functions: an argument is a lambda (`transform(xs, x -> x + 1)`). */
export const lambda = specOf("lambda");
