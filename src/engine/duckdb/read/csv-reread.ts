/**
 * PERMISSIVE's second look at the records DuckDB's reader rejected: they are numbered into a
 * temp table (with their raw text) and a scratch CSV file (`id<sep>record`), and the file is
 * read back leniently, every field as text, then converted with nulls where a value does not
 * parse. The raw text fills the corrupt-record column.
 */
import { join } from "node:path";
import type { DuckDBSession } from "../connection.js";
import { quoteIdent, quoteString } from "../sql-quote.js";
import { LINE_COLUMN } from "./csv-canonical.js";
import {
  type ColumnSettings,
  type CsvColumn,
  fromTextSql,
  type ReaderFormats,
} from "./csv-columns.js";
import type { CsvDialect } from "./csv-options.js";
import { dialectArgs } from "./csv-sql.js";
import { writeRecordsFile } from "./record-file.js";

const RECORD_ID = "__tributary_record_id";

export interface RereadPlan {
  readonly dialect: CsvDialect;
  readonly nullValue: string;
  readonly columns: readonly CsvColumn[];
  readonly outNames: readonly string[];
  readonly settings: ColumnSettings;
  readonly formats: ReaderFormats;
}

export class RejectedReread {
  private readonly table: string;
  private readonly file: string;

  constructor(
    planId: number,
    scratchDir: string,
    private readonly p: RereadPlan,
  ) {
    this.table = `__tributary_rejected_${planId}`;
    this.file = join(scratchDir, `rejected-${planId}.csv`);
  }

  /**
   * Numbers the records of `listing` (path, line, record, reason, scanned: the text the scan
   * saw, re-read here; record: the text shown) and writes them out.
   */
  async save(db: DuckDBSession, listing: string): Promise<void> {
    // A record with an unclosed quote swallows what follows it: it goes last.
    await db.execute(
      `CREATE OR REPLACE TEMP TABLE ${quoteIdent(this.table)} AS SELECT row_number() OVER (ORDER BY reason LIKE '%unterminated quote%', path, line) AS id, path, line, record, scanned FROM (${listing})`,
    );
    const rows = `SELECT id, scanned FROM ${quoteIdent(this.table)} ORDER BY id`;
    await writeRecordsFile(db, this.file, rows, this.p.dialect.sep);
  }

  /**
   * SQL: the saved records as rows of the final columns; with `originals`, also their sort
   * keys `__file` (index in `originals`) and `__line`.
   */
  sql(originals?: readonly string[]): string {
    const d = this.p.dialect;
    const data = this.p.columns.filter((c) => c.kind !== "corrupt");
    const columns = [
      `${quoteString(RECORD_ID)}: 'BIGINT'`,
      ...(d.canonical === true ? [`${quoteString(LINE_COLUMN)}: 'BIGINT'`] : []),
      ...data.map((c) => `${quoteString(c.reader)}: 'VARCHAR'`),
    ];
    const reread =
      `read_csv(${quoteString(this.file)}, auto_detect = false, header = false, ` +
      `${dialectArgs({ ...d, comment: "", encoding: "utf-8", lineSep: undefined }, this.p.nullValue).join(", ")}, ` +
      `columns = {${columns.join(", ")}}, strict_mode = false, null_padding = true, ignore_errors = true, parallel = false)`;
    const list = this.p.columns.map((c, i) => {
      const sql =
        c.kind === "corrupt"
          ? "b.record"
          : fromTextSql(c, this.p.settings, this.p.formats, `p.${quoteIdent(c.reader)}`);
      return `${sql} AS ${quoteIdent(this.p.outNames[i] ?? c.name)}`;
    });
    if (originals !== undefined)
      list.push(
        `list_position([${originals.map(quoteString).join(", ")}], b.path) - 1 AS __file`,
        "b.line AS __line",
      );
    // LEFT JOIN: a record the lenient re-read still cannot split is kept, all nulls.
    return `SELECT ${list.join(", ")} FROM ${quoteIdent(this.table)} b LEFT JOIN ${reread} p ON p.${quoteIdent(RECORD_ID)} = b.id`;
  }
}
