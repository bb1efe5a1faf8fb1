/**
 * The JSON plans behind a read's view (see guarded.ts for when each applies):
 * - fast: DuckDB's `read_json` with the exact schema, strict (a record it cannot read fails
 *   the statement). Used only where DuckDB reads what Spark reads: JSON Lines in UTF-8 with
 *   no lenient option turned on, and no number whose text as written matters.
 * - exact: every record parsed in JS with Spark's leniency and written, shaped for the
 *   schema, to a scratch file (json-normalize.ts); the typed projection reads it, keeping
 *   malformed records (PERMISSIVE: raw text in the corrupt-record column), dropping them
 *   (DROPMALFORMED) or failing on the first (FAILFAST), every one counted and listed.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { type DataType, type StructField, StructType } from "../../../types/data-types.js";
import type { RejectedRecord } from "../../engine.js";
import type { DuckDBSession } from "../connection.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { toDuckDBType } from "../type-mapper.js";
import {
  dateSql,
  patternHasZone,
  readerExact,
  readerFormat,
  timestampSql,
} from "./datetime-formats.js";
import type { Prepass, ReadStrategy } from "./guarded.js";
import { writeNormalized } from "./json-normalize.js";
import type { JsonOptions } from "./json-options.js";
import { type JsonProjection, jsonProjection, normalizedRecordsSql } from "./json-sql.js";
import type { MalformedOptions } from "./modes.js";
import { type PartitionColumn, partitionValueSql } from "./partitions.js";
import { errorMessage, jsonErrorAt } from "./read-errors.js";
import { readsAll } from "./rejects.js";
import type { ScanIdentity } from "./scan-count.js";

export interface JsonPlan {
  readonly planId: number;
  readonly paths: readonly string[];
  readonly files: readonly string[];
  /** The final schema: data fields (with the corrupt-record column) and partition columns. */
  readonly schema: StructType;
  readonly outNames: readonly string[];
  readonly options: JsonOptions;
  readonly malformed: MalformedOptions;
  readonly partitions: readonly PartitionColumn[];
  /** False when the exact plan must read every action (see the file comment). */
  readonly fastReadable: boolean;
  /** True when the schema is the user's: nested values were not seen by inference. */
  readonly userSchema: boolean;
  readonly scratchDir: string;
}

const MISMATCH = "a value does not match the schema";

/**
 * True when DuckDB's reader converts values of this type as Spark does. Nested values of a
 * user's schema are not: DuckDB nulls a nested value of the wrong type where Spark marks
 * the record malformed (an inferred schema has seen every nested value, so it fits).
 */
function fastType(t: DataType, userSchema: boolean): boolean {
  switch (t.typeName) {
    case "struct":
    case "array":
    case "map":
      return !userSchema && nestedFast(t);
    case "decimal":
      return false;
    default:
      return true;
  }
}

function nestedFast(t: DataType): boolean {
  if (t.typeName === "struct") return t.fields.every((f) => nestedFast(f.dataType));
  if (t.typeName === "array") return nestedFast(t.elementType);
  if (t.typeName === "map") return nestedFast(t.valueType);
  return t.typeName !== "decimal";
}

export class JsonStrategy implements ReadStrategy {
  readonly format = "json";
  readonly paths: readonly string[];
  readonly malformed: MalformedOptions;
  readonly scan: ScanIdentity;
  readonly fastSql: string;
  readonly fastRejects = undefined;
  readonly scratchTables: readonly string[] = [];
  readonly tolerantSql: string;
  readonly exactOnly: boolean;
  readonly lenientExact = true;
  private readonly projection: JsonProjection;
  private readonly scratch: string;
  /** With multiLine: each file's text, once (see json-normalize.ts). */
  private readonly texts: string | undefined;
  /** Fields read from the records (not partition columns, not the corrupt column). */
  private readonly data: readonly StructField[];
  /** Top-level date / timestamp fields read as text and parsed in SQL (formats the reader would misread). */
  private readonly textFields: ReadonlySet<string>;

  constructor(private readonly p: JsonPlan) {
    this.paths = p.paths;
    this.malformed = p.malformed;
    const corrupt = p.malformed.corruptColumn;
    const partNames = new Set(p.partitions.map((c) => c.field.name));
    this.data = p.schema.fields.filter((f) => f.name !== corrupt && !partNames.has(f.name));
    this.scan = { operator: "READ_JSON", files: p.files, columns: this.data.map((f) => f.name) };
    this.scratch = join(p.scratchDir, `json-records-${p.planId}.jsonl`);
    this.texts = p.options.multiLine
      ? join(p.scratchDir, `json-texts-${p.planId}.jsonl`)
      : undefined;
    this.projection = jsonProjection(this.recordSchema(), corrupt, p.options);
    this.textFields = new Set(
      this.data.filter((f) => this.parsedInSql(f.dataType.typeName)).map((f) => f.name),
    );
    this.exactOnly =
      this.data.length === 0 ||
      !p.fastReadable ||
      !this.data.every((f) => fastType(f.dataType, p.userSchema));
    this.fastSql = this.exactOnly ? this.placeholder() : this.fast();
    this.tolerantSql = this.tolerant();
  }

  private parsedInSql(typeName: string): boolean {
    const o = this.p.options;
    if (typeName === "date") return o.dateFormat !== undefined && !readerExact(o.dateFormat);
    if (typeName !== "timestamp") return false;
    return (
      o.timestampFormat !== undefined &&
      (patternHasZone(o.timestampFormat) || !readerExact(o.timestampFormat))
    );
  }

