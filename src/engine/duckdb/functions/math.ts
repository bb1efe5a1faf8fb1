/**
 * Math with Spark's semantics: invalid input gives null instead of an error (`sqrt(-1)` is
 * NaN, `log(0)` null), `floor`/`ceil` of a double are longs, `round` is HALF_UP on the
 * decimal value (through a double's Java text) and `bround` HALF_EVEN; decimals keep
 * Spark's result types; shifts and `abs` of integers wrap like Java's.
 */

import {
  BinaryType,
  type DataType,
  DecimalType,
  DoubleType,
  IntegerType,
  isNumeric,
  LongType,
  StringType,
} from "../../../types/data-types.js";
import { asDecimal, roundedDecimal } from "../../../types/decimal-precision.js";
import { castSql } from "../compiler/cast.js";
import { toDuckDBType } from "../type-mapper.js";
import { binaryType, modeOf, pmodSql, unarySql } from "./arithmetic.js";
import { huge, integralBits, integralDuckType, isIntegralType, wrapSql } from "./integral.js";
import { widerNumeric } from "./operators.js";
import { seededRandom } from "./random.js";
import {
  type FamilyTable,
  type FnArg,
  type FnContext,
  type FunctionDef,
  returns,
  sqlOf,
} from "./types.js";

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

const NAN = "CAST('NaN' AS DOUBLE)";

/** `sin`, `cos`, `tan` of an infinity are NaN in Java; DuckDB raises an error instead. */
const periodic = (duck: string): FunctionDef =>
  fn(
    1,
    1,
    (args) => `CASE WHEN isinf(${d(args[0])}) THEN ${NAN} ELSE ${duck}(${d(args[0])}) END`,
    dbl,
  );

/** `asin` / `acos` outside [-1, 1] are NaN in Java; DuckDB raises an error instead. */
const arcSine = (duck: string): FunctionDef =>
  fn(
    1,
    1,
    (args) => `CASE WHEN abs(${d(args[0])}) > 1 THEN ${NAN} ELSE ${duck}(${d(args[0])}) END`,
    dbl,
  );

/**
 * Functions DuckDB lacks or computes as `exp(x) - 1` and the like, which loses `-0.0` and
 * the digits of small arguments: the JS UDF runs V8's fdlibm port, as Java's StrictMath.
 */
const viaUdf = (udf: string): FunctionDef => fn(1, 1, (args) => `${udf}(${d(args[0])})`, dbl);

/** Logarithms are null outside their domain in Spark. */
const log = (duck: string): FunctionDef =>
  fn(1, 1, (args) => `CASE WHEN ${d(args[0])} > 0 THEN ${duck}(${d(args[0])}) END`, dbl);

/** `10^n` as an exact decimal literal (n may be negative). */
function powerOfTen(n: number): string {
  return n >= 0
    ? `CAST('1${"0".repeat(n)}' AS DECIMAL(38,0))`
    : `CAST('0.${"0".repeat(-n - 1)}1' AS DECIMAL(38,${-n}))`;
}

/**
 * A decimal rounded to `digits` places without leaving exact decimals: `x * 10^d`,
 * rounded to a whole number by `whole`, times `10^-d`, in Spark's result type.
 */
function decimalRounded(x: FnArg, digits: number, whole: (y: string) => string): string {
  const t = x.type;
  if (t?.typeName !== "decimal") return x.sql;
  const scaled = digits === 0 ? x.sql : `(${x.sql} * ${powerOfTen(digits)})`;
  const back = digits === 0 ? whole(scaled) : `(${whole(scaled)} * ${powerOfTen(-digits)})`;
  return `CAST(${back} AS ${toDuckDBType(roundedDecimal(t, digits))})`;
}

/** HALF_EVEN on an exact decimal: a tie goes to the even neighbour. */
const halfEven = (y: string): string =>
  `CASE WHEN ${y} - floor(${y}) = 0.5 THEN floor(${y}) + abs(floor(${y}) % 2) ELSE round(${y}) END`;

const digitsOf = (args: readonly FnArg[], ctx: FnContext): number =>
  args.length === 2 ? ctx.literalInt(1) : 0;

