/**
 * Spark's implicit type coercion, where DuckDB's differs: the one type that a call's values
 * share (coalesce, if, CASE, array, map, IN, greatest/least, set operations) and the type
 * both sides of a comparison are read as. DuckDB would cast a string to the other side's
 * type (and fail on `'x'`), keep a float beside a decimal, or type a bigint as DECIMAL(19):
 * each answer here is the one PySpark 4.0.1 gives, in both modes
 * (tests/unit/engine/duckdb/coercion.test.ts holds the matrix checked against it).
 *
 * Without ANSI, a string beside a number, date or timestamp makes everything a string;
 * with ANSI the string is read as the other type instead (a bigint for integers, a double
 * for fractions), as Spark 4's AnsiTypeCoercion does.
 */
import { AnalysisError, ErrorCode } from "../../../errors.js";
import {
  ArrayType,
  type DataType,
  DecimalType,
  DoubleType,
  isNumeric,
  LongType,
  MapType,
  StringType,
  StructField,
  StructType,
  TimestampType,
} from "../../../types/data-types.js";
import { castSql } from "../compiler/cast.js";
import { isIntegralType as isIntegral } from "./integral.js";
import type { FnArg } from "./types.js";

const RANK: Readonly<Record<string, number>> = {
  byte: 1,
  short: 2,
  integer: 3,
  long: 4,
  float: 5,
  double: 6,
};
/** DecimalType.forType: the decimal that holds every value of an integral type. */
const INTEGRAL_DIGITS: Readonly<Record<string, number>> = {
  byte: 3,
  short: 5,
  integer: 10,
  long: 20,
};

const isFraction = (t: DataType): boolean => t.typeName === "float" || t.typeName === "double";
const isDatetime = (t: DataType): boolean =>
  t.typeName === "date" || t.typeName === "timestamp" || t.typeName === "timestamp_ntz";

/** Spark's wider decimal: room for both integer parts first, then as much scale as fits. */
export function widerDecimal(a: DecimalType, b: DecimalType): DecimalType {
  const scale = Math.max(a.scale, b.scale);
  const whole = Math.min(38, Math.max(a.precision - a.scale, b.precision - b.scale));
  return new DecimalType(Math.min(38, whole + scale), Math.min(scale, 38 - whole));
}

const asDecimal = (t: DataType): DecimalType | undefined =>
  t instanceof DecimalType
    ? t
    : isIntegral(t)
      ? new DecimalType(INTEGRAL_DIGITS[t.typeName] ?? 20, 0)
      : undefined;

function widerNumber(a: DataType, b: DataType, ansi: boolean): DataType {
  if (a instanceof DecimalType || b instanceof DecimalType) {
    if (isFraction(a) || isFraction(b)) return DoubleType;
    const da = asDecimal(a);
    const db = asDecimal(b);
    return da !== undefined && db !== undefined ? widerDecimal(da, db) : DoubleType;
  }
  // ANSI: an integer beside a float is a double (a float cannot hold every int).
  if (
    ansi &&
    (isIntegral(a) || isIntegral(b)) &&
    (a.typeName === "float" || b.typeName === "float")
  )
    return DoubleType;
  return (RANK[a.typeName] ?? 0) >= (RANK[b.typeName] ?? 0) ? a : b;
}

/** Under ANSI, the type a string beside `other` is read as (AnsiTypeCoercion). */
function ansiStringAs(other: DataType): DataType | undefined {
  if (isIntegral(other)) return LongType;
  if (other instanceof DecimalType || isFraction(other)) return DoubleType;
  if (isDatetime(other) || other.typeName === "boolean" || other.typeName === "binary")
    return other;
  return undefined;
}

/**
 * Spark's wider common type of two types (findWiderTypeForTwo), or undefined when they have
 * none (Spark then refuses the call). `strings`: whether a string may absorb the other type
 * (false for greatest and least).
 */
