/**
 * Operators with Spark's semantics: arithmetic as `arithmetic.ts` defines it (ANSI or
 * not, and the `try_*` forms); `==` with null is null; `<=>` is null-safe.
 */

import {
  BooleanType,
  type DataType,
  DecimalType,
  DoubleType,
  isNumeric,
} from "../../../types/data-types.js";
import { castSql } from "../compiler/cast.js";
import {
  type ArithmeticMode,
  type BinaryOp,
  binaryNarrow,
  binarySql,
  binaryType,
  modeOf,
  unarySql,
} from "./arithmetic.js";
import { widerDecimal } from "./coercion.js";
import { withIntervals } from "./intervals.js";
import {
  always,
  type FamilyTable,
  type FnArg,
  type FunctionDef,
  numericArgs,
  returns,
  sqlOf,
} from "./types.js";

const NUMERIC_RANK: Record<string, number> = {
  byte: 1,
  short: 2,
  integer: 3,
  long: 4,
  decimal: 5,
  float: 6,
  double: 7,
};

/** Spark's numeric widening of two values into one type (greatest, least, coalesce). */
export function widerNumeric(
  a: DataType | undefined,
  b: DataType | undefined,
): DataType | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  if (!isNumeric(a) || !isNumeric(b)) return undefined;
  const ra = NUMERIC_RANK[a.typeName] ?? 0;
  const rb = NUMERIC_RANK[b.typeName] ?? 0;
  // Spark's wider decimal (greatest, least, coalesce): room for both, no carry digit.
  if (a instanceof DecimalType && b instanceof DecimalType) return widerDecimal(a, b);
  return ra >= rb ? a : b;
}

function infix(op: string, returnType?: FunctionDef["returnType"]): FunctionDef {
  return {
    minArgs: 2,
    maxArgs: 2,
    compile: (args) => `(${sqlOf(args, 0)} ${op} ${sqlOf(args, 1)})`,
    ...(returnType === undefined ? {} : { returnType }),
  };
}

/** A predicate: a boolean whatever its operands. */
function predicate(op: string): FunctionDef {
  return { ...infix(op, bool), exactType: always };
}

const arithmeticType = (args: readonly FnArg[]): DataType | undefined =>
  widerNumeric(args[0]?.type, args[1]?.type);
const bool = returns(BooleanType);

function isIntegral(t: DataType | undefined): boolean {
  return t !== undefined && ["byte", "short", "integer", "long"].includes(t.typeName);
}

function arithmetic(op: BinaryOp, mode?: ArithmeticMode): FunctionDef {
  return {
    minArgs: 2,
    maxArgs: 2,
    compile: (args, ctx) => binarySql(op, args, mode ?? modeOf(ctx)),
    // Without the session (the catalog's checks), the type without ANSI.
    returnType: (args, ctx) =>
      binaryType(op, args[0], args[1], (mode ?? (ctx && modeOf(ctx))) === "ansi"),
    exactType: numericArgs,
    narrow: (args) => binaryNarrow(op, args),
  };
}

export const operatorFunctions = {
  "+": withIntervals("+", arithmetic("+")),
  "-": withIntervals("-", arithmetic("-")),
  "*": arithmetic("*"),
  "/": arithmetic("/"),
  "%": arithmetic("%"),
  mod: arithmetic("%"),
  div: arithmetic("div"),
  try_add: arithmetic("+", "try"),
  try_subtract: arithmetic("-", "try"),
  try_multiply: arithmetic("*", "try"),
  try_divide: arithmetic("/", "try"),
  try_mod: arithmetic("%", "try"),
  negative: {
    minArgs: 1,
    compile: (args, ctx) => unarySql("-", args[0], modeOf(ctx)),
    returnType: (args) => args[0]?.type,

    exactType: numericArgs,
  },
  positive: {
    minArgs: 1,
    compile: (args) => `(+ ${sqlOf(args, 0)})`,
    returnType: (args) => args[0]?.type,
  },
  "==": predicate("="),
  "!=": predicate("<>"),
  "<": predicate("<"),
  "<=": predicate("<="),
  ">": predicate(">"),
  ">=": predicate(">="),
  "<=>": predicate("IS NOT DISTINCT FROM"),
  and: predicate("AND"),
  or: predicate("OR"),
  not: {
    minArgs: 1,
    compile: (args) => `(NOT ${sqlOf(args, 0)})`,
    returnType: bool,
    exactType: always,
  },
  "&": infix("&", arithmeticType),
  "|": infix("|", arithmeticType),
  "^": {
    minArgs: 2,
    compile: (args) => `xor(${sqlOf(args, 0)}, ${sqlOf(args, 1)})`,
    returnType: arithmeticType,
  },
  "~": {
    minArgs: 1,
    compile: (args) => `(~ ${sqlOf(args, 0)})`,
    returnType: (args) => args[0]?.type,
  },
  isnull: {
    minArgs: 1,
    compile: (args) => `(${sqlOf(args, 0)} IS NULL)`,
    returnType: bool,
    exactType: always,
  },
  isnotnull: {
    minArgs: 1,
    compile: (args) => `(${sqlOf(args, 0)} IS NOT NULL)`,
    returnType: bool,
    exactType: always,
  },
  isnan: {
    minArgs: 1,
    // A string is cast as Spark does: not a number is null without ANSI, so false here.
    compile: (args, ctx) =>
      `coalesce(isnan(${castSql(sqlOf(args, 0), args[0]?.type, DoubleType, false, ctx.ansi)}), FALSE)`,
    returnType: bool,
  },
  in: {
    minArgs: 1,
    maxArgs: Number.POSITIVE_INFINITY,
    compile: (args) =>
      args.length === 1
        ? "FALSE"
        : `(${sqlOf(args, 0)} IN (${args
            .slice(1)
            .map((a) => a.sql)
            .join(", ")}))`,
    returnType: bool,
    exactType: always,
  },
  when: {
    minArgs: 2,
    maxArgs: Number.POSITIVE_INFINITY,
    compile: (args) => {
      let out = "CASE";
      for (let i = 0; i + 1 < args.length; i += 2)
        out += ` WHEN ${sqlOf(args, i)} THEN ${sqlOf(args, i + 1)}`;
      if (args.length % 2 === 1) out += ` ELSE ${sqlOf(args, args.length - 1)}`;
      return `${out} END`;
    },
    returnType: (args) => args[1]?.type,
    // Exact when every branch has the same type; Spark's widening of mixed ones is DESCRIBE's.
    exactType: (args) => {
      const values = args.filter((_, i) => i % 2 === 1 || i === args.length - 1);
      const t = args[1]?.type?.simpleString();
      return t !== undefined && values.every((a) => a.type?.simpleString() === t);
    },
  },
} satisfies FamilyTable;

export { isIntegral };
