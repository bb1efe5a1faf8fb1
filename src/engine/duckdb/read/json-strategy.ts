/**
 * The JSON plans behind a read's view (see guarded.ts for when each applies):
 * - fast: DuckDB's `read_json` with the exact schema, strict (a malformed record fails it);
 * - prepass: the records as text once; JSON Lines are read with `read_csv` and a JSON
 *   column, so invalid lines land in reject tables with their line numbers, and records
 *   whose values do not match the schema are counted by the lenient projection;
 * - tolerant: the lenient projection, keeping malformed records (PERMISSIVE, raw text in
 *   the corrupt-record column) or dropping them (DROPMALFORMED).
 */
import type { StructType } from "../../../types/data-types.js";
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
import type { JsonOptions } from "./json-options.js";
import { BLANK, type JsonProjection, jsonProjection, jsonRecordsSql } from "./json-sql.js";
import type { MalformedOptions } from "./modes.js";
import { errorMessage, jsonErrorAt, lineOf } from "./read-errors.js";
import {
  countRecords,
  dropTables,
  type RejectTables,
  readsAll,
  rejectedRecordsSql,
  rejectTables,
  sampleRecords,
  storeRejectsArgs,
} from "./rejects.js";
import type { ScanIdentity } from "./scan-count.js";

export interface JsonPlan {
  readonly planId: number;
  readonly paths: readonly string[];
  readonly files: readonly string[];
  /** The final schema, with the corrupt-record column when present. */
  readonly schema: StructType;
  readonly outNames: readonly string[];
  readonly options: JsonOptions;
  readonly malformed: MalformedOptions;
}

const MISMATCH = "a value does not match the schema (or the record is not a JSON object)";

export class JsonStrategy implements ReadStrategy {
  readonly format = "json";
  readonly paths: readonly string[];
  readonly malformed: MalformedOptions;
  readonly scan: ScanIdentity;
  readonly fastSql: string;
  readonly fastRejects: RejectTables | undefined = undefined;
  readonly scratchTables: readonly string[];
  readonly tolerantSql: string;
  readonly exactOnly: boolean;
  private readonly pre: RejectTables;
  private readonly projection: JsonProjection;
  /** Top-level date / timestamp fields read as text and parsed in SQL (formats the reader would misread). */
  private readonly textFields: ReadonlySet<string>;