export function widerType(
  a: DataType,
  b: DataType,
  ansi: boolean,
  strings = true,
): DataType | undefined {
  if (a.simpleString() === b.simpleString()) return a;
  if (a.typeName === "null") return b;
  if (b.typeName === "null") return a;
  if (isNumeric(a) && isNumeric(b)) return widerNumber(a, b, ansi);
  if (isDatetime(a) && isDatetime(b)) {
    if (a.typeName === "date") return b;
    if (b.typeName === "date") return a;
    return TimestampType;
  }
  const aString = a.typeName === "string";
  const bString = b.typeName === "string";
  if (aString || bString) {
    if (!strings) return undefined;
    const other = aString ? b : a;
    if (ansi) return ansiStringAs(other);
    return isNumeric(other) || isDatetime(other) ? StringType : undefined;
  }
  if (a instanceof ArrayType && b instanceof ArrayType) {
    const element = widerType(a.elementType, b.elementType, ansi, strings);
    return element && new ArrayType(element, a.containsNull || b.containsNull);
  }
  if (a instanceof MapType && b instanceof MapType) {
    const key = widerType(a.keyType, b.keyType, ansi, strings);
    const value = widerType(a.valueType, b.valueType, ansi, strings);
    return key && value && new MapType(key, value, a.valueContainsNull || b.valueContainsNull);
  }
  if (a instanceof StructType && b instanceof StructType) {
    if (a.fields.length !== b.fields.length) return undefined;
    const fields: StructField[] = [];
    for (const [i, f] of a.fields.entries()) {
      const g = b.fields[i];
      const t = g && widerType(f.dataType, g.dataType, ansi, strings);
      if (t === undefined || g === undefined) return undefined;
      fields.push(new StructField(f.name, t, f.nullable || g.nullable));
    }
    return new StructType(fields);
  }
  return undefined;
}

/** The wider common type of several types; undefined when two of them have none. */
export function widerOfAll(
  types: readonly DataType[],
  ansi: boolean,
  strings = true,
): DataType | undefined {
  let out: DataType | undefined = types[0];
  for (const t of types.slice(1)) {
    if (out === undefined) return undefined;
    out = widerType(out, t, ansi, strings);
  }
  return out;
}

/**
 * The type both sides of a comparison are read as (findCommonTypeForBinaryComparison), when
 * one side is a string and the other is not; undefined when no cast is needed or Spark's
 * numeric rules apply.
 */
export function comparisonType(a: DataType, b: DataType, ansi: boolean): DataType | undefined {
  const aString = a.typeName === "string";
  const bString = b.typeName === "string";
  if (aString === bString) return undefined;
  const other = aString ? b : a;
  if (other.typeName === "null") return StringType;
  if (other instanceof DecimalType) return DoubleType;
  if (ansi) return ansiStringAs(other);
  if (isNumeric(other) || isDatetime(other) || other.typeName === "boolean") return other;
  if (other.typeName === "binary") return other;
  return undefined;
}

type Positions = (args: readonly FnArg[]) => readonly (readonly number[])[];
const every: Positions = (args) => [args.map((_, i) => i)];
const branches: Positions = () => [[1, 2]];
const caseValues: Positions = (args) => [
  args
    .map((_, i) => i)
    .filter((i) => i % 2 === 1 || (args.length % 2 === 1 && i === args.length - 1)),
];
const mapEntries: Positions = (args) => [
  args.map((_, i) => i).filter((i) => i % 2 === 0),
  args.map((_, i) => i).filter((i) => i % 2 === 1),
];

/** The calls whose values Spark reads as one common type, by group of argument positions. */
const COMMON: Readonly<Record<string, { positions: Positions; strings: boolean }>> = {
  coalesce: { positions: every, strings: true },
  nvl: { positions: every, strings: true },
  ifnull: { positions: every, strings: true },
  array: { positions: every, strings: true },
  in: { positions: every, strings: true },
  greatest: { positions: every, strings: false },
  least: { positions: every, strings: false },
  if: { positions: branches, strings: true },
  nvl2: { positions: branches, strings: true },
  when: { positions: caseValues, strings: true },
  map: { positions: mapEntries, strings: true },
  create_map: { positions: mapEntries, strings: true },
};
const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">=", "<=>"]);
const EQUALITIES = new Set(["==", "!=", "<=>"]);
const ARITHMETIC = new Set(["+", "-", "*", "/", "%", "mod", "pmod"]);

/**
 * A call's arguments cast as Spark coerces them: the values of COMMON's calls to their wider
 * common type, and a string compared with another type to the comparison's type. Refuses
 * (DATA_DIFF_TYPES, as Spark) values with no common type; arguments of unknown type are left
 * to DuckDB.
 */
