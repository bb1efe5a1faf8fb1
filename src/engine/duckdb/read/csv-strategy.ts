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
  displayRecord,
  displayRecordSql,
  LINE_COLUMN,
  originalPathSql,
  originalRecordSql,
} from "./csv-canonical.js";
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
  /** The files scanned: the originals, or their rewrites (csv-normalize.ts). */
  readonly files: readonly string[];
  readonly originals: readonly string[];
  /** The original separator (records are shown with it). */
  readonly sep: string;
  /** The original files' encoding. */
  readonly encoding: CsvDialect["encoding"];
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
  /**
   * The same read over rewritten files, for files read as they are: PERMISSIVE needs their
   * line numbers to merge re-read records back in file order.
   */
  readonly canonicalize?: () => CsvPlan;
  /** Rewrites the scanned files again from the originals (for rewritten files). */
  readonly rewrite?: () => void;
  /**
   * The read over rewritten files when the blank-line search deferred at resolution finds
   * a blank line (csv-check.ts); undefined when it finds none or already ran.
   */
  readonly revise?: () => CsvPlan | undefined;
}

export class CsvStrategy implements ReadStrategy {
  readonly format: string;
  readonly paths: readonly string[];
  readonly malformed: MalformedOptions;
  readonly scan: ScanIdentity;
  readonly fastSql: string;
  readonly fastRejects: RejectTables | undefined;
  readonly scratchTables: readonly string[];
  private readonly ownTolerant: string;
  /** The strategy over rewritten files that PERMISSIVE's tolerant plan uses. */
  private exact: CsvStrategy | undefined;
  readonly exactOnly = false;
  private readonly pre: RejectTables;
  private readonly reread: RejectedReread;
  private readonly data: readonly CsvColumn[];

  constructor(private readonly p: CsvPlan) {
    this.format = p.format;
    this.paths = p.paths;
    this.malformed = p.malformed;
    this.data = p.columns.filter((c) => c.kind !== "corrupt");
    this.scan = { operator: "READ_CSV", files: p.files, columns: this.scanned() };
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
    this.ownTolerant = drop ? this.dropTolerant() : this.keepTolerant();
  }

  private fresh = true;

  revise(error?: unknown): ReadStrategy | undefined {
    // Only DuckDB's CSV reader fails on a blank line (not an interrupt, not a bad value in SQL).
    if (error !== undefined && !/\bCSV\b/.test(errorMessage(error))) return undefined;
    const plan = this.p.revise?.();
    return plan === undefined ? undefined : new CsvStrategy(plan);
  }

  /** Before each action: rewritten files are rewritten again (resolution just wrote them). */
  async refresh(): Promise<void> {
    if (!this.fresh) this.p.rewrite?.();
    this.fresh = false;
  }

  get tolerantSql(): string {
    return this.exact?.tolerantSql ?? this.ownTolerant;
  }

