/**
 * Interval literals: `INTERVAL '1' DAY`, `INTERVAL 3 HOURS`, `INTERVAL 1 YEAR 2 MONTHS`,
 * `INTERVAL '1-2' YEAR TO MONTH`, `INTERVAL '1 10:30:00' DAY TO SECOND`,
 * `INTERVAL '1 day 2 hours'`.
 *
 * Representation (there is no interval column type): a CallNode
 * `make_interval(years, months, weeks, days, hours, mins, secs)` — Spark's own function —
 * with int literals, `weeks` always 0 (folded into days) and `secs` a decimal(18,6)
 * literal. Months, days and time stay separate, as in Spark, because a month is not a
 * fixed number of days. Fractions of a day or week carry into the time part.
 */
import { LiteralNode } from "../plan/expression/literal.js";
import type { ExprNode } from "../plan/node.js";
import { DecimalType } from "../types/data-types.js";
import { Decimal } from "../types/decimal.js";
import type { Token } from "../types/sql-lexer.js";
import { keywordOf } from "../types/token-cursor.js";
import { call, type ParseContext } from "./context.js";

const DAY = 86_400_000_000n;
const HOUR = 3_600_000_000n;
const MINUTE = 60_000_000n;

const MICROS: Readonly<Record<string, bigint>> = {
  WEEK: 7n * DAY,
  DAY,
  HOUR,
  MINUTE,
  SECOND: 1_000_000n,
  MILLISECOND: 1_000n,
  MICROSECOND: 1n,
};
const UNITS = ["YEAR", "MONTH", "NANOSECOND", ...Object.keys(MICROS)];

interface Interval {
  months: bigint;
  days: bigint;
  micros: bigint;
}

/** The unit a word names (`hours` -> `HOUR`), if it is one. */
function unitOf(word: string): string | undefined {
  const upper = word.toUpperCase();
  const single = upper.endsWith("S") ? upper.slice(0, -1) : upper;
  return UNITS.includes(single) ? single : undefined;
}

function isUnit(t: Token): boolean {
  return keywordOf(t) !== "" && unitOf(t.text) !== undefined;
}

class IntervalError extends Error {}

/** Adds `value unit`; the value is decimal text with an optional sign. */
function add(acc: Interval, text: string, unit: string, negate = false): void {
  const m = /^\s*([+-]?)(\d+)(?:\.(\d{0,9}))?\s*$/.exec(text);
  if (m === null) throw new IntervalError(`'${text}' is not a number`);
  const sign = (m[1] === "-") !== negate ? -1n : 1n;
  const fraction = (m[3] ?? "").padEnd(9, "0");
  const nanos = sign * (BigInt(m[2] ?? "0") * 1_000_000_000n + BigInt(fraction));
  if (unit === "YEAR" || unit === "MONTH") {
    if (nanos % 1_000_000_000n !== 0n) throw new IntervalError(`${unit} must be a whole number`);
    acc.months += (nanos / 1_000_000_000n) * (unit === "YEAR" ? 12n : 1n);
    return;
  }
  const micros =
    unit === "NANOSECOND"
      ? nanos / 1_000_000_000_000n
      : (nanos * (MICROS[unit] ?? 0n)) / 1_000_000_000n;
  if (unit === "DAY" || unit === "WEEK") {
    acc.days += micros / DAY;
    acc.micros += micros % DAY;
  } else acc.micros += micros;
}

const UNIT_TO_UNIT: Readonly<Record<string, RegExp>> = {
  "YEAR TO MONTH": /^([+-])?(?<y>\d+)-(?<mo>\d+)$/,
  "DAY TO HOUR": /^([+-])?(?<d>\d+) (?<h>\d+)$/,
  "DAY TO MINUTE": /^([+-])?(?<d>\d+) (?<h>\d+):(?<mi>\d+)$/,
  "DAY TO SECOND": /^([+-])?(?<d>\d+) (?<h>\d+):(?<mi>\d+):(?<s>\d+(?:\.\d{1,9})?)$/,
  "HOUR TO MINUTE": /^([+-])?(?<h>\d+):(?<mi>\d+)$/,
  "HOUR TO SECOND": /^([+-])?(?<h>\d+):(?<mi>\d+):(?<s>\d+(?:\.\d{1,9})?)$/,
  "MINUTE TO SECOND": /^([+-])?(?<mi>\d+):(?<s>\d+(?:\.\d{1,9})?)$/,
};

