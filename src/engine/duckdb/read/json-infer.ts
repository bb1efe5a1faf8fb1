/**
 * Spark's JSON schema inference (`JsonInferSchema`) on top of DuckDB's: DuckDB infers from a
 * sample, then types are brought to Spark's rules: integers are `bigint`, floats `double`,
 * strings stay strings (Spark infers no dates, and timestamps only with `inferTimestamp`),
 * mixed values are strings, all-null fields are strings (or dropped with
 * `dropFieldIfAllNull`), and struct fields are sorted by name. In PERMISSIVE mode a sample
 * with malformed records adds the corrupt-record column, as Spark does.
 */
import { InputError } from "../../../errors.js";
import {
  ArrayType,
  BooleanType,
  type DataType,
  DoubleType,
  LongType,
  MapType,
  NullType,
  StringType,
  StructField,
  StructType,
  TimestampType,
} from "../../../types/data-types.js";
import type { DuckDBSession } from "../connection.js";
import { quoteString } from "../sql-quote.js";
import type { JsonOptions } from "./json-options.js";
import { jsonRecordsSql } from "./json-sql.js";
import type { MalformedOptions } from "./modes.js";

const SAMPLE_ROWS = 20480;

/** DuckDB's inferred type brought to Spark's JSON rules; undefined drops the field. */
function sparkType(t: DataType, o: JsonOptions): DataType | undefined {
  switch (t.typeName) {
    case "struct": {
      const fields = t.fields.flatMap((f) => {
        const ft = sparkType(f.dataType, o);
        return ft === undefined || f.name === "" ? [] : [new StructField(f.name, ft, true)];
      });
      if (fields.length === 0) return undefined;
      return new StructType(
        [...fields].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      );
    }
    case "array": {
      const et = sparkType(t.elementType, o);
      return new ArrayType(et ?? StringType, true);
    }
    case "map": {
      const vt = sparkType(t.valueType, o);
      return new MapType(StringType, vt ?? StringType, true);
    }
    case "null":
      return o.dropFieldIfAllNull ? undefined : StringType;
    default:
      break;
  }
  if (o.primitivesAsString) return StringType;
  switch (t.typeName) {
    case "byte":
    case "short":
    case "integer":
    case "long":
      return LongType;
    case "float":
    case "double":
      return DoubleType;
    case "decimal":
      // DuckDB infers UBIGINT / HUGEINT for plain integers; Spark infers bigint (a value
      // past it is then a malformed record, counted).
      return t.scale === 0 ? LongType : DoubleType;
    case "boolean":
      return t;
    case "timestamp":
    case "timestamp_ntz":
      return o.inferTimestamp ? TimestampType : StringType;
    default:
      return StringType;
  }
}

function inferenceSql(files: readonly string[], o: JsonOptions): string {
  const list = `[${files.map(quoteString).join(", ")}]`;
  const sample = o.samplingRatio !== undefined && o.samplingRatio > 0.99 ? -1 : SAMPLE_ROWS;
  const format = o.multiLine
    ? "format = 'auto'"
    : "format = 'newline_delimited', ignore_errors = true";
  return `SELECT * FROM read_json(${list}, ${format}, records = true, map_inference_threshold = -1, sample_size = ${sample})`;
}

/** True when the sampled records include malformed ones (invalid JSON, or not an object). */
async function sampleHasMalformed(
  db: DuckDBSession,
  files: readonly string[],
  o: JsonOptions,
): Promise<boolean> {
  const records = jsonRecordsSql(files, o, "VARCHAR");
  const r = await db.query(
    `SELECT coalesce(bool_or(NOT coalesce(CASE WHEN json_valid(value) THEN json_type(value) = 'OBJECT' END, false)), false) FROM (SELECT value FROM ${records} LIMIT ${SAMPLE_ROWS})`,
  );
  return r.rows[0]?.[0] === true;
}

/** A `json_group_structure` result as a (DuckDB-flavoured) type, before Spark's rules. */
function structureType(s: unknown): DataType {
  if (Array.isArray(s)) return new ArrayType(structureType(s[0]), true);
  if (s !== null && typeof s === "object") {
    return new StructType(
      Object.entries(s).map(([k, v]) => new StructField(k, structureType(v), true)),
    );
  }
  switch (s) {
    case "UBIGINT":
    case "BIGINT":
      return LongType;
    case "DOUBLE":
      return DoubleType;
    case "BOOLEAN":
      return BooleanType;
    case "NULL":
      return NullType;
    default:
      return StringType;
  }
}

/** Inference from the object records alone, for inputs DuckDB's own inference gives up on. */
async function structureOfRecords(
  db: DuckDBSession,
  files: readonly string[],
  o: JsonOptions,
): Promise<DataType | undefined> {
  const records = jsonRecordsSql(files, o, "VARCHAR");
  const objects = `SELECT value FROM ${records} WHERE coalesce(CASE WHEN json_valid(value) THEN json_type(value) = 'OBJECT' END, false) LIMIT ${SAMPLE_ROWS}`;
  const r = await db.query(
    `SELECT CAST(json_group_structure(CAST(value AS JSON)) AS VARCHAR) FROM (${objects})`,
  );
  const text = r.rows[0]?.[0];
  return typeof text === "string" ? structureType(JSON.parse(text)) : undefined;
}

/** Infers the schema of JSON files as Spark would. */
export async function inferJsonSchema(
  db: DuckDBSession,
  files: readonly string[],
  o: JsonOptions,
  m: MalformedOptions,
): Promise<StructType> {
  let inferred: StructType | undefined;
  try {
    const described = await db.describe(inferenceSql(files, o));
    const t = sparkType(
      new StructType(described.map((c) => new StructField(c.name, c.dataType, true))),
      o,
    );
    inferred = t instanceof StructType ? t : undefined;
  } catch {
    const t = await structureOfRecords(db, files, o);
    const mapped = t === undefined ? undefined : sparkType(t, o);
    inferred = mapped instanceof StructType ? mapped : undefined;
  }
  const corrupt =
    m.mode === "PERMISSIVE" && (inferred === undefined || (await sampleHasMalformed(db, files, o)));
  const fields = [...(inferred?.fields ?? [])];
  if (corrupt && !fields.some((f) => f.name === m.corruptColumn))
    fields.push(new StructField(m.corruptColumn, StringType, true));
  if (fields.length === 0) {
    throw new InputError(
      "EMPTY_INPUT",
      `Cannot infer a schema: no JSON record in ${files.join(", ")}.`,
      {
        file: files[0],
        hint: "Pass a schema with .schema(...), or check the files (multiLine for whole-file JSON).",
      },
    );
  }
  return new StructType(fields.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
}
