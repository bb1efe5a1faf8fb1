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

export interface FunctionSpec {
  readonly kind: FunctionKind;
  readonly minArgs: number;
  /** `VARARGS` when any number of arguments from `minArgs` up is accepted. */
  readonly maxArgs: number;
  readonly returns: ReturnRule;
  readonly reach: Reach;
}

export const VARARGS = Number.POSITIVE_INFINITY;

function specOf(kind: FunctionKind) {
  return (
    minArgs: number,
    maxArgs: number,
    returns: ReturnRule,
    reach: Reach = "functions",
  ): FunctionSpec => Object.freeze({ kind, minArgs, maxArgs, returns, reach });
}

export const scalar = specOf("scalar");
export const aggregate = specOf("aggregate");
export const window = specOf("window");
export const generator = specOf("generator");
/** Higher-order functions: an argument is a lambda (`transform(xs, x -> x + 1)`). */
export const lambda = specOf("lambda");