const roundedType = (args: readonly FnArg[]): DataType | undefined => {
  const t = args[0]?.type;
  if (t?.typeName !== "decimal") return t;
  const node = args[1]?.node;
  const digits = node?.kind === "literal" && typeof node.value === "number" ? node.value : 0;
  return roundedDecimal(t, digits);
};

/**
 * `floor(x, d)` / `ceil(x, d)` of a non-decimal: Spark works on its decimal, a double as
 * `decimal(30,15)`, a float as `decimal(14,7)`, an integer by its width.
 */
function scaledInput(x: FnArg): { sql: string; type: DecimalType } | undefined {
  const t = x.type;
  if (t === undefined) return undefined;
  const type =
    t.typeName === "double"
      ? new DecimalType(30, 15)
      : t.typeName === "float"
        ? new DecimalType(14, 7)
        : asDecimal(t);
  if (type === undefined) return undefined;
  return { sql: castSql(x.sql, t, type, false, false), type };
}

const floorCeil = (duck: "floor" | "ceil"): FunctionDef =>
  fn(
    1,
    2,
    (args, ctx) => {
      const x = args[0];
      const whole = (y: string): string => `${duck}(${y})`;
      if (x?.type?.typeName === "decimal") return decimalRounded(x, digitsOf(args, ctx), whole);
      const asDec = x === undefined || args.length === 1 ? undefined : scaledInput(x);
      if (x !== undefined && asDec !== undefined)
        return decimalRounded({ ...x, ...asDec }, digitsOf(args, ctx), whole);
      if (args.length === 2)
        return `${duck}(${sqlOf(args, 0)} * power(10, ${sqlOf(args, 1)})) / power(10, ${sqlOf(args, 1)})`;
      if (isFractional(x) || x?.type === undefined) {
        // Java's (long) of the double: saturating, NaN is 0.
        return castSql(`${duck}(${d(x)})`, DoubleType, LongType, false, false);
      }
      return `CAST(${sqlOf(args, 0)} AS BIGINT)`;
    },
    (args) => {
      const t = args[0]?.type;
      if (t?.typeName === "decimal") return roundedType(args);
      const asDec = args[0] === undefined || args.length === 1 ? undefined : scaledInput(args[0]);
      if (asDec !== undefined && args[0] !== undefined)
        return roundedType([{ ...args[0], ...asDec }, ...args.slice(1)]);
      return args.length === 1 ? LongType : t;
    },
  );

/** Spark rounds a double through its decimal text (`round(1.005, 2)` is 1.01). */
function roundDouble(x: string, digits: number): string {
  const exact = `TRY_CAST(tributary_double_text(${x}) AS DECIMAL(38,18))`;
  const rounded = `coalesce(CAST(round(${exact}, ${digits}) AS DOUBLE), round(${x}, ${digits}))`;
  return unlessNotFinite(x, rounded);
}

/** `a / b` of doubles with IEEE 754's answer for a zero divisor. */
const ieeeDivide = (a: string, b: string): string =>
  `CASE WHEN ${b} <> 0 THEN ${a} / ${b} WHEN ${a} = 0 OR isnan(${a}) THEN ${NAN} WHEN ${a} > 0 THEN CAST('Infinity' AS DOUBLE) ELSE CAST('-Infinity' AS DOUBLE) END`;

/** Spark's round and bround give NaN and the infinities back as they are. */
const unlessNotFinite = (x: string, sql: string): string =>
  `CASE WHEN isnan(${x}) OR isinf(${x}) THEN ${x} ELSE ${sql} END`;

/**
 * `bround` of a double goes through Java's BigDecimal, so -0.0 comes back as 0.0; an
 * integer rounded to tens wraps like Java's `intValue` (or overflows under ANSI).
 */
