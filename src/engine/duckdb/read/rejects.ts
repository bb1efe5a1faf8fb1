/**
 * DuckDB's CSV reject tables, named per read: `store_rejects` fills them during the scan
 * itself (file, line, raw record, reason), so dropped records cost nothing extra to keep.
 * They live per connection and accumulate, so every action clears them first.
 */
import type { RejectedRecord } from "../../engine.js";
import type { DuckDBSession } from "../connection.js";
import { quoteIdent, quoteString } from "../sql-quote.js";

export interface RejectTables {
  readonly table: string;
  readonly scan: string;
}

/** Reject tables for one read (`kind` tells apart the tables of its different scans). */
export function rejectTables(planId: number, kind: string): RejectTables {
  return {
    table: `__tributary_rejects_${planId}_${kind}`,
    scan: `__tributary_reject_scans_${planId}_${kind}`,
  };
}

/** The `read_csv` arguments that record rejects into `t`. */
export function storeRejectsArgs(t: RejectTables): string {
  return `ignore_errors = true, store_rejects = true, rejects_table = ${quoteString(t.table)}, rejects_scan = ${quoteString(t.scan)}`;
}

export async function dropTables(db: DuckDBSession, names: readonly string[]): Promise<void> {
  for (const n of names) await db.execute(`DROP TABLE IF EXISTS ${quoteIdent(n)}`);
}

/** True when the scan that fills `t` ran (DuckDB creates the tables lazily). */
export async function rejectTablesExist(db: DuckDBSession, t: RejectTables): Promise<boolean> {
  const r = await db.query(
    `SELECT count(*) FROM duckdb_tables() WHERE table_name IN (${quoteString(t.table)}, ${quoteString(t.scan)})`,
  );
  return Number(r.rows[0]?.[0] ?? 0) === 2;
}

/** One row per rejected record: `path`, `line`, `record`, `reason` (all errors of the record). */
export function rejectedRecordsSql(t: RejectTables): string {
  return (
    `SELECT s.file_path AS path, e.line AS line, first(e.csv_line) AS record, ` +
    `string_agg(e.error_message, '; ' ORDER BY e.column_idx) AS reason ` +
    `FROM ${quoteIdent(t.table)} e JOIN ${quoteIdent(t.scan)} s ON e.scan_id = s.scan_id AND e.file_id = s.file_id ` +
    `GROUP BY e.scan_id, s.file_path, e.line`
  );
}

/** How many records a listing holds. */
export async function countRecords(db: DuckDBSession, listing: string): Promise<number> {
  const r = await db.query(`SELECT count(*) FROM (${listing})`);
  return Number(r.rows[0]?.[0] ?? 0);
}

/** The first `limit` records of a listing, by file and line. */
export async function sampleRecords(
  db: DuckDBSession,
  listing: string,
  limit: number,
): Promise<RejectedRecord[]> {
  const r = await db.query(
    `SELECT path, line, record, reason FROM (${listing}) ORDER BY path, line NULLS LAST LIMIT ${limit}`,
  );
  return r.rows.map((row) => ({
    file: String(row[0] ?? ""),
    line: row[1] === null || row[1] === undefined ? undefined : Number(row[1]),
    record: String(row[2] ?? ""),
    reason: String(row[3] ?? ""),
  }));
}

/**
 * SQL that is always true yet reads every listed column (DuckDB does not fold it away, and
 * it is cheaper than hashing): without it the reader skips parsing unused columns.
 */
export function readsAll(columns: readonly string[]): string {
  if (columns.length === 0) return "true";
  return columns
    .map((c) => `(${quoteIdent(c)} IS NULL OR ${quoteIdent(c)} IS NOT NULL)`)
    .join(" AND ");
}
