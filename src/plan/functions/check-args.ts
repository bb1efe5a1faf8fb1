/**
 * Spark's argument type check for a function call (`ExpectsInputTypes`): an argument whose
 * type is known and can never be implicitly cast to what its position expects is an
 * AnalysisError `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE`, worded as Spark words it.
 *
 * Conservative by design: a combination is refused only when PySpark 4.0.1 refuses it with
 * `spark.sql.ansi.enabled` both true and false. Strings pass everywhere an atomic type is
 * expected (Spark casts them), a null literal passes everywhere, and an unknown type passes.
 */
import { AnalysisError } from "../../errors.js";
import type { DataType } from "../../types/data-types.js";
import { CallNode } from "../expression/call.js";
import { exprToString, typeSql } from "../expression/name.js";
import type { ExprNode } from "../node.js";
import { functionSpec } from "./catalog.js";
import { type ArgType, argTypeAt } from "./spec.js";

/** One argument as the compiler sees it: its plan node and its Spark type when known. */
export interface TypedArg {
  readonly node: ExprNode;
  readonly type: DataType | undefined;
}

type TypeName = DataType["typeName"];

const NUMBERS: readonly TypeName[] = [
  "byte",
  "short",
  "integer",
  "long",
  "float",
  "double",
  "decimal",
];
const DATETIMES: readonly TypeName[] = ["date", "timestamp", "timestamp_ntz"];
const COMPLEX: readonly TypeName[] = ["array", "map", "struct"];
const NOT_A_NUMBER: readonly TypeName[] = ["boolean", "binary", ...DATETIMES, ...COMPLEX];

/**
 * The argument types each expected type refuses (each combination refused by PySpark
 * 4.0.1 in both ANSI modes). Every type not listed is accepted.
 */
const REFUSED: Readonly<Record<Exclude<ArgType, "any" | "lambda">, readonly TypeName[]>> = {
  numeric: NOT_A_NUMBER,
  // sum(ts) and avg(ts) run in Spark (as seconds); a timestamp_ntz does not.
  numeric_or_ansi_interval: NOT_A_NUMBER.filter((t) => t !== "timestamp"),
  // Spark casts no fraction to an integral type implicitly (~ 1.5D, bit_or(1.5F) fail).
  integral: [...NOT_A_NUMBER, "float", "double", "decimal"],
  double: NOT_A_NUMBER,
  int: NOT_A_NUMBER,
  bigint: NOT_A_NUMBER,
  decimal: NOT_A_NUMBER,
  string: COMPLEX,
  string_or_binary: COMPLEX,
  binary: ["boolean", ...NUMBERS, ...DATETIMES, ...COMPLEX],
  boolean: ["binary", ...NUMBERS, ...DATETIMES, ...COMPLEX],
  date: ["boolean", "binary", ...NUMBERS, ...COMPLEX],
  // Spark refuses a date here too for some functions (unix_seconds) but casts it for others
  // (date_format): accepted, so nothing Spark runs is refused.
  timestamp: ["boolean", "binary", ...NUMBERS, ...COMPLEX],
  array: ["boolean", "binary", "string", ...NUMBERS, ...DATETIMES, "map", "struct"],
  map: ["boolean", "binary", "string", ...NUMBERS, ...DATETIMES, "array", "struct"],
};

/** The type as Spark's message names it. */
const SPARK_NAME: Readonly<Record<keyof typeof REFUSED, string>> = {
  numeric: '"NUMERIC"',
  numeric_or_ansi_interval: '"NUMERIC" or "ANSI INTERVAL"',
  integral: '"INTEGRAL"',
  double: '"DOUBLE"',
  int: '"INT"',
  bigint: '"BIGINT"',
  decimal: '"DECIMAL"',
  string: '"STRING"',
  string_or_binary: '("STRING" or "BINARY")',
  binary: '"BINARY"',
  boolean: '"BOOLEAN"',
  date: '"DATE"',
  timestamp: '"TIMESTAMP"',
  array: '"ARRAY"',
  map: '"MAP"',
};

/** Spark's ordinal words for a parameter position (0-based): first, second, third, 4th... */
function ordinal(index: number): string {
  return ["first", "second", "third"][index] ?? `${index + 1}th`;
}

/**
 * Throws Spark's `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE` when an argument of
 * `name(args...)` has a known type its position can never take. A name the catalog does
 * not know is left to the caller.
 */
export function checkArgTypes(name: string, args: readonly TypedArg[], distinct = false): void {
  const spec = functionSpec(name);
  if (spec === undefined) return;
  args.forEach((arg, index) => {
    const expected = argTypeAt(spec, index);
    const actual = arg.type;
    if (actual === undefined || expected === "any" || expected === "lambda") return;
    if (!REFUSED[expected].includes(actual.typeName)) return;
    const call = exprToString(
      CallNode.create(
        name,
        args.map((a) => a.node),
        distinct,
      ),
    );
    throw new AnalysisError(
      "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
      `Cannot resolve "${call}" due to data type mismatch: The ${ordinal(index)} parameter requires the ${SPARK_NAME[expected]} type, however "${exprToString(arg.node)}" has the type "${typeSql(actual)}".`,
      {
        hint: `Pass a value of the ${SPARK_NAME[expected]} type, or convert the argument (cast, or a function such as to_date or element_at).`,
        context: {
          function: name,
          paramIndex: ordinal(index),
          requiredType: SPARK_NAME[expected],
          inputType: typeSql(actual),
        },
      },
    );
  });
}
