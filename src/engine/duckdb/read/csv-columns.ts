/**
 * How each CSV column travels from the file to its Spark type. Most types are parsed by
 * DuckDB's reader itself, so a value that does not parse is a reader error with file and
 * line. Spark's `timestamp` is an instant read in the session time zone: values without an
 * offset are parsed natively as wall-clock time and converted (a bit-for-bit reinterpretation
 * in UTC); columns whose values carry offsets or zones are read as text and cast in SQL,
 * because DuckDB's reader would drop the offset. The corrupt-record column is not in the file.
 */
import { IllegalArgumentError, UnsupportedOperationError } from "../../../errors.js";
import type { DataType } from "../../../types/data-types.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
import type { CsvOptions } from "./csv-options.js";
import {
  dateSql,
  patternHasZone,
  readerExact,
  readerFormat,
  timestampSql,
} from "./datetime-formats.js";

export type ColumnKind =
  /** Parsed by the reader into the final type. */
  | "native"
  /** Parsed by the reader as wall-clock TIMESTAMP, converted to an instant. */
  | "instant"
  /**
   * An int, smallint or tinyint read as DOUBLE and checked to be integral in SQL: DuckDB's
   * integer parsing would silently round `5.5` where Spark rejects it.
   */
  | "integral"
  /** Read as text, parsed as a date in SQL (a `dateFormat` DuckDB's reader would misread). */
  | "dateText"
  /** Read as text, converted to an instant in SQL. */
  | "instantText"
  /** Read as text, parsed with a strptime format in SQL (a second timestamp format). */
  | "wallClockText"
  /** `columnNameOfCorruptRecord`: not read from the file. */
  | "corrupt";

export interface CsvColumn {
  readonly name: string;
  readonly type: DataType;
  readonly kind: ColumnKind;
  /** The column's name inside `read_csv` (unique), "" for the corrupt column. */
  readonly reader: string;
  readonly readerType: string;
}

/** Per-read conversion settings. */
export interface ColumnSettings {
  readonly utc: boolean;
  readonly timestampFormat: string | undefined;
  readonly dateFormat: string | undefined;
  /** strptime format for `wallClockText` columns. */
  readonly wallClockFormat: string | undefined;
  readonly trimLeading: boolean;
  readonly trimTrailing: boolean;
}

const READABLE = new Set([
  "string",
  "byte",
  "short",
  "integer",
  "long",
  "float",
  "double",
  "decimal",
  "boolean",
  "date",
  "timestamp",
  "timestamp_ntz",
]);

/** Chooses how to read a data column (`offsets`: sampled values of a timestamp column carry zones). */
export function planColumn(
  name: string,
  reader: string,
  type: DataType,
  offsets: boolean,
  options: CsvOptions,
): CsvColumn {
  if (!READABLE.has(type.typeName)) {
    throw new UnsupportedOperationError(
      "duckdb",
      `csv ${type.typeName}`,
      `CSV data source does not support ${type.simpleString()} data type (column \`${name}\`).`,
      {
        hint: "Read the column as STRING and convert it after reading.",
      },
    );
  }
  if (
    type.typeName === "date" &&
    options.dateFormat !== undefined &&
    !readerExact(options.dateFormat)
  ) {
    return { name, type, kind: "dateText", reader, readerType: "VARCHAR" };
  }
  if (type.typeName === "timestamp") {
    const pattern = options.timestampFormat;
    const text = pattern !== undefined && (patternHasZone(pattern) || !readerExact(pattern));
    if (text || offsets) return { name, type, kind: "instantText", reader, readerType: "VARCHAR" };
    return { name, type, kind: "instant", reader, readerType: "TIMESTAMP" };
  }
  if (type.typeName === "timestamp_ntz" && options.timestampNTZFormat !== undefined) {
    const shared =
      options.timestampFormat === undefined ||
      options.timestampFormat === options.timestampNTZFormat;
    if (!shared) return { name, type, kind: "wallClockText", reader, readerType: "VARCHAR" };
  }
  if (INTEGRAL.has(type.typeName))
    return { name, type, kind: "integral", reader, readerType: "DOUBLE" };
  return { name, type, kind: "native", reader, readerType: toDuckDBType(type) };
}

const INTEGRAL = new Set(["integer", "short", "byte"]);

/** strptime formats for the reader's `dateformat` / `timestampformat`. */
export interface ReaderFormats {
  date?: string;
  timestamp?: string;
}

/** The reader's `dateformat` / `timestampformat` for these columns. */
export function readerFormats(columns: readonly CsvColumn[], options: CsvOptions): ReaderFormats {
  const out: ReaderFormats = {};
  const has = (kind: ColumnKind, typeName: string): boolean =>
    columns.some((c) => c.kind === kind && c.type.typeName === typeName);
  if (options.dateFormat !== undefined && has("native", "date"))
    out.date = readerFormat(options.dateFormat);
  const instant = has("instant", "timestamp") ? options.timestampFormat : undefined;
  const ntz = has("native", "timestamp_ntz")
    ? (options.timestampNTZFormat ?? options.timestampFormat)
    : undefined;
  if (instant !== undefined && ntz !== undefined && instant !== ntz) {
    throw new IllegalArgumentError(
      `Options timestampFormat='${instant}' and timestampNTZFormat='${ntz}' conflict.`,
    );
  }
  const pattern = instant ?? ntz;
  if (pattern !== undefined) out.timestamp = readerFormat(pattern);
  return out;
}