function bround(args: readonly FnArg[], ctx: FnContext): string {
  const x = args[0];
  const digits = digitsOf(args, ctx);
  if (x?.type?.typeName === "decimal") return decimalRounded(x, digits, halfEven);
  const t = x?.type;
  if (t !== undefined && isIntegralType(t)) {
    if (digits >= 0) return sqlOf(args, 0);
    // Exact decimals: DuckDB's round_even reads a HUGEINT as a double.
    const scaled = `(CAST(${sqlOf(args, 0)} AS DECIMAL(38,0)) * ${powerOfTen(digits)})`;
    const wide = `CAST(${halfEven(scaled)} * ${powerOfTen(-digits)} AS HUGEINT)`;
    const duck = integralDuckType(t);
    return ctx.ansi ? `CAST(${wide} AS ${duck})` : wrapSql(wide, integralBits(t) ?? 64, duck);
  }
  const v = isFractional(x) ? sqlOf(args, 0) : d(x);
  const rounded = `(round_even(${v}, ${digits}) + 0.0)`;
  return unlessNotFinite(v, t?.typeName === "float" ? `CAST(${rounded} AS FLOAT)` : rounded);
}

/** Spark's signum: NaN and -0.0 are their own sign. */
const signum = (x: string): string =>
  `CASE WHEN isnan(${x}) OR ${x} = 0 THEN ${x} WHEN ${x} > 0 THEN 1.0 WHEN ${x} < 0 THEN -1.0 END`;

/**
 * Java's Math.hypot: infinity wins over NaN. In the range where the squares neither
 * overflow nor underflow, `sqrt(x*x + y*y)` rounds as fdlibm does (scaling first costs an
 * ulp); outside it, the sides are scaled by the larger one.
 */
function hypot(x: string, y: string): string {
  const m = `greatest(abs(${x}), abs(${y}))`;
  return `CASE WHEN isinf(${x}) OR isinf(${y}) THEN CAST('Infinity' AS DOUBLE) WHEN isnan(${x}) OR isnan(${y}) THEN ${NAN} WHEN ${m} = 0 THEN 0.0 WHEN ${m} < 1e150 AND ${m} > 1e-150 THEN sqrt(${x} * ${x} + ${y} * ${y}) ELSE ${m} * sqrt(pow(${x} / ${m}, 2) + pow(${y} / ${m}, 2)) END`;
}

/**
 * Spark's greatest / least skip nulls and keep the earlier of two equal values, so of -0.0
 * and 0.0 the first one wins; DuckDB's own prefer 0.0, so floats go through a fold.
 */
function extreme(op: ">" | "<", args: readonly FnArg[], ansi: boolean): string {
  // ANSI widens a float met with an integer or a decimal to double (legacy keeps float).
  const toDouble =
    ansi &&
    args.some((a) => a.type?.typeName === "float") &&
    args.some((a) => a.type !== undefined && !isFractional(a) && isNumeric(a.type));
  const list = args.map((a) => (toDouble ? d(a) : a.sql)).join(", ");
  if (!args.some(isFractional)) return `${op === ">" ? "greatest" : "least"}(${list})`;
  return `list_reduce([${list}], lambda __acc, __v: CASE WHEN __acc IS NULL OR __v ${op} __acc THEN __v ELSE __acc END)`;
}

/** Spark's unhex: null for a non-hex digit; an odd length reads as if led by a 0. */
function unhex(s: string): string {
  const even = `CASE WHEN length(${s}) % 2 = 1 THEN '0' || ${s} ELSE ${s} END`;
  return `CASE WHEN regexp_full_match(${s}, '[0-9a-fA-F]*') THEN unhex(${even}) END`;
}

/** Spark shifts ints as ints and everything else as longs; Java masks the distance. */
const shiftType = (args: readonly FnArg[]): DataType =>
  args[0]?.type?.typeName === "long" ? LongType : IntegerType;

function shiftSql(op: "<<" | ">>" | ">>>", args: readonly FnArg[]): string {
  const t = shiftType(args);
  const bits = t === LongType ? 64 : 32;
  const duck = bits === 64 ? "BIGINT" : "INTEGER";
  const n = `(CAST(${sqlOf(args, 1)} AS INTEGER) & ${bits - 1})`;
  const x = `CAST(${sqlOf(args, 0)} AS ${duck})`;
  if (op === ">>") return `(${x} >> ${n})`;
  if (op === "<<") return wrapSql(`(${huge(x)} * (CAST(1 AS HUGEINT) << ${n}))`, bits, duck);
  const unsigned = `(${huge(x)} & CAST(${(1n << BigInt(bits)) - 1n} AS HUGEINT))`;
  return wrapSql(`(${unsigned} >> ${n})`, bits, duck);
}

