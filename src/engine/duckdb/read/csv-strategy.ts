/**
 * The CSV plans behind a read's view (see guarded.ts for when each applies):
 * - fast: one native scan; strict, or dropping and recording rejects (DROPMALFORMED);
 * - prepass: one scan recording every malformed record in reject tables; for PERMISSIVE the
 *   rejected records are then written to a scratch file, to be re-read leniently;
 * - tolerant: PERMISSIVE = the well-formed records UNION ALL the re-read rejected ones (with
 *   nulls where fields do not parse, and the raw record in the corrupt-record column);
 *   DROPMALFORMED = the well-formed records.
 */
import type { RejectedRecord } from "../../engine.js";
import type { DuckDBSession } from "../connection.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import {
  badReasonSql,
  badSql,
  type ColumnSettings,
  type CsvColumn,
  type ReaderFormats,
  valueSql,
} from "./csv-columns.js";
import type { CsvDialect } from "./csv-options.js";
import { RejectedReread } from "./csv-reread.js";
import { type CsvScan, fileOfRowSql as filesCase, readCsvSql, type Tolerance } from "./csv-sql.js";
import type { Prepass, ReadStrategy } from "./guarded.js";
import type { MalformedOptions } from "./modes.js";
import { csvErrorAt, errorMessage } from "./read-errors.js";
import {
  countRecords,
  type RejectTables,
  readsAll,
  rejectedRecordsSql,
  rejectTables,
  sampleRecords,
  storeRejectsArgs,
} from "./rejects.js";
import type { ScanIdentity } from "./scan-count.js";

export interface CsvPlan {
  readonly planId: number;
  readonly format: string;
  readonly paths: readonly string[];
  readonly files: readonly string[];
  readonly dialect: CsvDialect;
  readonly header: boolean;
  readonly nullValue: string;
  readonly columns: readonly CsvColumn[];
  /** SQL names of the output columns, in order. */
  readonly outNames: readonly string[];
  readonly settings: ColumnSettings;
  readonly formats: ReaderFormats;
  readonly malformed: MalformedOptions;
  readonly scratchDir: string;
}

export class CsvStrategy implements ReadStrategy {
  readonly format: string;
  readonly paths: readonly string[];
  readonly malformed: MalformedOptions;
  readonly scan: ScanIdentity;
  readonly fastSql: string;
  readonly fastRejects: RejectTables | undefined;
  readonly scratchTables: readonly string[];
  readonly tolerantSql: string;
  readonly exactOnly = false;
  private readonly pre: RejectTables;
  private readonly reread: RejectedReread;
  private readonly data: readonly CsvColumn[];

  constructor(private readonly p: CsvPlan) {
    this.format = p.format;
    this.paths = p.paths;
    this.malformed = p.malformed;
    this.data = p.columns.filter((c) => c.kind !== "corrupt");
    this.scan = { operator: "READ_CSV", files: p.files, columns: this.data.map((c) => c.reader) };
    this.pre = rejectTables(p.planId, "prepass");
    this.reread = new RejectedReread(p.planId, p.scratchDir, p);
    const drop = p.malformed.mode === "DROPMALFORMED";
    this.fastRejects = drop ? rejectTables(p.planId, "action") : undefined;
    this.fastSql = this.select(
      this.readSql(
        drop && this.fastRejects
          ? { kind: "drop", record: storeRejectsArgs(this.fastRejects) }
          : { kind: "strict" },
      ),
      true,
      undefined,
      drop ? ` WHERE ${this.allParsed(true)}` : "",
    );
    this.scratchTables = [this.pre.table, this.pre.scan];
    this.tolerantSql = drop ? this.dropTolerant() : this.keepTolerant();
  }

  private readSql(tolerance: Tolerance, files: readonly string[] = this.p.files): string {
    const scan: CsvScan = {
      files,
      dialect: this.p.dialect,
      header: this.p.header,
      nullValue: this.p.nullValue,
      columns: this.data.map((c) => [c.reader, c.readerType] as const),
      dateFormat: this.p.formats.date,
      timestampFormat: this.p.formats.timestamp,
      tolerance,
    };
    return readCsvSql(scan);
  }

  /** `SELECT <final columns> FROM <from>`; `corrupt` is the corrupt column's SQL. */
  private select(
    from: string,
    strict: boolean,
    corrupt = "CAST(NULL AS VARCHAR)",
    where = "",
  ): string {
    const list = this.p.columns.map((c, i) => {
      const sql = c.kind === "corrupt" ? corrupt : valueSql(c, this.p.settings, strict);
      return `${sql} AS ${quoteIdent(this.p.outNames[i] ?? c.name)}`;
    });
    return `SELECT ${list.join(", ")} FROM ${from}${where}`;
  }

  /** Text of a kept record whose value did not convert in SQL (the reader keeps no raw line for it). */
  private rebuiltRecord(): string {
    const fields = this.data.map((c) => `coalesce(CAST(${quoteIdent(c.reader)} AS VARCHAR), '')`);
    return `concat_ws(${quoteString(this.p.dialect.sep)}, ${fields.join(", ")})`;
  }

