/**
 * Math with Spark's semantics (ANSI off): invalid input gives null instead of an error
 * (`sqrt(-1)` is NaN, `log(0)` null), `floor`/`ceil` of a double are longs, `round` is
 * HALF_UP and `bround` HALF_EVEN.
 */
import { UnsupportedOperationError } from "../../../errors.js";
import { BinaryType, DoubleType, LongType, StringType } from "../../../types/data-types.js";
import { widerNumeric } from "./operators.js";
import { type FamilyTable, type FnArg, type FunctionDef, returns, sqlOf } from "./types.js";

const dbl = returns(DoubleType);

function fn(
  minArgs: number,
  maxArgs: number,
  compile: FunctionDef["compile"],
  returnType?: FunctionDef["returnType"],
): FunctionDef {
  return { minArgs, maxArgs, compile, ...(returnType === undefined ? {} : { returnType }) };
}

const d = (a: FnArg | undefined): string => `CAST(${a?.sql ?? "NULL"} AS DOUBLE)`;
const isFractional = (a: FnArg | undefined): boolean =>
  a?.type?.typeName === "double" || a?.type?.typeName === "float";

/** A one-argument double function. */
const unary = (duck: string): FunctionDef => fn(1, 1, (args) => `${duck}(${d(args[0])})`, dbl);

/** Logarithms are null outside their domain in Spark. */
const log = (duck: string): FunctionDef =>
  fn(1, 1, (args) => `CASE WHEN ${d(args[0])} > 0 THEN ${duck}(${d(args[0])}) END`, dbl);

const floorCeil = (duck: "floor" | "ceil"): FunctionDef =>
  fn(
    1,
    2,
    (args) => {
      if (args.length === 2)
        return `${duck === "floor" ? "floor" : "ceil"}(${sqlOf(args, 0)} * power(10, ${sqlOf(args, 1)})) / power(10, ${sqlOf(args, 1)})`;
      if (isFractional(args[0]) || args[0]?.type === undefined)
        return `CAST(${duck}(${sqlOf(args, 0)}) AS BIGINT)`;
      if (args[0]?.type?.typeName === "decimal") return `${duck}(${sqlOf(args, 0)})`;
      return `CAST(${sqlOf(args, 0)} AS BIGINT)`;
    },
    (args) =>
      args.length === 1 && args[0]?.type?.typeName !== "decimal" ? LongType : args[0]?.type,
  );