function trim(sql: string, s: ColumnSettings): string {
  if (s.trimLeading && s.trimTrailing) return `trim(${sql}, ' \t')`;
  if (s.trimLeading) return `ltrim(${sql}, ' \t')`;
  if (s.trimTrailing) return `rtrim(${sql}, ' \t')`;
  return sql;
}

/** SQL of the final value from the reader's value; `strict` fails on text that does not convert. */
export function valueSql(c: CsvColumn, s: ColumnSettings, strict: boolean): string {
  const ref = quoteIdent(c.reader);
  switch (c.kind) {
    case "native":
      return c.type.typeName === "string" ? trim(ref, s) : ref;
    case "instant":
      return s.utc ? `make_timestamptz(epoch_us(${ref}))` : `CAST(${ref} AS TIMESTAMPTZ)`;
    case "integral": {
      const t = toDuckDBType(c.type);
      if (!strict) return `CASE WHEN ${ref} = trunc(${ref}) THEN TRY_CAST(${ref} AS ${t}) END`;
      const message = `concat('Could not convert string "', CAST(${ref} AS VARCHAR), '" to ${t} (column ', ${quoteString(c.name)}, ')')`;
      // An empty field is null, not an error: test for it before the whole-number check.
      return `CASE WHEN ${ref} IS NULL THEN NULL WHEN ${ref} = trunc(${ref}) THEN CAST(${ref} AS ${t}) ELSE CAST(error(${message}) AS ${t}) END`;
    }
    case "instantText":
      return timestampSql(ref, s.timestampFormat, strict);
    case "dateText":
      return dateSql(ref, s.dateFormat, strict);
    case "wallClockText":
      return strict
        ? `strptime(${ref}, ${quoteString(s.wallClockFormat ?? "")})`
        : `try_strptime(${ref}, ${quoteString(s.wallClockFormat ?? "")})`;
    case "corrupt":
      return "CAST(NULL AS VARCHAR)";
  }
}

/** SQL: true when a kept record's text did not convert in SQL (undefined when the reader converts it all). */
export function badSql(columns: readonly CsvColumn[], s: ColumnSettings): string | undefined {
  const tests = sqlChecked(columns).map((c) => badValueSql(c, s));
  return tests.length === 0 ? undefined : `(${tests.join(" OR ")})`;
}

/** Columns whose values are checked in SQL rather than by the reader. */
function sqlChecked(columns: readonly CsvColumn[]): CsvColumn[] {
  return columns.filter((c) => c.kind !== "native" && c.kind !== "instant" && c.kind !== "corrupt");
}

function badValueSql(c: CsvColumn, s: ColumnSettings): string {
  return `(${quoteIdent(c.reader)} IS NOT NULL AND ${valueSql(c, s, false)} IS NULL)`;
}

/** SQL: why a record flagged by {@link badSql} is malformed, naming the columns and values. */
export function badReasonSql(columns: readonly CsvColumn[], s: ColumnSettings): string {
  const reasons = sqlChecked(columns).map((c) => {
    const text = `CAST(${quoteIdent(c.reader)} AS VARCHAR)`;
    const what = `${c.type.simpleString()} (column ${c.name})`;
    return `CASE WHEN ${badValueSql(c, s)} THEN concat('Could not convert string "', ${text}, '" to ', ${quoteString(what)}) END`;
  });
  return reasons.length === 0 ? "NULL" : `concat_ws('; ', ${reasons.join(", ")})`;
}

/** SQL of the final value from text (records re-read after the reader rejected them): nulls where it does not convert. */
export function fromTextSql(
  c: CsvColumn,
  s: ColumnSettings,
  formats: ReaderFormats,
  ref: string,
): string {
  switch (c.kind) {
    case "instant":
    case "instantText":
      return timestampSql(ref, s.timestampFormat, false);
    case "wallClockText":
      return `try_strptime(${ref}, ${quoteString(s.wallClockFormat ?? "")})`;
    case "dateText":
      return dateSql(ref, s.dateFormat, false);
    case "corrupt":
      return "CAST(NULL AS VARCHAR)";
    case "integral":
      return `CASE WHEN regexp_full_match(trim(${ref}), '[+-]?[0-9]+') THEN TRY_CAST(${ref} AS ${toDuckDBType(c.type)}) END`;
    case "native":
      if (c.type.typeName === "string") return trim(ref, s);
      if (c.type.typeName === "date" && formats.date !== undefined)
        return `CAST(try_strptime(${ref}, ${quoteString(formats.date)}) AS DATE)`;
      if (c.type.typeName === "timestamp_ntz" && formats.timestamp !== undefined)
        return `try_strptime(${ref}, ${quoteString(formats.timestamp)})`;
      return `TRY_CAST(${ref} AS ${c.readerType})`;
  }
}
