/**
 * How each Spark pattern letter is formatted on DuckDB: a `strftime` specifier where
 * DuckDB has one with the same output, otherwise a SQL expression over the timestamp.
 */
import { checkLetter } from "./letters.js";
import { offsetSql } from "./offset-sql.js";
import { untranslatable } from "./pattern-errors.js";
import type { FlatToken } from "./tokens.js";

/** One part of a formatted value: strftime text, or SQL computing it from the timestamp. */
export type FormatPiece =
  | { readonly kind: "strftime"; readonly format: string }
  | { readonly kind: "sql"; readonly sql: (ts: string) => string };

const strf = (format: string): FormatPiece => ({ kind: "strftime", format });
const sql = (build: (ts: string) => string): FormatPiece => ({ kind: "sql", sql: build });

/** `value` (an integer SQL expression) as text, zero-padded to `width`. */
const padded = (value: (ts: string) => string, width: number): FormatPiece =>
  sql((ts) =>
    width === 1
      ? `CAST(${value(ts)} AS VARCHAR)`
      : `lpad(CAST(${value(ts)} AS VARCHAR), ${width}, '0')`,
  );

const QUARTER_NAMES = ["1st quarter", "2nd quarter", "3rd quarter", "4th quarter"];

/**
 * The formatting of one token (literal text is `%`-escaped for strftime).
 *
 * @example
 * ```ts
 * formatPiece("MMM", { kind: "field", letter: "M", count: 3, position: 0 }); // strftime "%b"
 * ```
 */
export function formatPiece(pattern: string, token: FlatToken): FormatPiece {
  if (token.kind === "literal") return strf(token.text.replaceAll("%", "%%"));
  checkLetter(pattern, token, "formatting");
  const { letter, count } = token;
  const short = count === 1;
  switch (letter) {
    case "G": {
      const [ad, bc] = count === 4 ? ["Anno Domini", "Before Christ"] : ["AD", "BC"];
      return sql(
        (ts) => `CASE WHEN year(${ts}) > 0 THEN '${ad}' WHEN year(${ts}) <= 0 THEN '${bc}' END`,
      );
    }
    case "y":
      // %Y zero-pads to four digits: the same text as Spark's y, yyy and yyyy for years 1000-9999.
      if (count === 2) return strf("%y");
      return count <= 4 ? strf("%Y") : padded((ts) => `year(${ts})`, count);
    case "M":
    case "L":
      return strf(["%-m", "%m", "%b", "%B"][count - 1] ?? "%B");
    case "d":
      return strf(short ? "%-d" : "%d");
    case "D":
      return count === 2 ? padded((ts) => `dayofyear(${ts})`, 2) : strf(short ? "%-j" : "%j");
    case "Q":
    case "q":
      if (count <= 2) return padded((ts) => `quarter(${ts})`, count);
      if (count === 3) return sql((ts) => `('Q' || quarter(${ts}))`);
      return sql((ts) => {
        const names = QUARTER_NAMES.map((n, i) => `WHEN ${i + 1} THEN '${n}'`).join(" ");
        return `CASE quarter(${ts}) ${names} END`;
      });
    case "E":
      return strf(count === 4 ? "%A" : "%a");
    case "a":
      return strf("%p");
    case "h":
      return strf(short ? "%-I" : "%I");
    case "K":
      return padded((ts) => `(hour(${ts}) % 12)`, count);
    case "k":
      return padded((ts) => `CASE WHEN hour(${ts}) = 0 THEN 24 ELSE hour(${ts}) END`, count);
    case "H":
      return strf(short ? "%-H" : "%H");
    case "m":
      return strf(short ? "%-M" : "%M");
    case "s":
      return strf(short ? "%-S" : "%S");
    case "S":
      return fraction(count);
    case "V":
      return strf("%Z");
    case "O":
    case "X":
    case "x":
    case "Z":
      return sql((ts) => offsetSql(ts, letter, count));
    case "z":
      throw untranslatable(
        pattern,
        token,
        "formatting",
        "is a time-zone name (PST, Pacific Standard Time), which DuckDB cannot print",
        "Use VV for the zone id (America/Los_Angeles) or XXX for the offset (-08:00).",
      );
    default:
      // F: java.time reads it as aligned day-of-week-in-month before JDK 19 and as
      // week-of-month after, so Spark's output depends on the JVM.
      throw untranslatable(
        pattern,
        token,
        "formatting",
        letter === "F"
          ? "means a different field depending on Spark's JVM version"
          : "has no DuckDB equivalent",
        "Compute it explicitly, e.g. ((dayofmonth(ts) - 1) // 7) + 1 for the week of month.",
      );
  }
}

/** Spark prints a fraction truncated (not rounded) to `digits`; timestamps hold micros. */
function fraction(digits: number): FormatPiece {
  if (digits === 3) return strf("%g");
  if (digits >= 6) return strf(`%f${"0".repeat(digits - 6)}`);
  return sql((ts) => `substr(strftime(${ts}, '%f'), 1, ${digits})`);
}