const table = {
  abs: fn(
    1,
    1,
    (args, ctx) => unarySql("abs", args[0], modeOf(ctx)),
    (args) => args[0]?.type,
  ),
  round: fn(
    1,
    2,
    (args, ctx) => {
      const x = args[0];
      const digits = digitsOf(args, ctx);
      if (x?.type?.typeName === "decimal") return decimalRounded(x, digits, (y) => `round(${y})`);
      if (x?.type?.typeName === "double") return roundDouble(x.sql, digits);
      if (x?.type?.typeName === "float")
        return `CAST(${roundDouble(`CAST(${x.sql} AS DOUBLE)`, digits)} AS FLOAT)`;
      const t = x?.type;
      if (t !== undefined && isIntegralType(t) && digits < 0) {
        // Rounding to tens can pass the type's maximum: Java's wrap, or an ANSI overflow.
        const wide = `round(${huge(sqlOf(args, 0))}, ${digits})`;
        const duck = integralDuckType(t);
        return ctx.ansi ? `CAST(${wide} AS ${duck})` : wrapSql(wide, integralBits(t) ?? 64, duck);
      }
      return `round(${sqlOf(args, 0)}, ${digits})`;
    },
    roundedType,
  ),
  bround: fn(1, 2, bround, roundedType),
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
  expm1: viaUdf("tributary_expm1"),
  pow: fn(2, 2, (args) => `pow(${d(args[0])}, ${d(args[1])})`, dbl),
  power: fn(2, 2, (args) => `pow(${d(args[0])}, ${d(args[1])})`, dbl),
  log: fn(
    1,
    2,
    (args) =>
      args.length === 1
        ? `CASE WHEN ${d(args[0])} > 0 THEN tributary_ln(${d(args[0])}) END`
        : // Base 1 divides by ln(1) = 0: Java's Infinity or NaN, which DuckDB's `/` makes null.
          `CASE WHEN ${d(args[0])} > 0 AND ${d(args[1])} > 0 THEN ${ieeeDivide(`tributary_ln(${d(args[1])})`, `tributary_ln(${d(args[0])})`)} END`,
    dbl,
  ),
  ln: log("tributary_ln"),
  log10: log("log10"),
  log2: log("log2"),
  log1p: fn(
    1,
    1,
    (args) => `CASE WHEN ${d(args[0])} > -1 THEN tributary_log1p(${d(args[0])}) END`,
    dbl,
  ),
  signum: fn(1, 1, (args) => signum(d(args[0])), dbl),
  sign: fn(1, 1, (args) => signum(d(args[0])), dbl),
  pmod: fn(
    2,
    2,
    (args, ctx) => {
      const t = binaryType("%", args[0], args[1], ctx.ansi);
      const sql = pmodSql(args, modeOf(ctx));
      return t === undefined ? sql : `CAST(${sql} AS ${toDuckDBType(t)})`;
    },
    (args) => binaryType("%", args[0], args[1]),
  ),
  greatest: fn(
    2,
    Number.POSITIVE_INFINITY,
    (args, ctx) => extreme(">", args, ctx.ansi),
    (args) =>
      args.reduce<ReturnType<typeof widerNumeric>>(
        (t, a) => widerNumeric(t, a.type) ?? a.type,
        undefined,
      ),
  ),
  least: fn(
    2,
    Number.POSITIVE_INFINITY,
    (args, ctx) => extreme("<", args, ctx.ansi),
    (args) =>
      args.reduce<ReturnType<typeof widerNumeric>>(
        (t, a) => widerNumeric(t, a.type) ?? a.type,
        undefined,
      ),
  ),
  rand: seededRandom("rand", "random()"),
  randn: seededRandom(
    "randn",
    // Box–Muller from two uniform draws: a standard normal variate, as Spark's randn().
    "(sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))",
  ),
  sin: periodic("sin"),
  cos: periodic("cos"),
  tan: periodic("tan"),
  asin: arcSine("asin"),
  acos: arcSine("acos"),
  atan: unary("atan"),
  // Spark adds 0.0 to both sides first, so a -0.0 counts as 0.0.
  atan2: fn(2, 2, (args) => `atan2(${d(args[0])} + 0.0, ${d(args[1])} + 0.0)`, dbl),
  sinh: viaUdf("tributary_sinh"),
  cosh: fn(1, 1, (args) => `((exp(${d(args[0])}) + exp(-${d(args[0])})) / 2)`, dbl),
  tanh: fn(1, 1, (args) => `tanh(${d(args[0])})`, dbl),
  degrees: unary("degrees"),
  radians: unary("radians"),
  hypot: fn(2, 2, (args) => hypot(d(args[0]), d(args[1])), dbl),
  factorial: fn(
    1,
    1,
    (args, ctx) => {
      // Spark casts the argument to int first: a long wraps, or overflows under ANSI.
      const n = castSql(sqlOf(args, 0), args[0]?.type, IntegerType, false, ctx.ansi);
      return `CASE WHEN ${n} BETWEEN 0 AND 20 THEN CAST(factorial(${n}) AS BIGINT) END`;
    },
    returns(LongType),
  ),
  shiftleft: fn(2, 2, (args) => shiftSql("<<", args), shiftType),
  shiftright: fn(2, 2, (args) => shiftSql(">>", args), shiftType),
  shiftrightunsigned: fn(2, 2, (args) => shiftSql(">>>", args), shiftType),
  hex: fn(
    1,
    1,
    (args) =>
      args[0]?.type?.typeName === "string"
        ? `hex(encode(${sqlOf(args, 0)}))`
        : `hex(${sqlOf(args, 0)})`,
    returns(StringType),
  ),
  unhex: fn(1, 1, (args) => unhex(sqlOf(args, 0)), returns(BinaryType)),
  bin: fn(1, 1, (args) => `bin(CAST(${sqlOf(args, 0)} AS BIGINT))`, returns(StringType)),
  e: fn(0, 0, () => "exp(1)", dbl),
  pi: fn(0, 0, () => "pi()", dbl),
  negative: fn(
    1,
    1,
    (args, ctx) => unarySql("-", args[0], modeOf(ctx)),
    (args) => args[0]?.type,
  ),
  positive: fn(
    1,
    1,
    (args) => `(+ ${sqlOf(args, 0)})`,
    (args) => args[0]?.type,
  ),
} satisfies FamilyTable;

