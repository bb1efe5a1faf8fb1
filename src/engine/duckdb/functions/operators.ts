/**
 * Operators with Spark's (non-ANSI) semantics: `/` is always fractional and gives null on
 * division by zero; `%` likewise; `==` with null is null; `<=>` is null-safe.
 */
import {
  BooleanType,
  type DataType,
  DecimalType,
  DoubleType,
  isNumeric,
  LongType,
} from "../../../types/data-types.js";
import { withIntervals } from "./intervals.js";
import { type FamilyTable, type FnArg, type FunctionDef, returns, sqlOf } from "./types.js";

const NUMERIC_RANK: Record<string, number> = {
  byte: 1,
  short: 2,
  integer: 3,
  long: 4,
  decimal: 5,
  float: 6,
  double: 7,
};

/** Spark's numeric widening for binary arithmetic (decimals kept simple). */
export function widerNumeric(
  a: DataType | undefined,
  b: DataType | undefined,
): DataType | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  if (!isNumeric(a) || !isNumeric(b)) return undefined;
  const ra = NUMERIC_RANK[a.typeName] ?? 0;
  const rb = NUMERIC_RANK[b.typeName] ?? 0;
  if (a.typeName === "decimal" && b.typeName === "decimal") {
    const scale = Math.max(a.scale, b.scale);
    const whole = Math.max(a.precision - a.scale, b.precision - b.scale);
    return new DecimalType(Math.min(38, whole + scale + 1), scale);
  }
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

const arithmeticType = (args: readonly FnArg[]): DataType | undefined =>
  widerNumeric(args[0]?.type, args[1]?.type);
const bool = returns(BooleanType);

function isIntegral(t: DataType | undefined): boolean {
  return t !== undefined && ["byte", "short", "integer", "long"].includes(t.typeName);
}

export const operatorFunctions = {
  "+": withIntervals("+", infix("+", arithmeticType)),
  "-": withIntervals("-", infix("-", arithmeticType)),
  "*": infix("*", arithmeticType),
  "/": {
    minArgs: 2,
    maxArgs: 2,
    // Spark: integer / integer is a double, and x / 0 is null (ANSI off).
    compile: (args) => {
      const [a, b] = [sqlOf(args, 0), sqlOf(args, 1)];
      const decimal =
        args[0]?.type?.typeName === "decimal" || args[1]?.type?.typeName === "decimal";
      const num = decimal ? a : `CAST(${a} AS DOUBLE)`;
      return `(${num} / NULLIF(${b}, 0))`;
    },
    returnType: (args) =>
      args[0]?.type?.typeName === "decimal" || args[1]?.type?.typeName === "decimal"
        ? undefined
        : DoubleType,
  },
  "%": {
    minArgs: 2,
    maxArgs: 2,
    compile: (args) => `(${sqlOf(args, 0)} % NULLIF(${sqlOf(args, 1)}, 0))`,
    returnType: arithmeticType,
  },
  div: {
    minArgs: 2,
    maxArgs: 2,
    compile: (args) => `CAST(trunc(${sqlOf(args, 0)} / NULLIF(${sqlOf(args, 1)}, 0)) AS BIGINT)`,
    returnType: returns(LongType),
  },
  negative: {
    minArgs: 1,
    compile: (args) => `(- ${sqlOf(args, 0)})`,
    returnType: (args) => args[0]?.type,
  },
  positive: {
    minArgs: 1,
    compile: (args) => `(+ ${sqlOf(args, 0)})`,
    returnType: (args) => args[0]?.type,
  },
  "==": infix("=", bool),
  "!=": infix("<>", bool),
  "<": infix("<", bool),
  "<=": infix("<=", bool),
  ">": infix(">", bool),
  ">=": infix(">=", bool),
  "<=>": infix("IS NOT DISTINCT FROM", bool),
  and: infix("AND", bool),
  or: infix("OR", bool),
  not: { minArgs: 1, compile: (args) => `(NOT ${sqlOf(args, 0)})`, returnType: bool },
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
  isnull: { minArgs: 1, compile: (args) => `(${sqlOf(args, 0)} IS NULL)`, returnType: bool },
  isnotnull: { minArgs: 1, compile: (args) => `(${sqlOf(args, 0)} IS NOT NULL)`, returnType: bool },
  isnan: {
    minArgs: 1,
    compile: (args) => `coalesce(isnan(CAST(${sqlOf(args, 0)} AS DOUBLE)), FALSE)`,
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
  },
} satisfies FamilyTable;

export { isIntegral };
