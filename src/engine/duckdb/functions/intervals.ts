/**
 * Intervals: `make_interval` (what `INTERVAL ...` text parses to) and date/timestamp `+` and
 * `-` an interval, with Spark's result types: a date plus whole months or days stays a date;
 * with a time part, or on a timestamp, the result is a timestamp. DuckDB (with ICU) adds
 * months and days in the session time zone and the time part as elapsed time, as Spark.
 */
import { type DataType, DateType, TimestampType } from "../../../types/data-types.js";
import type { FamilyTable, FnArg, FunctionDef } from "./types.js";
import { sqlOf } from "./types.js";

const MAKE_INTERVAL = "make_interval";

function isInterval(a: FnArg | undefined): boolean {
  return a?.node.kind === "call" && a.node.name.toLowerCase() === MAKE_INTERVAL;
}

/** Whether an interval has no hours, minutes or seconds (all literal zeros). */
function hasNoTimePart(a: FnArg): boolean {
  if (a.node.kind !== "call") return false;
  return a.node.args
    .slice(4)
    .every((n) => n.kind === "literal" && n.value !== null && Number(String(n.value)) === 0);
}

const makeInterval: FunctionDef = {
  minArgs: 0,
  maxArgs: 7,
  compile: (args) => {
    const part = (i: number): string => (args[i] === undefined ? "0" : sqlOf(args, i));
    return `(to_months(CAST(${part(0)} * 12 + ${part(1)} AS INTEGER)) + to_days(CAST(${part(2)} * 7 + ${part(3)} AS INTEGER)) + to_hours(CAST(${part(4)} AS BIGINT)) + to_minutes(CAST(${part(5)} AS BIGINT)) + to_microseconds(CAST(${part(6)} * 1000000 AS BIGINT)))`;
  },
};

export const intervalFunctions = { make_interval: makeInterval } satisfies FamilyTable;

/** The result type of `base op interval`, or undefined when no side is an interval. */
function intervalResultType(args: readonly FnArg[]): DataType | undefined {
  const [base, interval] = isInterval(args[1]) ? [args[0], args[1]] : [args[1], args[0]];
  if (!isInterval(interval) || interval === undefined) return undefined;
  if (base?.type?.typeName === "date") return hasNoTimePart(interval) ? DateType : TimestampType;
  return base?.type ?? TimestampType;
}

/**
 * `op` with interval operands handled first; any other operands go to `plain`. Spark allows
 * `interval + ts` as well as `ts + interval` and `ts - interval`.
 */
export function withIntervals(op: "+" | "-", plain: FunctionDef): FunctionDef {
  return {
    ...plain,
    compile: (args, ctx) => {
      const resultType = intervalResultType(args);
      if (resultType === undefined) return plain.compile(args, ctx);
      const [baseIndex, intervalIndex] = isInterval(args[1]) ? [0, 1] : [1, 0];
      const base = args[baseIndex];
      const interval = sqlOf(args, intervalIndex);
      if (base?.type?.typeName === "date") {
        const sum = `(CAST(${base.sql} AS TIMESTAMPTZ) ${op} ${interval})`;
        return resultType.typeName === "date" ? `CAST(${sum} AS DATE)` : sum;
      }
      return `(${sqlOf(args, baseIndex)} ${op} ${interval})`;
    },
    returnType: (args, ctx) => intervalResultType(args) ?? plain.returnType?.(args, ctx),
  };
}
