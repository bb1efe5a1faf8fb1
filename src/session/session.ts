/**
 * `SparkSession`: the entry point. Holds the configuration, the engine chosen by the master
 * and the temporary views; creates DataFrames (`read`, `createDataFrame`, `range`, `sql`).
 *
 * @example
 * ```ts
 * const spark = await SparkSession.builder().appName("ingest").master("local[4]").getOrCreate();
 * const df = spark.createDataFrame([{ id: 1, name: "a" }]);
 * await df.show();
 * await spark.stop();
 * ```
 */
import { inspect } from "node:util";
import { DataFrame } from "../dataframe/dataframe.js";
import { DataFrameReader } from "../dataframe/reader.js";
import type { Engine } from "../engine/engine.js";
import { AnalysisError, IllegalArgumentError } from "../errors.js";
import type { RelationNode } from "../plan/node.js";
import { RangeNode } from "../plan/relation/range.js";
import { SqlNode } from "../plan/relation/sql.js";
import { isCommand, parseCommand } from "../sql/command.js";
import { parseSql } from "../sql/index.js";
import { type StreamingQueryManager, streamsOf } from "../streaming/manager.js";
import { DataStreamReader } from "../streaming/reader.js";
import { Builder } from "./builder.js";
import { Catalog } from "./catalog.js";
import { type LocalRow, localRelation, type SchemaLike } from "./create-dataframe.js";
import { sessionTimeZone } from "./engine-factory.js";
import type { RuntimeConfig } from "./runtime-config.js";
import { runSqlCommand } from "./sql-command.js";

let active: SparkSession | undefined;

/**
 * How `spark.sql` reads its text: `spark` (default) is Spark SQL, parsed by tributary into
 * the plan every engine runs; `duckdb` hands DuckDB's own SQL to the embedded engine, on
 * purpose only; `engine` hands the text to whichever engine runs (Spark SQL on Spark).
 */
export type SqlDialect = "spark" | "duckdb" | "engine";

export interface SqlOptions {
  readonly dialect?: SqlDialect;
}

export class SparkSession {
  readonly conf: RuntimeConfig;
  readonly engine: Engine;
  /** Temporary views and global temporary views: `spark.catalog.listTables()`. */
  readonly catalog = new Catalog();
  private stopped = false;

  /** @internal use `SparkSession.builder()`. */
  constructor(engine: Engine, conf: RuntimeConfig) {
    this.engine = engine;
    this.conf = conf;
  }

  /** A builder: `SparkSession.builder().appName(...).master(...).config(k, v).getOrCreate()`. */
  static builder(): Builder {
    return new Builder();
  }

  /** The session getOrCreate() returned last, if it is still running. */
  static getActiveSession(): SparkSession | undefined {
    return active;
  }

  /** @internal */
  static setActive(session: SparkSession | undefined): void {
    active = session;
  }

  /** The session time zone (`spark.sql.session.timeZone`, else the system's). */
  get timeZone(): string {
    return sessionTimeZone(new Map(Object.entries(this.conf.getAll())));
  }

  get version(): string {
    return "3.5.0-compatible (tributary)";
  }

  /** The reader: `spark.read.format("csv").option("header", true).load(path)`. */
  get read(): DataFrameReader {
    this.checkRunning();
    return DataFrameReader.of(this);
  }

  /** The streaming reader: `spark.readStream.format("csv").schema(...).load(dir)`. */
  get readStream(): DataStreamReader {
    this.checkRunning();
    return DataStreamReader.of(this);
  }

  /** The streaming queries of this session (`spark.streams.active`). */
  get streams(): StreamingQueryManager {
    return streamsOf(this);
  }

  /** A DataFrame from rows (objects or arrays) with a schema (StructType, DDL, names) or inferred. */
  createDataFrame(rows: readonly LocalRow[], schema?: SchemaLike): DataFrame {
    this.checkRunning();
    return new DataFrame(this, localRelation(rows, schema));
  }

  /** A DataFrame with one `bigint` column `id` from start (inclusive) to end (exclusive). */
  range(start: number | bigint, end?: number | bigint, step: number | bigint = 1): DataFrame {
    this.checkRunning();
    const [s, e] = end === undefined ? [0n, BigInt(start)] : [BigInt(start), BigInt(end)];
    if (BigInt(step) === 0n) throw new IllegalArgumentError("range() step cannot be 0.");
    return new DataFrame(this, RangeNode.create(s, e, BigInt(step)));
  }