/** Functions that take a string as text (or never see one), so keep it as it is. */
const TEXT_ARGUMENTS: ReadonlySet<string> = new Set([
  "hex",
  "unhex",
  "greatest",
  "least",
  "rand",
  "randn",
  "e",
  "pi",
  "bin",
  "shiftleft",
  "shiftright",
  "shiftrightunsigned",
]);

/**
 * Spark's implicit cast of a string argument: to double, or to int for `factorial`. Without
 * ANSI, text that is not a number becomes null; with it, the cast fails.
 */
function castStrings(def: FunctionDef, to: DataType): FunctionDef {
  const cast = (a: FnArg, ansi: boolean): FnArg =>
    a.type?.typeName === "string"
      ? { sql: castSql(a.sql, a.type, to, false, ansi), type: to, node: a.node }
      : a;
  const { returnType } = def;
  return {
    ...def,
    compile: (args, ctx) =>
      def.compile(
        args.map((a) => cast(a, ctx.ansi)),
        ctx,
      ),
    ...(returnType === undefined
      ? {}
      : { returnType: (args) => returnType(args.map((a) => cast(a, false))) }),
  };
}

export const mathFunctions: typeof table = Object.fromEntries(
  Object.entries(table).map(([name, def]) => [
    name,
    TEXT_ARGUMENTS.has(name)
      ? def
      : castStrings(def, name === "factorial" ? IntegerType : DoubleType),
  ]),
) as typeof table;
