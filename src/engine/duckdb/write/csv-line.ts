/**
 * Spark's CSV writer, byte for byte: each row becomes one line of text in SQL, which COPY
 * then writes unquoted, so the quoting rules are Spark's (univocity's) and not DuckDB's:
 * - values are trimmed of characters <= ' ' (ignoreLeading/TrailingWhiteSpace, default true);
 * - null is `nullValue` (""), an empty string is `emptyValue` (`""`, whatever the quote);
 * - a value is quoted when it holds the separator, a line break or (escapeQuotes, default
 *   true) the quote character, or starts with the quote character, or quoteAll is set;
 * - inside quotes, the quote is escaped with `escape` (`\`), and the escape character itself
 *   with `charToEscapeQuoteEscaping` (default: the escape character, when it differs from
 *   the quote).
 */

import { OptionsReader } from "../../../config/options-reader.js";
import { IllegalArgumentError } from "../../../errors.js";
import type { DataType } from "../../../types/data-types.js";
import { parseSeparator } from "../read/csv-options.js";
import { quoteString } from "../sql-quote.js";

export interface CsvWriteOptions {
  readonly sep: string;
  /** The quote character; "\u0000" when quoting is off (Spark then writes NUL characters). */
  readonly quote: string;
  readonly escape: string;
  /** "" when the escape character is not itself escaped. */
  readonly escapeEscape: string;
  readonly escapeQuotes: boolean;
  readonly quoteAll: boolean;
  readonly trimLeading: boolean;
  readonly trimTrailing: boolean;
  readonly nullValue: string;
  /** Written for an empty string, as is (Spark's default is two quote characters). */
  readonly emptyValue: string;
  readonly header: boolean;
}

function char(o: OptionsReader, name: string, fallback: string): string {
  const v = o.get(name);
  if (v === undefined) return fallback;
  if (v === "") return "\u0000";
  if ([...v].length > 1)
    throw new IllegalArgumentError(`Option ${name} must be a single character, got '${v}'.`);
  return v;
}

/** Spark's CSV writer options, with Spark's defaults for writing. */
export function csvWriteOptions(raw: Readonly<Record<string, string>>): CsvWriteOptions {
  const o = new OptionsReader(raw);
  const quote = char(o, "quote", '"');
  const escapeChar = char(o, "escape", "\\");
  const escapeEscape = char(
    o,
    "charToEscapeQuoteEscaping",
    escapeChar === quote ? "\u0000" : escapeChar,
  );
  const lineSep = o.get("lineSep");
  if (lineSep !== undefined && lineSep !== "\n")
    throw new IllegalArgumentError(
      `Option lineSep='${JSON.stringify(lineSep)}' is not supported by the DuckDB engine's CSV writer.`,
      { hint: "Files are written with \\n line ends, Spark's default." },
    );
  return {
    sep: parseSeparator(o.first("sep", "delimiter") ?? ","),
    quote,
    escape: escapeChar,
    escapeEscape: escapeEscape === "\u0000" ? "" : escapeEscape,
    escapeQuotes: o.bool("escapeQuotes", true),
    quoteAll: o.bool("quoteAll", false),
    trimLeading: o.bool("ignoreLeadingWhiteSpace", true),
    trimTrailing: o.bool("ignoreTrailingWhiteSpace", true),
    nullValue: o.string("nullValue", ""),
    emptyValue: o.get("emptyValue") ?? '""',
    header: o.bool("header", false),
  };
}

/** A SQL string literal for any text, NUL characters included. */
function literal(text: string): string {
  if (!text.includes("\u0000")) return quoteString(text);
  return `concat(${text
    .split("\u0000")
    .map((part) => quoteString(part))
    .join(", chr(0), ")})`;
}

/** SQL: `v` escaped for use inside quotes. */
function escapedSql(v: string, o: CsvWriteOptions): string {
  let sql = v;
  if (o.escapeEscape !== "" && o.escape !== o.quote)
    sql = `replace(${sql}, ${literal(o.escape)}, ${literal(o.escapeEscape + o.escape)})`;
  return `replace(${sql}, ${literal(o.quote)}, ${literal(o.escape + o.quote)})`;
}

function trimmedSql(v: string, o: CsvWriteOptions): string {
  let sql = v;
  if (o.trimLeading) sql = `regexp_replace(${sql}, '^[\\x00-\\x20]+', '')`;
  if (o.trimTrailing) sql = `regexp_replace(${sql}, '[\\x00-\\x20]+$', '')`;
  return sql;
}

/** SQL: the field text Spark writes for text value `v` (null allowed). */
export function fieldSql(v: string, o: CsvWriteOptions): string {
  const t = trimmedSql(v, o);
  const q = literal(o.quote);
  const nullText = o.quoteAll ? literal(o.quote + o.nullValue + o.quote) : literal(o.nullValue);
  const triggers = [
    `contains(${t}, ${literal(o.sep)})`,
    `contains(${t}, chr(10))`,
    `contains(${t}, chr(13))`,
    o.escapeQuotes ? `contains(${t}, ${q})` : `starts_with(${t}, ${q})`,
  ];
  const quoted = `concat(${q}, ${escapedSql(t, o)}, ${q})`;
  const when = o.quoteAll ? "true" : triggers.join(" OR ");
  return `CASE WHEN ${v} IS NULL THEN ${nullText} WHEN ${t} = '' THEN ${literal(o.emptyValue)} WHEN ${when} THEN ${quoted} ELSE ${t} END`;
}

/** The same rule in TypeScript, for the header line. */
export function fieldText(value: string, o: CsvWriteOptions): string {
  let start = 0;
  let end = value.length;
  // univocity trims every character up to and including ' '.
  if (o.trimLeading) while (start < end && value.charCodeAt(start) <= 32) start++;
  if (o.trimTrailing) while (end > start && value.charCodeAt(end - 1) <= 32) end--;
  const t = value.slice(start, end);
  if (t === "") return o.emptyValue;
  const needs =
    o.quoteAll ||
    t.includes(o.sep) ||
    t.includes("\n") ||
    t.includes("\r") ||
    (o.escapeQuotes ? t.includes(o.quote) : t.startsWith(o.quote));
  if (!needs) return t;
  let inner = t;
  if (o.escapeEscape !== "" && o.escape !== o.quote)
    inner = inner.split(o.escape).join(o.escapeEscape + o.escape);
  inner = inner.split(o.quote).join(o.escape + o.quote);
  return `${o.quote}${inner}${o.quote}`;
}

/** SQL: Spark's text for a value of `type` (dates and timestamps arrive already as text). */
export function valueTextSql(ref: string, type: DataType | undefined): string {
  const t = type?.typeName;
  if (t === "double" || t === "float")
    return `CASE WHEN isnan(${ref}) THEN 'NaN' WHEN ${ref} = 'inf'::DOUBLE THEN 'Infinity' WHEN ${ref} = '-inf'::DOUBLE THEN '-Infinity' ELSE CAST(${ref} AS VARCHAR) END`;
  return `CAST(${ref} AS VARCHAR)`;
}

/** SQL: the whole line (fields joined by the separator). */
export function lineSql(fields: readonly string[], o: CsvWriteOptions): string {
  return fields.length === 0 ? "''" : `concat_ws(${literal(o.sep)}, ${fields.join(", ")})`;
}