  /** The SELECT list: each field's SQL (`recordField` for record fields) under its output name. */
  private select(recordField: (f: StructField, i: number) => string, pathSql: string): string {
    let k = 0;
    return this.p.schema.fields
      .map((f, i) => {
        const part = this.p.partitions.find((c) => c.field.name === f.name);
        let sql: string;
        if (part !== undefined) sql = partitionValueSql(part, pathSql, f.dataType);
        else sql = recordField(f, k++);
        return `${sql} AS ${quoteIdent(this.p.outNames[i] ?? f.name)}`;
      })
      .join(", ");
  }

  /** A typed, empty relation: the view's shape before the first action. */
  private placeholder(): string {
    const list = this.p.schema.fields
      .map(
        (f, i) =>
          `CAST(NULL AS ${toDuckDBType(f.dataType)}) AS ${quoteIdent(this.p.outNames[i] ?? f.name)}`,
      )
      .join(", ");
    return `SELECT ${list} WHERE false`;
  }

  private fast(): string {
    const o = this.p.options;
    const list = `[${this.p.files.map(quoteString).join(", ")}]`;
    const columns = this.data.map(
      (f) => [f.name, this.textFields.has(f.name) ? "VARCHAR" : toDuckDBType(f.dataType)] as const,
    );
    const args = [
      list,
      // 'array' fails on a document that is not one array (an object, concatenated values),
      // where Spark reads only the first value: those take the exact plan.
      o.multiLine ? "format = 'array'" : "format = 'newline_delimited'",
      "records = true",
      "hive_partitioning = false",
      `columns = {${columns.map(([n, t]) => `${quoteString(n)}: ${quoteString(t)}`).join(", ")}}`,
    ];
    if (this.p.partitions.length > 0) args.push(`filename = ${quoteString("__tributary_file")}`);
    if (o.dateFormat !== undefined && readerExact(o.dateFormat))
      args.push(`dateformat = ${quoteString(readerFormat(o.dateFormat))}`);
    const ts = o.timestampFormat ?? o.timestampNTZFormat;
    if (ts !== undefined && readerExact(ts))
      args.push(`timestampformat = ${quoteString(readerFormat(ts))}`);
    const corrupt = this.p.malformed.corruptColumn;
    const fields = this.select((f) => {
      if (f.name === corrupt) return "CAST(NULL AS VARCHAR)";
      if (!this.textFields.has(f.name)) return quoteIdent(f.name);
      return f.dataType.typeName === "date"
        ? dateSql(quoteIdent(f.name), o.dateFormat, true)
        : timestampSql(quoteIdent(f.name), o.timestampFormat, true);
    }, quoteIdent("__tributary_file"));
    // DROPMALFORMED reads every field even for count(), so that it drops what collect() drops.
    const where =
      this.malformed.mode === "DROPMALFORMED" ? ` WHERE ${readsAll(columns.map(([n]) => n))}` : "";
    return `SELECT ${fields} FROM read_json(${args.join(", ")})${where}`;
  }

  private tolerant(): string {
    const pr = this.projection;
    const from = pr.from(normalizedRecordsSql(this.scratch, this.texts));
    const corrupt = this.p.malformed.corruptColumn;
    const keep = this.malformed.mode === "DROPMALFORMED";
    const fields = this.select(
      (f, i) =>
        f.name === corrupt && !keep ? `CASE WHEN ${pr.bad} THEN raw END` : (pr.fields[i] ?? "NULL"),
      "path",
    );
    return `SELECT ${fields} FROM ${from}${keep ? ` WHERE NOT ${pr.bad}` : ""}`;
  }

  private listing(): string {
    const pr = this.projection;
    return `SELECT path, line, raw AS record, coalesce(why, ${quoteString(MISMATCH)}) AS reason FROM ${pr.from(normalizedRecordsSql(this.scratch, this.texts))} WHERE ${pr.bad}`;
  }

  async prepass(db: DuckDBSession): Promise<Prepass> {
    const records = await writeNormalized(
      this.p.files,
      this.p.options.text,
      this.recordSchema(),
      this.scratch,
      this.texts ?? join(this.p.scratchDir, `json-texts-${this.p.planId}.jsonl`),
    );
    const pr = this.projection;
    const r =
      records === 0
        ? { rows: [[0]] }
        : await db.query(
            `SELECT count(*) FILTER (WHERE ${pr.bad}) FROM ${pr.from(normalizedRecordsSql(this.scratch, this.texts))}`,
          );
    const flagged = Number(r.rows[0]?.[0] ?? 0);
    return {
      rowsRead: records,
      rejected: { count: flagged, listing: flagged > 0 ? this.listing() : undefined },
    };
  }

  /** The schema of the fields read from the records (the corrupt column included). */
  private recordSchema(): StructType {
    const partNames = new Set(this.p.partitions.map((c) => c.field.name));
    return new StructType(this.p.schema.fields.filter((f) => !partNames.has(f.name)));
  }

  async release(): Promise<void> {
    // The scratch copy is about the size of the input: never keep it past the action.
    await rm(this.scratch, { force: true });
    if (this.texts !== undefined) await rm(this.texts, { force: true });
  }

  async diagnose(_db: DuckDBSession, error: unknown): Promise<RejectedRecord | undefined> {
    // Any reader failure on these files falls back to the exact plan, which reads whatever
    // Spark reads and names whatever Spark rejects.
    const message = errorMessage(error);
    const at = jsonErrorAt(message, this.p.files);
    if (at !== undefined) return at;
    const file = this.p.files.find((f) => message.includes(f));
    if (file === undefined) return undefined;
    return { file, line: undefined, record: "", reason: message.split("\n")[0] ?? message };
  }
}