export function withSparkCoercion(
  fn: string,
  args: readonly FnArg[],
  ansi: boolean,
  timeZone: string,
): readonly FnArg[] {
  const cast = (a: FnArg, to: DataType): FnArg =>
    a.type === undefined || a.type.simpleString() === to.simpleString()
      ? a
      : {
          ...a,
          sql: castSql(a.sql, a.type, to, false, ansi, timeZone),
          type: to,
          narrowSql: undefined,
        };
  if (COMPARISONS.has(fn)) {
    const [left, right] = args;
    if (left?.type === undefined || right?.type === undefined) return args;
    // Spark compares a boolean with a number only for equality, and only without ANSI.
    if ((ansi || !EQUALITIES.has(fn)) && mixesBooleanAndNumber(left.type, right.type))
      throw new AnalysisError(
        ErrorCode["DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES"],
        `[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot compare ${left.type.simpleString()} with ${right.type.simpleString()}.`,
        {
          hint: "Cast one side to the other's type (CAST(flag AS INT)): Spark compares a boolean with a number only by = or <=>, and only without ANSI.",
        },
      );
    const to = comparisonType(left.type, right.type, ansi);
    return to === undefined ? args : [cast(left, to), cast(right, to), ...args.slice(2)];
  }
  if (ARITHMETIC.has(fn)) return arithmeticOperands(fn, args, ansi, cast);
  const rule = COMMON[fn];
  if (rule === undefined) return args;
  let out = args;
  for (const group of rule.positions(args)) {
    const typed = group.map((i) => args[i]?.type);
    if (typed.length < 2 || typed.some((t) => t === undefined)) continue;
    const types = typed as DataType[];
    const first = types[0]?.simpleString();
    if (types.every((t) => t.simpleString() === first)) continue;
    const to = widerOfAll(types, ansi, rule.strings);
    if (to === undefined)
      throw new AnalysisError(
        ErrorCode["DATATYPE_MISMATCH.DATA_DIFF_TYPES"],
        `[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Input to \`${fn}\` should all be the same type, but it's (${types.map((t) => t.simpleString()).join(", ")}).`,
        { hint: "Cast the values to one type (cast(x AS STRING), for example)." },
      );
    const next = [...out];
    for (const i of group) {
      const a = next[i];
      if (a !== undefined) next[i] = cast(a, to);
    }
    out = next;
  }
  return out;
}

function mixesBooleanAndNumber(a: DataType, b: DataType): boolean {
  return (a.typeName === "boolean" && isNumeric(b)) || (b.typeName === "boolean" && isNumeric(a));
}

/**
 * The operands of arithmetic as Spark types them. Without ANSI a string operand is read as a
 * double (`'1' + 1` is 2.0, `'x' + 1` null: DuckDB finds no `+` for a string); with ANSI as a
 * bigint beside an integer and a double beside a fraction. A decimal beside a float or double
 * is a double (DuckDB keeps the float), with ANSI an integer beside a float too; a NULL takes
 * the other operand's type, and two NULLs are doubles. A timestamp plus a string or a NULL is
 * refused, as Spark refuses it. Operands that are dates or intervals are left to the operator.
 */
function arithmeticOperands(
  fn: string,
  args: readonly FnArg[],
  ansi: boolean,
  cast: (a: FnArg, to: DataType) => FnArg,
): readonly FnArg[] {
  const [left, right] = args;
  const a = left?.type;
  const b = right?.type;
  if (left === undefined || right === undefined || a === undefined || b === undefined) return args;
  const timestamp = (t: DataType) => t.typeName === "timestamp" || t.typeName === "timestamp_ntz";
  const loose = (t: DataType) => t.typeName === "string" || t.typeName === "null";
  if (fn === "+" && ((timestamp(a) && loose(b)) || (timestamp(b) && loose(a))))
    throw new AnalysisError(
      ErrorCode["DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES"],
      `[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot add ${a.simpleString()} and ${b.simpleString()}.`,
      { hint: "Add an interval (INTERVAL 1 DAY) or use timestampadd / date_add." },
    );
  const plain = (t: DataType) => isNumeric(t) || loose(t);
  if (!plain(a) || !plain(b)) return args;
  // ANSI reads a string as a number only beside a number.
  if (
    ansi &&
    (a.typeName === "string" || b.typeName === "string") &&
    !(isNumeric(a) || isNumeric(b))
  )
    throw new AnalysisError(
      ErrorCode["DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE"],
      `[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE] The binary operator ${fn} requires numeric operands, not ${a.simpleString()} and ${b.simpleString()}.`,
      { hint: "Cast the strings to a number type (CAST(s AS DOUBLE)), or turn ANSI mode off." },
    );
  const to = operandType(a, b, ansi);
  return to === undefined ? args : [cast(left, to), cast(right, to), ...args.slice(2)];
}

/** The one type both numeric, string or null operands are read as; undefined: as they are. */
function operandType(a: DataType, b: DataType, ansi: boolean): DataType | undefined {
  const string = (t: DataType) => t.typeName === "string";
  const nil = (t: DataType) => t.typeName === "null";
  if (string(a) || string(b)) {
    if (!ansi) return DoubleType;
    const other = string(a) ? b : a;
    return isNumeric(other) ? ansiStringAs(other) : undefined;
  }
  if (nil(a) && nil(b)) return DoubleType;
  if (nil(a)) return b;
  if (nil(b)) return a;
  // A decimal beside a float or double, and with ANSI an integer beside a float, make a double
  // (DuckDB keeps the float); beside a double DuckDB already gives one.
  const wider = widerNumber(a, b, ansi);
  if (wider === DoubleType && a !== DoubleType && b !== DoubleType) return DoubleType;
  return undefined;
}