function addUnitToUnit(
  acc: Interval,
  text: string,
  from: string,
  to: string,
  outerSign: string,
): void {
  const re = UNIT_TO_UNIT[`${from} TO ${to}`];
  if (re === undefined) throw new IntervalError(`${from} TO ${to} is not an interval qualifier`);
  const m = re.exec(text.trim());
  const g = m?.groups;
  if (m === null || g === undefined)
    throw new IntervalError(`'${text}' does not match ${from} TO ${to}`);
  const negative = (m[1] === "-") !== (outerSign === "-");
  const s = negative ? "-" : "";
  if (Number(g.mo ?? "0") > 11 || Number(g.mi ?? "0") > 59 || Number(g.s ?? "0") >= 60) {
    throw new IntervalError(`'${text}' has a field out of range`);
  }
  const parts: [string | undefined, string][] = [
    [g.y, "YEAR"],
    [g.mo, "MONTH"],
    [g.d, "DAY"],
    [g.h, "HOUR"],
    [g.mi, "MINUTE"],
    [g.s, "SECOND"],
  ];
  for (const [value, unit] of parts) if (value !== undefined) add(acc, `${s}${value}`, unit);
}

/** `'1 day 2 hours'` (an optional leading `interval` word). */
function addText(acc: Interval, text: string): void {
  const words = text.trim().split(/\s+/);
  if (words[0]?.toUpperCase() === "INTERVAL") words.shift();
  if (words.length === 0 || words.length % 2 !== 0)
    throw new IntervalError(`'${text}' is not 'value unit ...'`);
  for (let i = 0; i < words.length; i += 2) {
    const unit = unitOf(words[i + 1] ?? "");
    if (unit === undefined) throw new IntervalError(`'${words[i + 1]}' is not an interval unit`);
    add(acc, words[i] ?? "", unit);
  }
}

function int(value: bigint): LiteralNode {
  if (value < -(2n ** 31n) || value >= 2n ** 31n)
    throw new IntervalError("the interval is too large");
  return LiteralNode.create(Number(value));
}

function makeInterval(acc: Interval): ExprNode {
  const hours = acc.micros / HOUR;
  const rest = acc.micros % HOUR;
  const secs = new Decimal(rest % MINUTE, 6);
  return call("make_interval", [
    int(acc.months / 12n),
    int(acc.months % 12n),
    int(0n),
    int(acc.days),
    int(hours),
    int(rest / MINUTE),
    LiteralNode.create(secs, new DecimalType(18, 6)),
  ]);
}

/** True when `[+|-] value unit` starts `at` tokens ahead. */
export function intervalValueAhead(ctx: ParseContext, at = 0): boolean {
  const { c } = ctx;
  const k = at + (c.isOp("-", at) || c.isOp("+", at) ? 1 : 0);
  const kind = c.peek(k).kind;
  return (kind === "number" || kind === "string") && isUnit(c.peek(k + 1));
}

/**
 * Parses what follows the INTERVAL keyword (already consumed as `keyword`).
 *
 * @example
 * ```ts
 * // INTERVAL 90 MINUTES -> make_interval(0, 0, 0, 0, 1, 30, 0.000000)
 * ```
 */
export function parseInterval(ctx: ParseContext, keyword: Token): ExprNode {
  const { c } = ctx;
  const acc: Interval = { months: 0n, days: 0n, micros: 0n };
  const start = c.peek();
  try {
    if (start.kind === "string" && !isUnit(c.peek(1))) {
      addText(acc, c.next().value);
      return makeInterval(acc);
    }
    if (!intervalValueAhead(ctx)) c.fail("an interval value and unit, such as INTERVAL 3 HOURS");
    while (intervalValueAhead(ctx)) {
      const sign = c.isOp("-") || c.isOp("+") ? c.next().text : "";
      const value = c.next();
      const unit = unitOf(c.next().text) ?? "";
      if (c.acceptWord("TO")) {
        const to = c.peek();
        const toUnit = keywordOf(to) === "" ? undefined : unitOf(to.text);
        if (toUnit === undefined || to.text.toUpperCase().endsWith("S"))
          return c.fail("SECOND, MINUTE, HOUR, DAY or MONTH");
        c.next();
        addUnitToUnit(acc, value.value, unit, toUnit, sign);
        break;
      }
      add(acc, value.value, unit, sign === "-");
    }
    return makeInterval(acc);
  } catch (e) {
    if (!(e instanceof IntervalError)) throw e;
    return c.failAt(
      keyword,
      "INVALID_INTERVAL_FORMAT",
      `Invalid interval literal: ${e.message}`,
      "Write intervals like INTERVAL 3 HOURS, INTERVAL '1-2' YEAR TO MONTH or INTERVAL '1 day 2 hours'.",
    );
  }
}