  /**
   * Runs a Spark SQL query over the temporary views, with the same meaning on every
   * engine: the text is parsed by tributary into the plan the DataFrame API builds.
   * `{ dialect: "duckdb" }` runs DuckDB's own SQL on the embedded engine instead.
   *
   * @example
   * ```ts
   * df.createOrReplaceTempView("people");
   * await spark.sql("SELECT dept, count(*) AS n FROM people GROUP BY dept").show();
   * ```
   */
  sql(query: string, options: SqlOptions = {}): DataFrame {
    this.checkRunning();
    const dialect = options.dialect ?? "spark";
    if (dialect === "spark" && isCommand(query)) {
      throw new AnalysisError(
        "UNSUPPORTED_SQL_SYNTAX",
        "spark.sql runs queries; a Delta command (MERGE, DELETE, UPDATE, DESCRIBE HISTORY...) runs now: await spark.sqlCommand(text).",
        { hint: "Run it with: await spark.sqlCommand(text)." },
      );
    }
    if (dialect === "spark") return new DataFrame(this, parseSql(query, this.sqlCatalog()));
    if (dialect === "duckdb" && this.engine.name !== "duckdb") {
      throw new IllegalArgumentError(
        `spark.sql(text, { dialect: "duckdb" }) needs the embedded DuckDB engine; this session runs on ${this.engine.name}.`,
        { hint: "Write Spark SQL (the default dialect), which runs on every engine." },
      );
    }
    const views = Object.fromEntries(
      this.catalog
        .names()
        .filter((n) => !n.includes("."))
        .flatMap((n) => {
          const plan = this.catalog.lookup([n]);
          return plan === undefined ? [] : [[n.toLowerCase(), plan] as const];
        }),
    );
    return new DataFrame(this, SqlNode.create(query, views));
  }

  /**
   * Runs a Delta command written in Spark SQL now, through the same operations as the
   * DeltaTable API, and returns delta-spark's result: `MERGE INTO`, `DELETE FROM`,
   * `UPDATE ... SET`, `DESCRIBE HISTORY|DETAIL`, `OPTIMIZE`, `VACUUM`, `RESTORE`, `ALTER TABLE` on a path
   * table (`` delta.`/path` ``).
   * A query is returned as `sql(text)` would.
   *
   * @example
   * ```ts
   * await spark.sqlCommand("DELETE FROM delta.`lake/events` WHERE day < '2024-01-01'");
   * await (await spark.sqlCommand("DESCRIBE HISTORY delta.`lake/events` LIMIT 1")).show();
   * ```
   */
  async sqlCommand(text: string): Promise<DataFrame> {
    this.checkRunning();
    if (!isCommand(text)) return this.sql(text);
    return runSqlCommand(this, parseCommand(text, this.sqlCatalog()));
  }

  private sqlCatalog() {
    return {
      view: (parts: readonly string[]) => this.catalog.lookup(parts),
      viewNames: () => this.catalog.names(),
      dataPath: (path: string) => this.engine.dataPath?.(path) ?? path,
    };
  }

  /** A temporary view (`name`) or global temporary view (`global_temp.name`) as a DataFrame. */
  table(name: string): DataFrame {
    this.checkRunning();
    return new DataFrame(this, parseSql(`TABLE ${name}`, this.sqlCatalog()));
  }

  /** @internal used by DataFrame.createOrReplaceTempView. */
  registerTempView(name: string, plan: RelationNode, replace: boolean): void {
    this.catalog.registerTempView(name, plan, replace);
  }

  /** Drops a temporary view; false when there was none. Same as `spark.catalog.dropTempView`. */
  dropTempView(name: string): boolean {
    return this.catalog.dropTempView(name);
  }

  /** Stops the engine; the session cannot be used afterwards. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (active === this) active = undefined;
    await streamsOf(this).stopAll();
    await this.engine.stop();
  }

  private checkRunning(): void {
    if (this.stopped) {
      throw new IllegalArgumentError("This SparkSession has been stopped.", {
        hint: "Create a new one with SparkSession.builder().getOrCreate().",
      });
    }
  }

  toString(): string {
    return `SparkSession(engine=${this.engine.name}, app=${this.conf.get("spark.app.name") ?? ""})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