  private readSql(
    tolerance: Tolerance,
    files: readonly string[] = this.p.files,
    filename = false,
  ): string {
    const scan: CsvScan = {
      filename,
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
    extra: readonly string[] = [],
  ): string {
    const list = this.p.columns.map((c, i) => {
      const sql = c.kind === "corrupt" ? corrupt : valueSql(c, this.p.settings, strict);
      return `${sql} AS ${quoteIdent(this.p.outNames[i] ?? c.name)}`;
    });
    return `SELECT ${[...list, ...extra].join(", ")} FROM ${from}${where}`;
  }

  /** Text of a kept record whose value did not convert in SQL (the reader keeps no raw line for it). */
  private rebuiltRecord(): string {
    const fields = this.data.map((c) => `coalesce(CAST(${quoteIdent(c.reader)} AS VARCHAR), '')`);
    return `concat_ws(${quoteString(this.p.sep)}, ${fields.join(", ")})`;
  }

  /** A reject listing with the original files and records (`shown`: also the record as the user wrote it). */
  rejectListing(t: RejectTables, shown = false): string {
    const raw = rejectedRecordsSql(t);
    if (this.p.dialect.canonical !== true)
      return shown ? `SELECT *, record AS scanned FROM (${raw})` : raw;
    const path = originalPathSql("r.path", this.p.files, this.p.originals);
    const record = originalRecordSql("r.record", "f.lines", "r.line", this.p.sep);
    const lines = `(SELECT filename, string_split(content, chr(10)) AS lines FROM read_text([${this.p.originals.map(quoteString).join(", ")}]))`;
    const canRead = this.p.encoding === "utf-8";
    const text = canRead ? record : displayRecordSql("r.record", this.p.sep);
    const from = canRead ? `(${raw}) r LEFT JOIN ${lines} f ON f.filename = ${path}` : `(${raw}) r`;
    return `SELECT ${path} AS path, r.line AS line, ${text} AS record, ${this.reasonSql("r.reason")} AS reason${shown ? ", r.record AS scanned" : ""} FROM ${from}`;
  }

  /** SQL: DuckDB's reason for a rewritten record, its field counts without the line column. */
  private reasonSql(reason: string): string {
    const counts = `'Expected Number of Columns: [0-9]+ Found: [0-9]+'`;
    const found = `CAST(regexp_extract(${reason}, 'Found: ([0-9]+)', 1) AS INTEGER) - 1`;
    const fixed = `concat('Expected Number of Columns: ', ${this.data.length}, ' Found: ', ${found})`;
    return `CASE WHEN regexp_matches(${reason}, ${counts}) THEN regexp_replace(${reason}, ${counts}, ${fixed}) ELSE ${reason} END`;
  }

  /** The same for one reason in TypeScript. */
  private reasonText(reason: string): string {
    return reason.replace(
      /Expected Number of Columns: \d+ Found: (\d+)/,
      (_, found: string) =>
        `Expected Number of Columns: ${this.data.length} Found: ${Number(found) - 1}`,
    );
  }

  /** The original of a scanned file. */
  private original(file: string): string {
    return this.p.originals[this.p.files.indexOf(file)] ?? file;
  }

  /** Every column the scan reads (a rewritten file's line column too). */
  private scanned(): string[] {
    const data = this.data.map((c) => c.reader);
    return this.p.dialect.canonical === true ? [LINE_COLUMN, ...data] : data;
  }

  /**
   * SQL that is always true but reads every column: DuckDB only parses the columns a query
   * uses, so without it `count()` would keep records whose unused fields are malformed and
   * DROPMALFORMED would count differently from what `collect()` returns.
   */
  private allParsed(strict: boolean): string {
    const all = readsAll(this.scanned());
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
    const corrupt = bad ? `CASE WHEN ${bad} THEN ${this.rebuiltRecord()} END` : undefined;
    const canonical = this.p.dialect.canonical === true;
    const from = this.readSql({ kind: "drop", record: undefined }, this.p.files, canonical);
    if (!canonical) return `${this.select(from, false, corrupt)} UNION ALL ${this.reread.sql()}`;
    // Spark keeps file order: the re-read records go back to their lines.
    const files = `[${this.p.files.map(quoteString).join(", ")}]`;
    const keys = [
      `list_position(${files}, filename) - 1 AS __file`,
      `${quoteIdent(LINE_COLUMN)} AS __line`,
    ];
    const kept = this.select(from, false, corrupt, "", keys);
    const names = this.p.outNames.map((n) => quoteIdent(n)).join(", ");
    return `SELECT ${names} FROM (${kept} UNION ALL ${this.reread.sql(this.p.originals)}) ORDER BY __file, __line`;
  }

  async prepass(db: DuckDBSession): Promise<Prepass> {
    if (this.malformed.mode === "PERMISSIVE" && this.p.canonicalize !== undefined) {
      // Rewritten on every action: the input may have changed since the last one.
      this.exact = new CsvStrategy(this.p.canonicalize());
      return this.exact.prepass(db);
    }
    const bad = badSql(this.data, this.p.settings) ?? "false";
    // Every column, or DuckDB would not parse (nor reject) the records' other fields.
    const counts = this.scanned().map((c) => `count(${quoteIdent(c)})`);
    const from = this.readSql({ kind: "drop", record: storeRejectsArgs(this.pre) });
    const result = await db.query(
      `SELECT count(*), count(*) FILTER (WHERE ${bad}), ${counts.join(", ")} FROM ${from}`,
    );
    const kept = Number(result.rows[0]?.[0] ?? 0);
    const flagged = Number(result.rows[0]?.[1] ?? 0);
    const rejectedByReader = rejectedRecordsSql(this.pre);
    const readerCount = await countRecords(db, rejectedByReader).catch(() => 0);
    const none =
      "SELECT NULL::VARCHAR AS path, NULL::BIGINT AS line, NULL::VARCHAR AS record, NULL::VARCHAR AS reason WHERE false";
    const readerListing = readerCount > 0 ? this.rejectListing(this.pre) : none;
    if (this.malformed.mode === "PERMISSIVE")
      await this.reread.save(
        db,
        readerCount > 0
          ? this.rejectListing(this.pre, true)
          : "SELECT NULL::VARCHAR AS path, NULL::BIGINT AS line, NULL::VARCHAR AS record, NULL::VARCHAR AS reason, NULL::VARCHAR AS scanned WHERE false",
      );
    const flaggedListing = `SELECT ${filesCase(this.p.originals)} AS path, NULL::BIGINT AS line, ${this.rebuiltRecord()} AS record, ${badReasonSql(this.data, this.p.settings)} AS reason FROM ${this.readSql({ kind: "drop", record: undefined })} WHERE ${bad}`;
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
    const scanned = csvErrorAt(errorMessage(error), this.p.files);
    const at =
      scanned === undefined || this.p.dialect.canonical !== true
        ? scanned
        : {
            ...scanned,
            file: this.original(scanned.file),
            record: displayRecord(scanned.record, this.p.sep),
            reason: this.reasonText(scanned.reason),
          };
    if (at !== undefined) {
      if (this.malformed.mode !== "FAILFAST" || at.line === undefined) return at;
      return (await this.exactRecord(db, at.file, at.line)) ?? at;
    }
    const bad = badSql(this.data, this.p.settings);
    if (bad === undefined || !/convert|parse|strptime/i.test(errorMessage(error))) return undefined;
    const rows = await db.query(
      `SELECT ${filesCase(this.p.originals)}, ${this.rebuiltRecord()} FROM ${this.readSql({ kind: "drop", record: undefined })} WHERE ${bad} LIMIT 1`,
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
    original: string,
    line: number,
  ): Promise<RejectedRecord | undefined> {
    const file = this.p.files[this.p.originals.indexOf(original)] ?? original;
    const t = rejectTables(this.p.planId, "diagnose");
    await db.execute(`DROP TABLE IF EXISTS ${quoteIdent(t.table)}`);
    await db.execute(`DROP TABLE IF EXISTS ${quoteIdent(t.scan)}`);
    const counts = this.scanned().map((c) => `count(${quoteIdent(c)})`);
    await db.query(
      `SELECT ${counts.join(", ")} FROM (SELECT * FROM ${this.readSql({ kind: "drop", record: storeRejectsArgs(t) }, [file])} LIMIT ${line})`,
    );
    const found = await sampleRecords(
      db,
      `SELECT * FROM (${this.rejectListing(t)}) WHERE line = ${line}`,
      1,
    ).catch(() => []);
    return found[0];
  }
}
