/**
 * SQL printing the session zone's UTC offset of a TIMESTAMPTZ the way Spark's offset
 * letters do (`X`, `x`, `Z`, `O`). DuckDB's `%z` cannot: it prints `-08` or `+05:30`,
 * dropping the minutes when they are zero, and never `Z`.
 */
import { bindSql } from "./bind.js";

interface OffsetStyle {
  /** Text for a zero offset (`Z`, `GMT`), if not the digits. */
  readonly zero?: string;
  readonly gmt?: boolean;
  /** Hours without a leading zero (`GMT+8`). */
  readonly shortHour?: boolean;
  readonly colon?: boolean;
  readonly minutes: "always" | "nonzero";
  readonly seconds: "never" | "nonzero";
}

const HHMM: OffsetStyle = { minutes: "always", seconds: "never" };
const HH_MM_SS: OffsetStyle = { colon: true, minutes: "always", seconds: "nonzero" };
const LOCALIZED: OffsetStyle = { zero: "GMT", gmt: true, ...HH_MM_SS };

/** Keyed by letter and count, after java.time's `DateTimeFormatterBuilder.parsePattern`. */
const STYLES: Readonly<Record<string, OffsetStyle>> = {
  X1: { zero: "Z", minutes: "nonzero", seconds: "never" },
  X2: { zero: "Z", ...HHMM },
  X3: { zero: "Z", colon: true, minutes: "always", seconds: "never" },
  X4: { zero: "Z", minutes: "always", seconds: "nonzero" },
  X5: { zero: "Z", ...HH_MM_SS },
  x1: { minutes: "nonzero", seconds: "never" },
  x2: HHMM,
  x3: { colon: true, minutes: "always", seconds: "never" },
  x4: { minutes: "always", seconds: "nonzero" },
  x5: HH_MM_SS,
  Z1: HHMM,
  Z2: HHMM,
  Z3: HHMM,
  Z4: LOCALIZED,
  Z5: { zero: "Z", ...HH_MM_SS },
  O1: { ...LOCALIZED, shortHour: true, minutes: "nonzero" },
  O4: LOCALIZED,
};

/**
 * SQL text of the offset of `ts` (a TIMESTAMPTZ) in the session time zone.
 *
 * @example
 * ```ts
 * offsetSql("ts", "X", 3); // "Z" in UTC, "-08:00" in America/Los_Angeles in winter
 * ```
 */
export function offsetSql(ts: string, letter: string, count: number): string {
  const style = STYLES[`${letter}${count}`];
  if (style === undefined) throw new RangeError(`not an offset field: ${letter}×${count}`);
  return bindSql(`CAST(date_part('timezone', ${ts}) AS INTEGER)`, "dt_offset", (offset) => {
    const abs = `abs(${offset})`;
    const two = (n: string): string => `lpad(CAST(${n} AS VARCHAR), 2, '0')`;
    const sep = style.colon === true ? "':' || " : "";
    const hours =
      style.shortHour === true ? `CAST(${abs} // 3600 AS VARCHAR)` : two(`${abs} // 3600`);
    const minutesValue = `(${abs} % 3600) // 60`;
    const minutes =
      style.minutes === "always"
        ? ` || ${sep}${two(minutesValue)}`
        : ` || CASE WHEN ${minutesValue} = 0 THEN '' ELSE ${sep}${two(minutesValue)} END`;
    const seconds =
      style.seconds === "never"
        ? ""
        : ` || CASE WHEN ${abs} % 60 = 0 THEN '' ELSE ${sep}${two(`${abs} % 60`)} END`;
    const sign = `CASE WHEN ${offset} < 0 THEN '-' ELSE '+' END`;
    const body = `${style.gmt === true ? "'GMT' || " : ""}${sign} || ${hours}${minutes}${seconds}`;
    return style.zero === undefined
      ? `(${body})`
      : `CASE WHEN ${offset} = 0 THEN '${style.zero}' ELSE ${body} END`;
  });
}