export const mathFunctions = {
  abs: fn(
    1,
    1,
    (args) => `abs(${sqlOf(args, 0)})`,
    (args) => args[0]?.type,
  ),
  round: fn(
    1,
    2,
    (args) => `round(${sqlOf(args, 0)}, ${args.length === 2 ? sqlOf(args, 1) : "0"})`,
    (args) => args[0]?.type,
  ),
  bround: fn(
    1,
    2,
    (args) => {
      const scale = args.length === 2 ? sqlOf(args, 1) : "0";
      const v = sqlOf(args, 0);
      return isFractional(args[0]) || args[0]?.type?.typeName === "decimal"
        ? `round_even(${v}, ${scale})`
        : `CAST(round_even(CAST(${v} AS DOUBLE), ${scale}) AS ${args[0]?.type?.typeName === "long" ? "BIGINT" : "INTEGER"})`;
    },
    (args) => args[0]?.type,
  ),
  floor: floorCeil("floor"),
  ceil: floorCeil("ceil"),
  ceiling: floorCeil("ceil"),
  sqrt: fn(
    1,
    1,
    (args) => `CASE WHEN ${d(args[0])} < 0 THEN CAST('NaN' AS DOUBLE) ELSE sqrt(${d(args[0])}) END`,
    dbl,
  ),
  cbrt: unary("cbrt"),
  exp: unary("exp"),
  expm1: fn(1, 1, (args) => `(exp(${d(args[0])}) - 1)`, dbl),
  pow: fn(2, 2, (args) => `pow(${d(args[0])}, ${d(args[1])})`, dbl),
  power: fn(2, 2, (args) => `pow(${d(args[0])}, ${d(args[1])})`, dbl),
  log: fn(
    1,
    2,
    (args) =>
      args.length === 1
        ? `CASE WHEN ${d(args[0])} > 0 THEN ln(${d(args[0])}) END`
        : `CASE WHEN ${d(args[0])} > 0 AND ${d(args[0])} <> 1 AND ${d(args[1])} > 0 THEN ln(${d(args[1])}) / ln(${d(args[0])}) END`,
    dbl,
  ),
  ln: log("ln"),
  log10: log("log10"),
  log2: log("log2"),
  log1p: fn(1, 1, (args) => `CASE WHEN ${d(args[0])} > -1 THEN ln(1 + ${d(args[0])}) END`, dbl),
  signum: fn(1, 1, (args) => `CAST(sign(${d(args[0])}) AS DOUBLE)`, dbl),
  sign: fn(1, 1, (args) => `CAST(sign(${d(args[0])}) AS DOUBLE)`, dbl),
  pmod: fn(
    2,
    2,
    (args) =>
      `CASE WHEN ${sqlOf(args, 1)} = 0 THEN NULL ELSE ((${sqlOf(args, 0)} % ${sqlOf(args, 1)}) + ${sqlOf(args, 1)}) % ${sqlOf(args, 1)} END`,
    (args) => widerNumeric(args[0]?.type, args[1]?.type),
  ),
  greatest: fn(
    2,
    Number.POSITIVE_INFINITY,
    (args) => `greatest(${args.map((a) => a.sql).join(", ")})`,
    (args) =>
      args.reduce<ReturnType<typeof widerNumeric>>(
        (t, a) => widerNumeric(t, a.type) ?? a.type,
        undefined,
      ),
  ),
  least: fn(
    2,
    Number.POSITIVE_INFINITY,
    (args) => `least(${args.map((a) => a.sql).join(", ")})`,
    (args) =>
      args.reduce<ReturnType<typeof widerNumeric>>(
        (t, a) => widerNumeric(t, a.type) ?? a.type,
        undefined,
      ),
  ),
  rand: fn(
    0,
    1,
    (args) => {
      if (args.length === 1) {
        throw new UnsupportedOperationError(
          "duckdb",
          "rand(seed)",
          "rand() with a seed is not supported on the DuckDB engine: its random generator cannot be seeded per expression.",
          {
            hint: "Use rand() without a seed, or sample(fraction, seed) for reproducible sampling.",
          },
        );
      }
      return "random()";
    },
    dbl,
  ),
  // Box–Muller from two uniform draws: a standard normal variate, as Spark's randn().
  randn: fn(0, 0, () => "(sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))", dbl),
  sin: unary("sin"),
  cos: unary("cos"),
  tan: unary("tan"),
  asin: unary("asin"),
  acos: unary("acos"),
  atan: unary("atan"),
  atan2: fn(2, 2, (args) => `atan2(${d(args[0])}, ${d(args[1])})`, dbl),
  sinh: fn(1, 1, (args) => `((exp(${d(args[0])}) - exp(-${d(args[0])})) / 2)`, dbl),
  cosh: fn(1, 1, (args) => `((exp(${d(args[0])}) + exp(-${d(args[0])})) / 2)`, dbl),
  tanh: fn(1, 1, (args) => `tanh(${d(args[0])})`, dbl),
  degrees: unary("degrees"),
  radians: unary("radians"),
  hypot: fn(
    2,
    2,
    (args) => `sqrt(${d(args[0])} * ${d(args[0])} + ${d(args[1])} * ${d(args[1])})`,
    dbl,
  ),
  factorial: fn(
    1,
    1,
    (args) =>
      `CASE WHEN ${sqlOf(args, 0)} BETWEEN 0 AND 20 THEN CAST(factorial(CAST(${sqlOf(args, 0)} AS INTEGER)) AS BIGINT) END`,
    returns(LongType),
  ),
  shiftleft: fn(
    2,
    2,
    (args) => `(${sqlOf(args, 0)} << ${sqlOf(args, 1)})`,
    (args) => args[0]?.type,
  ),
  shiftright: fn(
    2,
    2,
    (args) => `(${sqlOf(args, 0)} >> ${sqlOf(args, 1)})`,
    (args) => args[0]?.type,
  ),
  hex: fn(
    1,
    1,
    (args) =>
      args[0]?.type?.typeName === "string"
        ? `hex(encode(${sqlOf(args, 0)}))`
        : `hex(${sqlOf(args, 0)})`,
    returns(StringType),
  ),
  unhex: fn(1, 1, (args) => `unhex(${sqlOf(args, 0)})`, returns(BinaryType)),
  bin: fn(1, 1, (args) => `bin(CAST(${sqlOf(args, 0)} AS BIGINT))`, returns(StringType)),
  e: fn(0, 0, () => "exp(1)", dbl),
  pi: fn(0, 0, () => "pi()", dbl),
  negative: fn(
    1,
    1,
    (args) => `(- ${sqlOf(args, 0)})`,
    (args) => args[0]?.type,
  ),
  positive: fn(
    1,
    1,
    (args) => `(+ ${sqlOf(args, 0)})`,
    (args) => args[0]?.type,
  ),
} satisfies FamilyTable;