  constructor(private readonly p: JsonPlan) {
    this.paths = p.paths;
    this.malformed = p.malformed;
    const corrupt = p.malformed.corruptColumn;
    const data = p.schema.fields.filter((f) => f.name !== corrupt);
    this.scan = { operator: "READ_JSON", files: p.files, columns: data.map((f) => f.name) };
    this.pre = rejectTables(p.planId, "prepass");
    this.scratchTables = [this.pre.table, this.pre.scan];
    this.projection = jsonProjection(p.schema, corrupt, p.options);
    this.textFields = new Set(
      data.filter((f) => this.parsedInSql(f.dataType.typeName)).map((f) => f.name),
    );
    this.fastSql = this.fast(
      data.map(
        (f) =>
          [f.name, this.textFields.has(f.name) ? "VARCHAR" : toDuckDBType(f.dataType)] as const,
      ),
    );
    this.tolerantSql = this.tolerant();
    this.exactOnly = data.length === 0;
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

  private names(list: readonly string[]): string {
    return this.p.schema.fields
      .map((f, i) => `${list[i] ?? "NULL"} AS ${quoteIdent(this.p.outNames[i] ?? f.name)}`)
      .join(", ");
  }

  private fast(columns: readonly (readonly [string, string])[]): string {
    const o = this.p.options;
    const list = `[${this.p.files.map(quoteString).join(", ")}]`;
    const args = [
      list,
      o.multiLine ? "format = 'auto'" : "format = 'newline_delimited'",
      "records = true",
    ];
    args.push(
      `columns = {${columns.map(([n, t]) => `${quoteString(n)}: ${quoteString(t)}`).join(", ")}}`,
    );
    if (o.dateFormat !== undefined && readerExact(o.dateFormat))
      args.push(`dateformat = ${quoteString(readerFormat(o.dateFormat))}`);
    const ts = o.timestampFormat ?? o.timestampNTZFormat;
    if (ts !== undefined && readerExact(ts))
      args.push(`timestampformat = ${quoteString(readerFormat(ts))}`);
    const corrupt = this.p.malformed.corruptColumn;
    const fields = this.p.schema.fields.map((f) => {
      if (f.name === corrupt) return "CAST(NULL AS VARCHAR)";
      if (!this.textFields.has(f.name)) return quoteIdent(f.name);
      return f.dataType.typeName === "date"
        ? dateSql(quoteIdent(f.name), o.dateFormat, true)
        : timestampSql(quoteIdent(f.name), o.timestampFormat, true);
    });
    if (columns.length === 0) return `SELECT ${this.names(fields)}`;
    // DROPMALFORMED reads every field even for count(), so that it drops what collect() drops.
    const where =
      this.malformed.mode === "DROPMALFORMED" ? ` WHERE ${readsAll(columns.map(([n]) => n))}` : "";
    return `SELECT ${this.names(fields)} FROM read_json(${args.join(", ")})${where}`;
  }

  private tolerant(): string {
    const pr = this.projection;
    const from = pr.from(jsonRecordsSql(this.p.files, this.p.options, "VARCHAR"));
    if (this.malformed.mode === "DROPMALFORMED")
      return `SELECT ${this.names(pr.fields)} FROM ${from} WHERE NOT ${pr.bad}`;
    const corrupt = this.p.malformed.corruptColumn;
    const fields = this.p.schema.fields.map((f, i) =>
      f.name === corrupt ? `CASE WHEN ${pr.bad} THEN value END` : (pr.fields[i] ?? "NULL"),
    );
    return `SELECT ${this.names(fields)} FROM ${from}`;
  }

  /** Invalid JSON lines, from the reader's reject tables (blank lines are not records). */
  private syntaxListing(t: RejectTables): string {
    return `SELECT path, line, record, 'malformed JSON' AS reason FROM (${rejectedRecordsSql(t)}) WHERE trim(record, ${BLANK}) <> ''`;
  }

  private mismatchListing(files: readonly string[]): string {
    const pr = this.projection;
    return `SELECT path, NULL::BIGINT AS line, value AS record, ${quoteString(MISMATCH)} AS reason FROM ${pr.from(jsonRecordsSql(files, this.p.options, "VARCHAR"))} WHERE ${pr.bad} AND json_valid(value)`;
  }

  /** A failure of the SQL parse of a text field: the first record it fails on. */
  private async conversionFailure(
    db: DuckDBSession,
    message: string,
  ): Promise<RejectedRecord | undefined> {
    if (this.textFields.size === 0 || !/convert|parse|strptime/i.test(message)) return undefined;
    const [first] = await sampleRecords(
      db,
      `SELECT * FROM (${this.mismatchListing(this.p.files)}) LIMIT 1`,
      1,
    );
    return first === undefined
      ? undefined
      : { ...first, reason: message.split("\n")[0] ?? first.reason };
  }

  async prepass(db: DuckDBSession): Promise<Prepass> {
    const pr = this.projection;
    const lines = !this.p.options.multiLine;
    const records = jsonRecordsSql(
      this.p.files,
      this.p.options,
      lines ? "JSON" : "VARCHAR",
      lines ? storeRejectsArgs(this.pre) : undefined,
    );
    const r = await db.query(
      `SELECT count(*), count(*) FILTER (WHERE ${pr.bad}) FROM ${pr.from(records)}`,
    );
    const kept = Number(r.rows[0]?.[0] ?? 0);
    const flagged = Number(r.rows[0]?.[1] ?? 0);
    if (!lines) {
      const listing = `SELECT path, NULL::BIGINT AS line, value AS record, ${quoteString(MISMATCH)} AS reason FROM ${pr.from(jsonRecordsSql(this.p.files, this.p.options, "VARCHAR"))} WHERE ${pr.bad}`;
      return {
        rowsRead: kept,
        rejected: { count: flagged, listing: flagged > 0 ? listing : undefined },
      };
    }
    const syntax = await countRecords(db, this.syntaxListing(this.pre)).catch(() => 0);
    const parts = [
      syntax > 0 ? this.syntaxListing(this.pre) : undefined,
      flagged > 0 ? this.mismatchListing(this.p.files) : undefined,
    ];
    const listing = parts.filter((x) => x !== undefined).join(" UNION ALL ");
    return {
      rowsRead: kept + syntax,
      rejected: { count: syntax + flagged, listing: listing === "" ? undefined : listing },
    };
  }

  async diagnose(db: DuckDBSession, error: unknown): Promise<RejectedRecord | undefined> {
    const message = errorMessage(error);
    const at = jsonErrorAt(message, this.p.files) ?? (await this.conversionFailure(db, message));
    if (at === undefined || this.malformed.mode !== "FAILFAST") return at;
    const found: RejectedRecord[] = [];
    if (!this.p.options.multiLine) {
      const t = rejectTables(this.p.planId, "diagnose");
      await dropTables(db, [t.table, t.scan]);
      await db.query(
        `SELECT count(*) FROM ${jsonRecordsSql([at.file], this.p.options, "JSON", storeRejectsArgs(t))}`,
      );
      found.push(...(await sampleRecords(db, this.syntaxListing(t), 1).catch(() => [])));
    }
    const mismatch = await sampleRecords(
      db,
      `SELECT * FROM (${this.mismatchListing([at.file])}) LIMIT 1`,
      1,
    );
    for (const m of mismatch)
      found.push({
        ...m,
        line: this.p.options.multiLine ? undefined : await lineOf(at.file, m.record),
      });
    found.sort(
      (a, b) => (a.line ?? Number.POSITIVE_INFINITY) - (b.line ?? Number.POSITIVE_INFINITY),
    );
    return found[0] ?? at;
  }
}
