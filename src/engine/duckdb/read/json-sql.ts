/**
 * SQL for JSON records read as text, used by inference and by the exact plans: records are
 * lines (JSON Lines, read with `read_csv` so that the reader keeps line numbers of invalid
 * ones) or whole files (`multiLine`: an array of records or one record per file). Each field
 * is taken from the record with a JSON pointer and converted leniently, and a record is
 * malformed when it is not a JSON object or a present value does not convert.
 */
import type { DataType, StructType } from "../../../types/data-types.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
import { fileOfRowSql } from "./csv-sql.js";
import { dateSql, timestampSql } from "./datetime-formats.js";
import type { JsonOptions } from "./json-options.js";

/** JSON text cannot hold a raw U+0001, so a line never splits on it. */
const NO_SPLIT = "\u0001";
const MAX_LINE = 16 * 1024 * 1024;

/** SQL: the characters a blank line may hold (Spark skips blank lines). */
export const BLANK = "(' ' || chr(9) || chr(10) || chr(13))";

/** `(SELECT path, value ...)`: one row per record; `lineType` JSON makes the reader reject invalid lines. */
export function jsonRecordsSql(
  files: readonly string[],
  o: JsonOptions,
  lineType: "VARCHAR" | "JSON",
  rejects?: string,
): string {
  const list = `[${files.map(quoteString).join(", ")}]`;
  if (o.multiLine) {
    const records = `CASE WHEN json_valid(content) THEN (CASE WHEN json_type(content) = 'ARRAY' THEN CAST(json_extract(content, '$[*]') AS VARCHAR[]) ELSE [content] END) ELSE [content] END`;
    return `(SELECT filename AS path, unnest(${records}) AS value FROM read_text(${list}))`;
  }
  const nl = o.lineSep === "\r\n" ? ", new_line = '\\r\\n'" : "";
  const tolerance = rejects ?? "ignore_errors = true";
  const scan =
    `read_csv(${list}, auto_detect = false, header = false, columns = {'value': ${quoteString(lineType)}}, ` +
    `delim = ${quoteString(NO_SPLIT)}, quote = '', escape = ''${nl}, max_line_size = ${MAX_LINE}, ` +
    `strict_mode = false, null_padding = true, ${tolerance})`;
  return `(SELECT ${fileOfRowSql(files)} AS path, CAST(value AS VARCHAR) AS value FROM ${scan} WHERE value IS NOT NULL AND trim(CAST(value AS VARCHAR), ${BLANK}) <> '')`;
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
    default:
      return toDuckDBType(t);
  }
}

/** SQL: JSON fragment `j` as type `t`, null when it does not convert. */
function convertSql(j: string, t: DataType, o: JsonOptions): string {
  const text = `json_extract_string(${j}, '$')`;
  switch (t.typeName) {
    case "string":
      return text;
    case "date":
      return dateSql(text, o.dateFormat, false);
    case "timestamp":
      return timestampSql(text, o.timestampFormat, false);
    case "timestamp_ntz":
      return `TRY_CAST(${text} AS TIMESTAMP)`;
    case "struct":
    case "array":
    case "map":
      return `TRY(json_transform(${j}, ${quoteString(JSON.stringify(structure(t)))}))`;
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

/** The lenient typed projection of `schema` (the corrupt column excluded from parsing). */
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
  return {
    fields,
    bad: `(NOT ok${bad.length > 0 ? ` OR ${bad.join(" OR ")}` : ""})`,
    from: (records) =>
      `(SELECT path, value, coalesce(CASE WHEN json_valid(value) THEN json_type(value) = 'OBJECT' END, false) AS ok, ` +
      `${pointers.length === 0 ? "CAST(NULL AS JSON[])" : `CASE WHEN json_valid(value) THEN (CASE WHEN json_type(value) = 'OBJECT' THEN json_extract(value, [${pointers.join(", ")}]) END) END`} AS j ` +
      `FROM ${records}) AS ${quoteIdent("records")}`,
  };
}
