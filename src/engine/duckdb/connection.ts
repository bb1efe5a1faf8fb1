/**
 * The sole runtime import of `@duckdb/node-api`: one DuckDB instance per session, and a
 * small surface (run, read, describe, stream) whose errors always carry our context.
 */
import { type DuckDBConnection, DuckDBInstance, type DuckDBType } from "@duckdb/node-api";
import { EngineError } from "../../errors.js";
import type { DataType } from "../../types/data-types.js";
import type { ProgressListener } from "../engine.js";
import { runtimeError } from "./runtime-errors.js";
import { quoteIdent, quoteString } from "./sql-quote.js";
import { fromDuckDBType } from "./type-mapper.js";
import { registerUdfs } from "./udfs.js";
import { type JsValue, tributaryValueConverter } from "./values.js";

/** Settings the session passes down (from `spark.driver.memory`, `local[N]`, time zone). */
export interface DuckDBSettings {
  readonly threads: number;
  readonly memoryLimit: string | undefined;
  readonly timeZone: string;
  readonly tempDirectory: string | undefined;
}

/** A column of a result: its name and Spark type. */
export interface ResultColumn {
  readonly name: string;
  readonly dataType: DataType;
  /** DuckDB's own name of the column's type (e.g. `BIGINT`, `DECIMAL(10,2)`). */
  readonly engineType?: string;
}

/** A whole result: column metadata and rows as arrays. */
export interface ResultSet {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly JsValue[][];
}

/** Thrown by DuckDB calls; carries the SQL and DuckDB's message. */
export function duckdbError(e: unknown, sql: string, what: string): EngineError {
  if (e instanceof EngineError) return e;
  const spark = runtimeError(e, sql);
  if (spark !== undefined) return spark;
  const message = e instanceof Error ? e.message : String(e);
  return new EngineError("duckdb", `${what} failed: ${message}`, {
    cause: e,
    code: "DUCKDB_ERROR",
    context: { sql },
    hint: "The generated SQL is in error.context.sql; df.explain() shows it before running.",
  });
}

function columnsOf(
  count: number,
  name: (i: number) => string,
  type: (i: number) => DuckDBType,
): ResultColumn[] {
  const out: ResultColumn[] = [];
  for (let i = 0; i < count; i++) {
    const n = name(i);
    const t = type(i);
    out.push({ name: n, dataType: fromDuckDBType(t, n), engineType: t.toString() });
  }
  return out;
}