  /**
   * SQL that is always true but reads every column: DuckDB only parses the columns a query
   * uses, so without it `count()` would keep records whose unused fields are malformed and
   * DROPMALFORMED would count differently from what `collect()` returns.
   */
  private allParsed(strict: boolean): string {
    const all = readsAll(this.data.map((c) => c.reader));
    if (!strict) return all;
    // The checks made in SQL must run too, so that a bad value fails the statement.
    const bad = badSql(this.data, this.p.settings);
    if (bad === undefined) return all;
    return `${all} AND (NOT ${bad} OR CAST(error(${badReasonSql(this.data, this.p.settings)}) AS BOOLEAN))`;
  }

  private dropTolerant(): string {
    const bad = badSql(this.data, this.p.settings);
    return this.select(
      this.readSql({ kind: "drop", record: undefined }),
      false,
      undefined,
      ` WHERE ${this.allParsed(false)}${bad ? ` AND NOT ${bad}` : ""}`,
    );
  }

  private keepTolerant(): string {
    const bad = badSql(this.data, this.p.settings);
    const kept = this.select(
      this.readSql({ kind: "drop", record: undefined }),
      false,
      bad ? `CASE WHEN ${bad} THEN ${this.rebuiltRecord()} END` : undefined,
    );
    return `${kept} UNION ALL ${this.reread.sql()}`;
  }

  async prepass(db: DuckDBSession): Promise<Prepass> {
    const bad = badSql(this.data, this.p.settings) ?? "false";
    const counts = this.data.map((c) => `count(${quoteIdent(c.reader)})`);
    const from = this.readSql({ kind: "drop", record: storeRejectsArgs(this.pre) });
    const result = await db.query(
      `SELECT count(*), count(*) FILTER (WHERE ${bad}), ${counts.join(", ")} FROM ${from}`,
    );
    const kept = Number(result.rows[0]?.[0] ?? 0);
    const flagged = Number(result.rows[0]?.[1] ?? 0);
    const rejectedByReader = rejectedRecordsSql(this.pre);
    const readerCount = await countRecords(db, rejectedByReader).catch(() => 0);
    const readerListing =
      readerCount > 0
        ? rejectedByReader
        : "SELECT NULL::VARCHAR AS path, NULL::BIGINT AS line, NULL::VARCHAR AS record, NULL::VARCHAR AS reason WHERE false";
    if (this.malformed.mode === "PERMISSIVE") await this.reread.save(db, readerListing);
    const flaggedListing = `SELECT ${filesCase(this.p.files)} AS path, NULL::BIGINT AS line, ${this.rebuiltRecord()} AS record, ${badReasonSql(this.data, this.p.settings)} AS reason FROM ${this.readSql({ kind: "drop", record: undefined })} WHERE ${bad}`;
    const parts = [
      readerCount > 0 ? readerListing : undefined,
      flagged > 0 ? flaggedListing : undefined,
    ].filter((x) => x !== undefined);
    return {
      rowsRead: kept + readerCount,
      rejected: {
        count: readerCount + flagged,
        listing: parts.length === 0 ? undefined : parts.join(" UNION ALL "),
      },
    };
  }

  async diagnose(db: DuckDBSession, error: unknown): Promise<RejectedRecord | undefined> {
    const at = csvErrorAt(errorMessage(error), this.p.files);
    if (at !== undefined) {
      if (this.malformed.mode !== "FAILFAST" || at.line === undefined) return at;
      return (await this.exactRecord(db, at.file, at.line)) ?? at;
    }
    const bad = badSql(this.data, this.p.settings);
    if (bad === undefined || !/convert|parse|strptime/i.test(errorMessage(error))) return undefined;
    const rows = await db.query(
      `SELECT ${filesCase(this.p.files)}, ${this.rebuiltRecord()} FROM ${this.readSql({ kind: "drop", record: undefined })} WHERE ${bad} LIMIT 1`,
    );
    const row = rows.rows[0];
    if (row === undefined) return undefined;
    const reason = errorMessage(error).split("\n")[0] ?? "";
    return {
      file: String(row[0] ?? ""),
      line: undefined,
      record: String(row[1] ?? ""),
      reason: reason.replace(/^.*?Error: /, ""),
    };
  }

  /** The reader's own account of the record at `file:line`: re-reads the file up to that line. */
  private async exactRecord(
    db: DuckDBSession,
    file: string,
    line: number,
  ): Promise<RejectedRecord | undefined> {
    const t = rejectTables(this.p.planId, "diagnose");
    await db.execute(`DROP TABLE IF EXISTS ${quoteIdent(t.table)}`);
    await db.execute(`DROP TABLE IF EXISTS ${quoteIdent(t.scan)}`);
    const counts = this.data.map((c) => `count(${quoteIdent(c.reader)})`);
    await db.query(
      `SELECT ${counts.join(", ")} FROM (SELECT * FROM ${this.readSql({ kind: "drop", record: storeRejectsArgs(t) }, [file])} LIMIT ${line})`,
    );
    const found = await sampleRecords(
      db,
      `SELECT * FROM (${rejectedRecordsSql(t)}) WHERE line = ${line}`,
      1,
    ).catch(() => []);
    return found[0];
  }
}
