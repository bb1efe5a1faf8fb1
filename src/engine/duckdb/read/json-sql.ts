/**
 * SQL of the exact JSON plan: the normalized records (json-normalize.ts) read back from
 * their scratch file, and the typed projection of a schema over them. Conversions follow
 * Spark's JacksonParser, not DuckDB's casts: a number is not a boolean, a string is not a
 * number (except NaN / Infinity for doubles, and decimals written as strings), a fraction is
 * not an integer. A record is malformed when it is not an object or a present value does
 * not convert.
 */
import type { DataType, StructType } from "../../../types/data-types.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
import { dateSql, timestampSql } from "./datetime-formats.js";
import type { JsonOptions } from "./json-options.js";

const BIG = "maximum_object_size = 2147483647";

/**
 * `(SELECT path, line, value, raw, why ...)`: the normalized records of a scratch file, in
 * input order; with `texts` (multiLine), a record's raw text defaults to its file's.
 */
export function normalizedRecordsSql(scratch: string, texts: string | undefined): string {
  const columns = `{'i': 'BIGINT', 'p': 'VARCHAR', 'l': 'BIGINT', 'v': 'VARCHAR', 'r': 'VARCHAR', 'why': 'VARCHAR'}`;
  const records = `read_json(${quoteString(scratch)}, format = 'newline_delimited', records = true, columns = ${columns}, ${BIG})`;
  if (texts === undefined)
    return `(SELECT p AS path, l AS line, v AS value, r AS raw, why FROM ${records})`;
  const files = `read_json(${quoteString(texts)}, format = 'newline_delimited', records = true, columns = {'p': 'VARCHAR', 'text': 'VARCHAR'}, ${BIG})`;
  return `(SELECT n.p AS path, n.l AS line, n.v AS value, coalesce(n.r, f.text) AS raw, n.why AS why FROM ${records} AS n LEFT JOIN ${files} AS f ON n.p = f.p ORDER BY n.i)`;
}

/** A JSON pointer to a top-level key (`~` and `/` escaped). */
function pointer(key: string): string {
  return quoteString(`/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`);
}

/** `json_transform`'s structure for a Spark type. */
function structure(t: DataType): unknown {
  switch (t.typeName) {
    case "struct":
      return Object.fromEntries(t.fields.map((f) => [f.name, structure(f.dataType)]));
    case "array":
      return [structure(t.elementType)];
    case "map":
      return `MAP(VARCHAR, ${String(structure(t.valueType))})`;
    default:
      return toDuckDBType(t);
  }
}

const NUMBER = "('BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE')";
const INTEGER = "('BIGINT', 'UBIGINT', 'HUGEINT')";

/** SQL: NaN / Infinity as Spark's double parsing reads them from a string. */
function nonFiniteSql(text: string): string {
  return (
    `CASE ${text} WHEN 'NaN' THEN 'NaN'::DOUBLE WHEN 'Infinity' THEN 'Infinity'::DOUBLE ` +
    `WHEN '+Infinity' THEN 'Infinity'::DOUBLE WHEN '+INF' THEN 'Infinity'::DOUBLE ` +
    `WHEN '-Infinity' THEN '-Infinity'::DOUBLE WHEN '-INF' THEN '-Infinity'::DOUBLE END`
  );
}

/** SQL: JSON fragment `j` as type `t`, null when it does not convert. */
function convertSql(j: string, t: DataType, o: JsonOptions): string {
  const text = `json_extract_string(${j}, '$')`;
  const type = `json_type(${j})`;
  switch (t.typeName) {
    case "string":
      return text;
    case "boolean":
      return `CASE WHEN ${type} = 'BOOLEAN' THEN CAST(${text} AS BOOLEAN) END`;
    case "byte":
    case "short":
    case "integer":
    case "long":
      return `CASE WHEN ${type} IN ${INTEGER} THEN TRY_CAST(${text} AS ${toDuckDBType(t)}) END`;
    case "float":
    case "double":
      return (
        `CAST(CASE WHEN ${type} IN ${NUMBER} THEN TRY_CAST(${text} AS DOUBLE) ` +
        `WHEN ${type} = 'VARCHAR' THEN ${nonFiniteSql(text)} END AS ${toDuckDBType(t)})`
      );
    case "decimal":
      return `CASE WHEN ${type} IN ('VARCHAR', 'BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE') THEN TRY_CAST(${text} AS ${toDuckDBType(t)}) END`;
    case "date":
      return `CASE WHEN ${type} = 'VARCHAR' THEN ${dateSql(text, o.dateFormat, false)} END`;
    case "timestamp":
      return (
        `CASE WHEN ${type} = 'VARCHAR' THEN ${timestampSql(text, o.timestampFormat, false)} ` +
        `WHEN ${type} IN ${INTEGER} THEN to_timestamp(TRY_CAST(${text} AS BIGINT)) END`
      );
    case "timestamp_ntz":
      return `CASE WHEN ${type} = 'VARCHAR' THEN TRY_CAST(${text} AS TIMESTAMP) END`;
    case "struct":
    case "array":
    case "map":
      // Strict: a nested value that does not convert fails the whole value, and Spark
      // marks such a record malformed.
      return `TRY(json_transform_strict(${j}, ${quoteString(JSON.stringify(structure(t)))}))`;
    default:
      return `TRY_CAST(${j} AS ${toDuckDBType(t)})`;
  }
}

export interface JsonProjection {
  /** Final field SQL over the row built by `from` (null for the corrupt column). */
  readonly fields: readonly string[];
  /** SQL: the record is malformed. */
  readonly bad: string;
  /** Wraps a records relation with the fragment column `j` and `ok`. */
  from(records: string): string;
}

/** The typed projection of `schema` (the corrupt column excluded from parsing). */
export function jsonProjection(
  schema: StructType,
  corrupt: string,
  o: JsonOptions,
): JsonProjection {
  const data = schema.fields.filter((f) => f.name !== corrupt);
  const pointers = data.map((f) => pointer(f.name));
  const fragment = (i: number): string => `j[${i + 1}]`;
  const converted = data.map((f, i) => convertSql(fragment(i), f.dataType, o));
  const bad = data.map(
    (_, i) =>
      `(${fragment(i)} IS NOT NULL AND json_type(${fragment(i)}) <> 'NULL' AND ${converted[i]} IS NULL)`,
  );
  let k = 0;
  const fields = schema.fields.map((f) =>
    f.name === corrupt ? "CAST(NULL AS VARCHAR)" : (converted[k++] ?? "NULL"),
  );
  const extract =
    pointers.length === 0
      ? "CAST(NULL AS JSON[])"
      : `CASE WHEN value IS NOT NULL THEN json_extract(value, [${pointers.join(", ")}]) END`;
  return {
    fields,
    bad: `(NOT ok${bad.length > 0 ? ` OR ${bad.join(" OR ")}` : ""})`,
    from: (records) =>
      `(SELECT path, line, value, raw, why, value IS NOT NULL AS ok, ${extract} AS j FROM ${records}) AS ${quoteIdent("records")}`,
  };
}
