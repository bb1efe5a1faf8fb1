/**
 * The accounting every text source (CSV, JSON) shares: nothing is lost without a trace.
 *
 * An action first runs the read's fast plan, one native scan: strict (any malformed record
 * fails the statement) for PERMISSIVE and FAILFAST, dropping and recording rejects for
 * DROPMALFORMED when the reader can record them itself. Clean input, the common case, is
 * thus read once at native speed and counted from the action's profile. When a malformed
 * record fails the statement, FAILFAST turns the failure into an error naming the file,
 * line and record; the other modes mark the read dirty and the engine runs the action again:
 * `before` then scans the input once to list every malformed record, and installs the
 * tolerant plan (PERMISSIVE keeps the records with nulls, DROPMALFORMED drops them).
 */
import { InputError } from "../../../errors.js";
import type { ReadMetrics, RejectedRecord } from "../../engine.js";
import type { DuckDBSession } from "../connection.js";
import { quoteIdent } from "../sql-quote.js";
import { writeBadRecords } from "./bad-records.js";
import { dataFileError, fileFailure } from "./file-errors.js";
import type { MalformedOptions } from "./modes.js";
import {
  countRecords,
  dropTables,
  type RejectTables,
  rejectedRecordsSql,
  rejectTablesExist,
  sampleRecords,
} from "./rejects.js";
import { armScanCount, type ScanIdentity, scannedRows } from "./scan-count.js";
import type { ActionHint, ReadContext, ResolvedSource } from "./source.js";

/** How many rejected records the metrics carry. */
export const SAMPLE_SIZE = 20;

/** The malformed records of one pass over the input. */
export interface Rejections {
  readonly count: number;
  /** SQL listing them (`path, line, record, reason`), or undefined when there are none. */
  readonly listing: string | undefined;
}

/** A pass over the whole input that tolerates malformed records. */
export interface Prepass {
  readonly rowsRead: number;
  readonly rejected: Rejections;
}

/** What a format supplies. */
export interface ReadStrategy {
  readonly format: string;
  readonly paths: readonly string[];
  readonly malformed: MalformedOptions;
  readonly scan: ScanIdentity;
  /** SQL for the fast plan (see above). */
  readonly fastSql: string;
  /** The listing of reject tables, when the scanned files are not the user's (default: as recorded). */
  rejectListing?(t: RejectTables): string;
  /** Runs before each action (e.g. to read changed input again). */
  refresh?(): Promise<void>;
  /** Reject tables the fast plan fills (DROPMALFORMED), when it records rejects itself. */
  readonly fastRejects: RejectTables | undefined;
  /** Scratch tables to drop before each action. */
  readonly scratchTables: readonly string[];
  /** Scans the input once, listing malformed records; afterwards `tolerantSql` applies. */
  prepass(db: DuckDBSession): Promise<Prepass>;
  readonly tolerantSql: string;
  /** True when the fast plan cannot read this input at all (every action uses the exact one). */
  readonly exactOnly: boolean;
  /**
   * True when the exact plan reads input the fast plan fails on (a lenient parser): a failed
   * fast plan then always reruns on the exact one, FAILFAST too, which fails only when the
   * exact plan finds a malformed record.
   */
  readonly lenientExact?: boolean;
  /**
   * A strategy over more carefully prepared input, when a check deferred at resolution finds
   * that the fast plan may misread this input (asked after the failure `error`, or with none
   * before a streamed action); undefined when nothing changes.
   */
  revise?(error?: unknown): ReadStrategy | undefined;
  /** Frees what the exact plan wrote for one action (it is written again by the next prepass). */
  release?(): Promise<void>;
  /** The malformed record behind a failed statement, when the failure came from this read. */
  diagnose(db: DuckDBSession, error: unknown): Promise<RejectedRecord | undefined>;
}

export class GuardedSource implements ResolvedSource {
  private dirty = false;
  private retried = false;
  private installed: string | undefined;
  private prepassed: Prepass | undefined;

  constructor(
    private strategy: ReadStrategy,
    private readonly ctx: ReadContext,
    private readonly view: string,
    readonly compiled: ResolvedSource["compiled"],
  ) {
    this.dirty = strategy.exactOnly;
    // Resolution installs the fast plan (DuckDB describes the view with it).
    this.installed = strategy.fastSql;
  }

