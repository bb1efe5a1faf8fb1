/**
 * Spark's CSV schema inference (`CSVInferSchema`) as one aggregate query over the text of a
 * sample. Each value gets the narrowest class it parses as (int, bigint, decimal(p,0),
 * double, date, timestamp, boolean, string); a column's classes then merge as Spark merges
 * types (numbers widen to the widest, dates with timestamps become timestamps, anything
 * else mixed becomes string). Reading the sample as text keeps inference working on files
 * with malformed records, where DuckDB's sniffer gives up.
 */
import {
  BooleanType,
  type DataType,
  DateType,
  DecimalType,
  DoubleType,
  IntegerType,
  LongType,
  StringType,
  TimestampType,
} from "../../../types/data-types.js";
import type { DuckDBSession } from "../connection.js";
import { quoteIdent } from "../sql-quote.js";
import type { CsvOptions } from "./csv-options.js";
import { dateTestSql, timestampTestSql } from "./datetime-formats.js";

/** How many records inference reads when `samplingRatio` is not set (DuckDB's sniffer sample). */
export const INFER_SAMPLE_ROWS = 20480;

export interface ColumnFacts {
  readonly type: DataType;
  /** For timestamp columns: some sampled value has its own offset or zone. */
  readonly offsets: boolean;
}

const INT = 1;
const LONG = 2;
const DECIMAL = 4;
const DOUBLE = 8;
const DATE = 16;
const TIMESTAMP = 32;
const BOOLEAN = 64;
const STRING = 128;

/**
 * Timestamps DuckDB's reader would misread, read as text and parsed in SQL: they carry an
 * offset or zone, or whitespace around them (Spark trims it; DuckDB's reader refuses it).
 */
const ZONED = 256;
const OFFSET_SUFFIX =
  "'[0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?\\s*([zZ]|UTC|GMT|[+-][0-9]{2}(:?[0-9]{2})?)$'";

/**
 * SQL: DuckDB's double parse also accepts `inf`, `INF`, `nan`...; Spark's (Java's, plus its
 * `nanValue` / `positiveInf` / `negativeInf` defaults) only these spellings.
 */
function javaDouble(v: string): string {
  return `(NOT regexp_matches(${v}, '[a-zA-Z]') OR regexp_full_match(trim(${v}), '[+-]?[0-9.]*[eE][+-]?[0-9]+') OR ${v} IN ('NaN', 'Inf', '-Inf', 'Infinity', '+Infinity', '-Infinity'))`;
}

/** SQL: the class bit of text `v` (a CASE stops at the first test that holds; cheap tests first). */
function classSql(v: string, options: CsvOptions): string {
  const integral = `regexp_full_match(${v}, '[+-]?[0-9]+')`;
  const date = options.preferDate ? `WHEN ${dateTestSql(v, options.dateFormat)} THEN ${DATE} ` : "";
  const timestamp =
    options.timestampFormat === undefined
      ? `WHEN regexp_matches(${v}, '^\\s*[+-]?[0-9]{4}') AND TRY_CAST(trim(${v}) AS TIMESTAMP) IS NOT NULL THEN (CASE WHEN regexp_matches(${v}, ${OFFSET_SUFFIX}) OR ${v} <> trim(${v}) THEN ${ZONED} ELSE ${TIMESTAMP} END) ` +
        `WHEN ${timestampTestSql(v, undefined)} THEN ${ZONED} `
      : `WHEN ${timestampTestSql(v, options.timestampFormat)} THEN ${TIMESTAMP} `;
  return (
    `CASE WHEN ${v} IS NULL THEN NULL ` +
    `WHEN TRY_CAST(${v} AS DOUBLE) IS NOT NULL AND ${javaDouble(v)} THEN (CASE WHEN NOT ${integral} THEN ${DOUBLE} ` +
    `WHEN TRY_CAST(${v} AS INTEGER) IS NOT NULL THEN ${INT} WHEN TRY_CAST(${v} AS BIGINT) IS NOT NULL THEN ${LONG} ELSE ${DECIMAL} END) ` +
    `${date}${timestamp}` +
    `WHEN lower(${v}) IN ('true', 'false') THEN ${BOOLEAN} ELSE ${STRING} END`
  );
}

