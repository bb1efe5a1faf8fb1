/**
 * A RANGE frame's interval offset as the literal Spark's own parser makes of it: a day-time
 * interval (`INTERVAL 1 DAY`) or a year-month one (`INTERVAL 1 MONTH`). Sent as a
 * `make_interval` call it would be a calendar interval, which Spark refuses over a DATE
 * ordering (RANGE_FRAME_INVALID_TYPE). Intervals mixing months and days stay calendar ones.
 */
import type { ExprNode } from "../../../plan/node.js";
import { Decimal } from "../../../types/decimal.js";

const DAY = 86_400_000_000n;
const HOUR = 3_600_000_000n;
const MINUTE = 60_000_000n;

/**
 * A literal of one of Spark's ANSI interval types, or whole days: `INTERVAL 1 DAY` is an
 * INTERVAL DAY in Spark, the one day-time type a DATE ordering accepts, which a Connect
 * literal (always DAY TO SECOND) cannot state, so the caller casts the day count to it.
 */
export type FrameInterval =
  | { readonly case: "yearMonthInterval"; readonly value: number }
  | { readonly case: "dayTimeInterval"; readonly value: bigint }
  | { readonly case: "days"; readonly value: bigint };

function whole(e: ExprNode | undefined): bigint | undefined {
  if (e?.kind !== "literal") return undefined;
  const v = e.value;
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  return undefined;
}

/** The ANSI interval literal of `make_interval(literals...)` (interval.ts's form), negated when `negate`. */
export function frameInterval(e: ExprNode, negate: boolean): FrameInterval | undefined {
  if (e.kind !== "call" || e.name !== "make_interval" || e.args.length !== 7) return undefined;
  const [years, months, weeks, days, hours, mins] = e.args.slice(0, 6).map(whole);
  const secs = e.args[6];
  if (
    years === undefined ||
    months === undefined ||
    weeks === undefined ||
    days === undefined ||
    hours === undefined ||
    mins === undefined ||
    secs?.kind !== "literal" ||
    !(secs.value instanceof Decimal)
  )
    return undefined;
  const sign = negate ? -1n : 1n;
  const totalMonths = years * 12n + months;
  const micros =
    (weeks * 7n + days) * DAY + hours * HOUR + mins * MINUTE + secs.value.withScale(6).unscaled;
  if (micros === 0n) return { case: "yearMonthInterval", value: Number(sign * totalMonths) };
  if (totalMonths !== 0n) return undefined;
  if (micros % DAY === 0n) return { case: "days", value: (sign * micros) / DAY };
  return { case: "dayTimeInterval", value: sign * micros };
}