  /** Creates the view the compiled SQL reads from, with the fast plan. */
  static async install(db: DuckDBSession, view: string, sql: string): Promise<void> {
    await db.execute(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(view)} AS ${sql}`);
  }

  private async use(db: DuckDBSession, sql: string): Promise<void> {
    if (this.installed === sql) return;
    await GuardedSource.install(db, this.view, sql);
    this.installed = sql;
  }

  private rowsFromResult = false;

  async before(db: DuckDBSession, hint?: ActionHint): Promise<void> {
    this.rowsFromResult = hint?.rowsFromResult === true;
    // A streamed action cannot re-run once it handed out rows: deferred checks run first.
    if (hint?.streams === true) this.revised();
    const s = this.strategy;
    await dropTables(db, [
      ...s.scratchTables,
      ...(s.fastRejects ? [s.fastRejects.table, s.fastRejects.scan] : []),
    ]);
    this.prepassed = undefined;
    await s.refresh?.();
    const lenient = s.lenientExact === true;
    if (this.dirty && (s.malformed.mode !== "FAILFAST" || lenient)) {
      const pass = await s.prepass(db);
      if (s.malformed.mode === "FAILFAST" && pass.rejected.listing !== undefined) {
        const [first] = await sampleRecords(db, pass.rejected.listing, 1);
        if (first !== undefined) throw malformedRecordError(first, undefined);
      }
      if (pass.rejected.count > 0 || s.exactOnly || lenient) {
        this.prepassed = pass;
        await this.use(db, s.tolerantSql);
      } else {
        this.dirty = false;
        await this.use(db, s.fastSql);
      }
    } else {
      await this.use(db, s.fastSql);
    }
    // Profiling (to count the scan) costs a few percent; skip it when the result tells.
    if (!this.rowsFromResult) await armScanCount(db, this.ctx.scratchDir);
  }

  async after(db: DuckDBSession, resultRows?: number): Promise<ReadMetrics> {
    const s = this.strategy;
    const scanned =
      this.rowsFromResult && resultRows !== undefined
        ? resultRows
        : await scannedRows(db, this.ctx.scratchDir, s.scan);
    this.retried = false;
    let rowsRead: number;
    let rejected: Rejections = { count: 0, listing: undefined };
    if (this.prepassed !== undefined) {
      rowsRead = this.prepassed.rowsRead;
      rejected = this.prepassed.rejected;
    } else {
      if (s.fastRejects !== undefined && (await rejectTablesExist(db, s.fastRejects))) {
        const listing = s.rejectListing?.(s.fastRejects) ?? rejectedRecordsSql(s.fastRejects);
        rejected = { count: await countRecords(db, listing), listing };
      }
      rowsRead = (scanned ?? 0) + rejected.count;
    }
    const metrics = await this.metrics(db, rowsRead, rejected);
    await s.release?.();
    return metrics;
  }

  private async metrics(
    db: DuckDBSession,
    rowsRead: number,
    rejected: Rejections,
  ): Promise<ReadMetrics> {
    const s = this.strategy;
    const listing = rejected.count > 0 ? rejected.listing : undefined;
    const sample = listing === undefined ? [] : await sampleRecords(db, listing, SAMPLE_SIZE);
    const base = s.malformed.badRecordsPath;
    const badRecordsFile =
      listing !== undefined && base !== undefined
        ? await writeBadRecords(db, base, listing, this.ctx)
        : undefined;
    return {
      format: s.format,
      paths: s.paths,
      rowsRead,
      rowsRejected: rejected.count,
      mode: s.malformed.mode,
      badRecordsFile,
      sample,
    };
  }

  /** Swaps in the strategy a deferred check asks for; true when it did. */
  private revised(error?: unknown): boolean {
    const next = this.strategy.revise?.(error);
    if (next === undefined) return false;
    this.strategy = next;
    return true;
  }

  async recover(db: DuckDBSession, error: unknown): Promise<boolean> {
    const s = this.strategy;
    const gone = fileFailure(error, s.scan.files);
    if (gone?.missing === true) throw dataFileError(gone, s.format, error);
    if (this.revised(error)) {
      // Over the new input, any malformed record left must be listed before the re-run.
      this.dirty = true;
      this.retried = true;
      return true;
    }
    const record = await s.diagnose(db, error);
    if (record === undefined) return false;
    if (s.malformed.mode === "FAILFAST" && s.lenientExact !== true)
      throw malformedRecordError(record, error);
    if (this.retried) return false;
    this.retried = true;
    this.dirty = true;
    return true;
  }
}

/** FAILFAST's error: the file, line, raw record and reason. */
export function malformedRecordError(r: RejectedRecord, cause: unknown): InputError {
  const where = r.line === undefined ? r.file : `${r.file}:${r.line}`;
  return new InputError(
    "MALFORMED_RECORD",
    `Malformed record at ${where}: ${r.reason}\nRecord: ${r.record}`,
    {
      file: r.file,
      ...(r.line === undefined ? {} : { line: r.line }),
      cause,
      context: { record: r.record, reason: r.reason },
      hint: 'Read with option("mode", "PERMISSIVE") to keep malformed records with nulls, or "DROPMALFORMED" to drop them; option("badRecordsPath", dir) keeps them in files.',
    },
  );
}
