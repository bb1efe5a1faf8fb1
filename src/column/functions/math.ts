/** Math functions. */
import type { SparkFunctionName } from "../../plan/functions/index.js";
import type { Column } from "../column.js";
import { type ColumnOrName, c, fnNodes, l } from "./call.js";

const one =
  (name: SparkFunctionName) =>
  (col: ColumnOrName): Column =>
    fnNodes(name, [c(col)]);
const two =
  (name: SparkFunctionName) =>
  (a: ColumnOrName | number, b: ColumnOrName | number): Column =>
    fnNodes(name, [typeof a === "number" ? l(a) : c(a), typeof b === "number" ? l(b) : c(b)]);

export const abs = one("abs");
/** HALF_UP rounding to `scale` decimals (negative scales round to tens, hundreds...). */
export function round(col: ColumnOrName, scale = 0): Column {
  return fnNodes("round", [c(col), l(scale)]);
}
/** HALF_EVEN (banker's) rounding. */
export function bround(col: ColumnOrName, scale = 0): Column {
  return fnNodes("bround", [c(col), l(scale)]);
}
export const floor = one("floor");
export const ceil = one("ceil");
export const ceiling = one("ceil");
export const sqrt = one("sqrt");
export const cbrt = one("cbrt");
export const exp = one("exp");
export const expm1 = one("expm1");
export const pow = two("pow");
export const power = pow;
/** Natural logarithm, or `log(base, col)`. */
export function log(arg1: ColumnOrName | number, arg2?: ColumnOrName): Column {
  if (arg2 === undefined) return fnNodes("log", [typeof arg1 === "number" ? l(arg1) : c(arg1)]);
  return fnNodes("log", [typeof arg1 === "number" ? l(arg1) : c(arg1), c(arg2)]);
}
export const ln = one("ln");
export const log10 = one("log10");
export const log2 = one("log2");
export const log1p = one("log1p");
export const signum = one("signum");
export const sign = one("sign");
export const pmod = two("pmod");
/** The largest value, skipping nulls. */
export function greatest(...cols: ColumnOrName[]): Column {
  return fnNodes("greatest", cols.map(c));
}
export function least(...cols: ColumnOrName[]): Column {
  return fnNodes("least", cols.map(c));
}
/**
 * Uniform random in [0, 1). With a seed, Spark's own sequence on both engines:
 * `spark.range(3).select(rand(42))` gives 0.619189370225301, 0.5096018842446481, ...
 */
export function rand(seed?: number): Column {
  return fnNodes("rand", seed === undefined ? [] : [l(seed)]);
}
/** Standard normal random; with a seed, Spark's own sequence (as {@link rand}). */
export function randn(seed?: number): Column {
  return fnNodes("randn", seed === undefined ? [] : [l(seed)]);
}
export const sin = one("sin");
export const cos = one("cos");
export const tan = one("tan");
export const asin = one("asin");
export const acos = one("acos");
export const atan = one("atan");
export const atan2 = two("atan2");
export const sinh = one("sinh");
export const cosh = one("cosh");
export const tanh = one("tanh");
export const degrees = one("degrees");
export const radians = one("radians");
export const hypot = two("hypot");
export const factorial = one("factorial");
export function shiftleft(col: ColumnOrName, n: number): Column {
  return fnNodes("shiftleft", [c(col), l(n)]);
}
export function shiftright(col: ColumnOrName, n: number): Column {
  return fnNodes("shiftright", [c(col), l(n)]);
}
/** Java's `>>>`: shifts in zeros from the left. */
export function shiftrightunsigned(col: ColumnOrName, n: number): Column {
  return fnNodes("shiftrightunsigned", [c(col), l(n)]);
}
/** `a + b`, null instead of an overflow (in both ANSI modes). */
export const try_add = two("try_add");
/** `a - b`, null instead of an overflow. */
export const try_subtract = two("try_subtract");
/** `a * b`, null instead of an overflow. */
export const try_multiply = two("try_multiply");
/** `a / b`, null for a zero divisor. */
export const try_divide = two("try_divide");
/** `a % b`, null for a zero divisor. */
export const try_mod = two("try_mod");
export const hex = one("hex");
export const unhex = one("unhex");
export const bin = one("bin");
export function e(): Column {
  return fnNodes("e", []);
}
export function pi(): Column {
  return fnNodes("pi", []);
}
export function negative(col: ColumnOrName): Column {
  return fnNodes("negative", [c(col)]);
}
export function bitwise_not(col: ColumnOrName): Column {
  return fnNodes("bitwise_not", [c(col)]);
}