/** Spark's lenient timestamp parser reads dates only in these formats (CSVInferSchema). */
const LENIENT_DATE_FORMATS = new Set([
  "yyyy-MM-dd",
  "yyyy-M-d",
  "yyyy-M-dd",
  "yyyy-MM-d",
  "yyyy-MM",
  "yyyy-M",
  "yyyy",
]);

function merge(zonedMask: number, digits: number, options: CsvOptions): DataType {
  const mask = zonedMask & ZONED ? (zonedMask & ~ZONED) | TIMESTAMP : zonedMask;
  if (mask === 0) return StringType;
  const numeric = INT | LONG | DECIMAL | DOUBLE;
  if ((mask & ~numeric) === 0) {
    if (mask & DOUBLE) return DoubleType;
    if (mask & DECIMAL) return digits <= 38 ? new DecimalType(digits, 0) : DoubleType;
    return mask & LONG ? LongType : IntegerType;
  }
  if (mask === DATE) return DateType;
  if ((mask & ~(DATE | TIMESTAMP)) === 0) {
    if (!(mask & DATE)) return TimestampType;
    const datesAsTimestamps =
      options.timestampFormat === undefined &&
      LENIENT_DATE_FORMATS.has(options.dateFormat ?? "yyyy-MM-dd");
    return datesAsTimestamps ? TimestampType : StringType;
  }
  if (mask === BOOLEAN) return BooleanType;
  return StringType;
}

function sampled(textScan: string, options: CsvOptions): string {
  if (options.samplingRatio === undefined)
    return `(SELECT * FROM ${textScan} LIMIT ${INFER_SAMPLE_ROWS})`;
  if (options.samplingRatio > 0.99) return `(SELECT * FROM ${textScan})`;
  return `(SELECT * FROM ${textScan} USING SAMPLE ${options.samplingRatio * 100} PERCENT (bernoulli, 1))`;
}

/**
 * Infers Spark types for `count` columns from `textScan`, a scan of the files that reads
 * every column as text (`c0`, `c1`...).
 */
export async function inferCsvTypes(
  db: DuckDBSession,
  textScan: string,
  count: number,
  options: CsvOptions,
): Promise<ColumnFacts[]> {
  if (count === 0) return [];
  const aggregates: string[] = [];
  for (let i = 0; i < count; i++) {
    const v = quoteIdent(`c${i}`);
    aggregates.push(
      `bit_or(${classSql(v, options)})`,
      `max(length(ltrim(${v}, '+-0'))) FILTER (WHERE regexp_full_match(${v}, '[+-]?[0-9]+'))`,
    );
  }
  const result = await db.query(
    `SELECT ${aggregates.join(", ")} FROM ${sampled(textScan, options)}`,
  );
  const row = result.rows[0] ?? [];
  return Array.from({ length: count }, (_, i) => {
    const mask = Number(row[2 * i] ?? 0);
    const type = merge(mask, Math.max(1, Number(row[2 * i + 1] ?? 1)), options);
    return { type, offsets: type === TimestampType && (mask & ZONED) !== 0 };
  });
}

/** Which listed timestamp columns have a sampled value with its own offset or zone. */
export async function sampleOffsets(
  db: DuckDBSession,
  textScan: string,
  columns: readonly number[],
): Promise<Set<number>> {
  if (columns.length === 0) return new Set();
  const tests = columns.map((i) => {
    const v = quoteIdent(`c${i}`);
    return `bool_or(TRY_CAST(${v} AS TIMESTAMPTZ) IS DISTINCT FROM CAST(TRY_CAST(${v} AS TIMESTAMP) AS TIMESTAMPTZ) OR ${v} <> trim(${v}))`;
  });
  const result = await db.query(
    `SELECT ${tests.join(", ")} FROM (SELECT * FROM ${textScan} LIMIT ${INFER_SAMPLE_ROWS})`,
  );
  const row = result.rows[0] ?? [];
  return new Set(columns.filter((_, k) => row[k] === true));
}