export class DuckDBSession {
  /**
   * Native calls still running on DuckDB's threads. Closing the instance under one is a
   * use-after-free in the native library (a segmentation fault, not an error): an action
   * abandoned by `Promise.all` when its sibling failed can still be running at `close`.
   */
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;
  private readonly positionTables = new Set<string>();
  private progressTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(settings: DuckDBSettings): Promise<DuckDBSession> {
    // TimeZone cannot go in the start-up options: ICU (built in) only loads with the first
    // connection, so the zone is set right after connecting.
    const options: Record<string, string> = { threads: String(settings.threads) };
    if (settings.memoryLimit !== undefined) options.memory_limit = settings.memoryLimit;
    if (settings.tempDirectory !== undefined) options.temp_directory = settings.tempDirectory;
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(":memory:", options);
    } catch (e) {
      throw duckdbError(e, JSON.stringify(options), "Starting DuckDB");
    }
    const connection = await instance.connect();
    registerUdfs(connection);
    const session = new DuckDBSession(instance, connection);
    await session.execute(`SET TimeZone = ${quoteString(settings.timeZone)}`);
    return session;
  }

  /** Runs statements whose results are not needed (SET, CREATE, COPY without stats). */
  async execute(sql: string): Promise<void> {
    try {
      await this.track(() => this.connection.run(sql));
    } catch (e) {
      throw duckdbError(e, sql, "Query");
    }
  }

  /**
   * A temporary table `name(file UBIGINT, row BIGINT)` holding row positions (`file` is the
   * file's index in the caller's list), filled once per session (an appender: a SQL literal of
   * thousands of numbers costs DuckDB's parser far more than the scan it filters). Deletion
   * vectors use it to drop rows inside a scan.
   */
  async rowPositions(
    name: string,
    load: () => Promise<readonly { readonly file: number; readonly rows: readonly number[] }[]>,
  ): Promise<void> {
    if (this.positionTables.has(name)) return;
    const positions = await load();
    await this.execute(
      `CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)}("file" UBIGINT, "row" BIGINT)`,
    );
    const appender = await this.track(() => this.connection.createAppender(name, "main", "temp"));
    try {
      for (const { file, rows } of positions)
        for (const row of rows) {
          appender.appendUBigInt(BigInt(file));
          appender.appendBigInt(BigInt(row));
          appender.endRow();
        }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    this.positionTables.add(name);
  }

  /** Runs a query and reads every row. */
  async query(sql: string): Promise<ResultSet> {
    try {
      const reader = await this.track(() => this.connection.runAndReadAll(sql));
      const columns = columnsOf(
        reader.columnCount,
        (i) => reader.columnName(i),
        (i) => reader.columnType(i),
      );
      return { columns, rows: reader.convertRows(tributaryValueConverter) };
    } catch (e) {
      throw duckdbError(e, sql, "Query");
    }
  }

  /** The result columns of a query, without running it. */
  async describe(sql: string): Promise<ResultColumn[]> {
    try {
      const prepared = await this.track(() => this.connection.prepare(sql));
      return columnsOf(
        prepared.columnCount,
        (i) => prepared.columnName(i),
        (i) => prepared.columnType(i),
      );
    } catch (e) {
      throw duckdbError(e, sql, "Analysis");
    }
  }

  /** Streams a query's rows chunk by chunk: memory stays bounded whatever the result size. */
  async *stream(
    sql: string,
  ): AsyncGenerator<{ columns: readonly ResultColumn[]; rows: JsValue[][] }> {
    let result: Awaited<ReturnType<DuckDBConnection["stream"]>>;
    try {
      result = await this.track(() => this.connection.stream(sql));
    } catch (e) {
      throw duckdbError(e, sql, "Query");
    }
    const columns = columnsOf(
      result.columnCount,
      (i) => result.columnName(i),
      (i) => result.columnType(i),
    );
    for (;;) {
      let chunk: Awaited<ReturnType<typeof result.fetchChunk>>;
      try {
        chunk = await this.track(() => result.fetchChunk());
      } catch (e) {
        throw duckdbError(e, sql, "Query");
      }
      if (chunk === null || chunk.rowCount === 0) return;
      const cols = chunk.convertColumns(tributaryValueConverter);
      const rows: JsValue[][] = [];
      for (let r = 0; r < chunk.rowCount; r++) rows.push(cols.map((c) => c[r]));
      yield { columns, rows };
    }
  }

  /** Stops a running query (used for AbortSignal). */
  interrupt(): void {
    this.connection.interrupt();
  }

  /** Closes the connection and instance once every native call still running has ended. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.progressTimer);
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    this.connection.closeSync();
    this.instance.closeSync();
  }

  /**
   * Polls DuckDB's query progress while native calls run. DuckDB computes it only with its
   * progress bar enabled; its own printing stays off (the caller renders, if anyone).
   */
  async setProgressListener(listener: ProgressListener | undefined, everyMs = 50): Promise<void> {
    clearInterval(this.progressTimer);
    this.progressTimer = undefined;
    await this.execute(
      listener === undefined
        ? "SET enable_progress_bar = false"
        : "SET enable_progress_bar = true; SET enable_progress_bar_print = false; SET progress_bar_time = 0",
    );
    if (listener === undefined) return;
    this.progressTimer = setInterval(() => {
      if (this.pending.size === 0 || this.closed) return;
      const p = this.connection.progress;
      if (p.percentage < 0) return; // nothing measurable runs
      listener({
        percentage: p.percentage,
        rowsProcessed: Number(p.rows_processed),
        totalRows: Number(p.total_rows_to_process),
      });
    }, everyMs);
    this.progressTimer.unref();
  }

  private track<T>(start: () => Promise<T>): Promise<T> {
    if (this.closed)
      return Promise.reject(
        new EngineError("duckdb", "The DuckDB session is closed.", {
          code: "DUCKDB_CLOSED",
          hint: "An action ran after spark.stop(); await every action before stopping the session.",
        }),
      );
    const call = start();
    this.pending.add(call);
    const done = (): void => {
      this.pending.delete(call);
    };
    call.then(done, done);
    return call;
  }
}
