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
import { isDeltaTableEngine } from "../delta/table-engine.js";
import type { Engine } from "../engine/engine.js";
import { IllegalArgumentError } from "../errors.js";
import type { RelationNode } from "../plan/node.js";
import { RangeNode } from "../plan/relation/range.js";
import { ReadNode } from "../plan/relation/read.js";
import { SqlNode } from "../plan/relation/sql.js";
import { isCommand, parseCommand } from "../sql/command.js";
import { parseSql, type SqlCatalog } from "../sql/index.js";
import { type StreamingQueryManager, streamsOf } from "../streaming/manager.js";
import { DataStreamReader } from "../streaming/reader.js";
import { Builder } from "./builder.js";
import { Catalog } from "./catalog.js";
import { type LocalRow, localRelation, type SchemaLike } from "./create-dataframe.js";
import { sessionTimeZone } from "./engine-factory.js";
import type { RuntimeConfig } from "./runtime-config.js";
import { runSqlCommand } from "./sql-command.js";
import { SqlDataFrame } from "./sql-result.js";
import { emptyPlan, isTableStatement } from "./sql-statements.js";
import { TableCatalog } from "./tables.js";

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
  /** Temporary views, global temporary views and Delta tables by name: `spark.catalog.listTables()`. */
  readonly catalog = new Catalog(
    new TableCatalog(() => this.conf.get("spark.sql.warehouse.dir", "spark-warehouse")),
  );
  /** The statements spark.sql started, chained so each runs after the previous one. */
  private statements: Promise<unknown> = Promise.resolve();
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
   * Runs Spark SQL, with the same meaning on every engine: a query over the temporary views
   * and tables is parsed by tributary into the plan the DataFrame API builds (lazy, as
   * always); a statement (CREATE / REPLACE / DROP TABLE, INSERT, ALTER TABLE, MERGE INTO,
   * DELETE, UPDATE, DESCRIBE HISTORY|DETAIL, SHOW TABLES, OPTIMIZE, VACUUM, RESTORE) starts
   * at once, as in PySpark: await it for its result frame (an empty frame for most).
   * `{ dialect: "duckdb" }` runs DuckDB's own SQL on the embedded engine instead.
   *
   * @example
   * ```ts
   * await spark.sql("CREATE TABLE people (name STRING, dept STRING) USING delta");
   * await spark.sql("INSERT INTO people VALUES ('Ada', 'eng'), ('Linus', 'eng')");
   * await spark.sql("SELECT dept, count(*) AS n FROM people GROUP BY dept").show();
   * ```
   */
  sql(query: string, options: SqlOptions = {}): SqlDataFrame {
    this.checkRunning();
    const dialect = options.dialect ?? "spark";
    if (dialect === "spark" && isCommand(query)) return this.statement(query);
    if (dialect === "spark") return new SqlDataFrame(this, parseSql(query, this.sqlCatalog()));
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
    return new SqlDataFrame(this, SqlNode.create(query, views));
  }

  /** Starts a statement after the earlier ones; a failure rejects the awaited frame. */
  private statement(text: string): SqlDataFrame {
    const run = this.statements.then(() => this.runStatement(text));
    this.statements = run.then(
      () => undefined,
      () => undefined,
    );
    return SqlDataFrame.running(this, emptyPlan(), run);
  }

  private async runStatement(text: string): Promise<DataFrame> {
    // Spark has its own catalog and delta-spark: table statements go to it as written.
    if (!isDeltaTableEngine(this.engine) && isTableStatement(text)) {
      const df = this.sql(text, { dialect: "engine" });
      const [schema, rows] = await Promise.all([df.schema, df.collect()]);
      return this.createDataFrame(rows, schema);
    }
    return runSqlCommand(this, parseCommand(text, this.sqlCatalog()));
  }

  /**
   * @deprecated `await spark.sql(text)` runs statements too, as in PySpark.
   */
  async sqlCommand(text: string): Promise<DataFrame> {
    return this.sql(text);
  }

  private sqlCatalog(): SqlCatalog {
    const dataPath = (path: string) => this.engine.dataPath?.(path) ?? path;
    const tables = this.catalog.tables;
    return {
      // A view shadows a table of the same name, as in Spark.
      view: (parts) => {
        const view = this.catalog.lookup(parts);
        const named =
          isDeltaTableEngine(this.engine) && TableCatalog.tableName(parts) !== undefined;
        if (view !== undefined || !named) return view;
        const ref = tables.resolve(parts);
        return tables.exists(ref)
          ? ReadNode.create("delta", [dataPath(ref.location)], {})
          : undefined;
      },
      viewNames: () => [...this.catalog.names(), ...tables.names()],
      dataPath,
      // On Spark, names in Delta commands are Spark's catalog's: only path tables are parsed here.
      ...(isDeltaTableEngine(this.engine)
        ? {
            table: (parts: readonly string[]) => {
              const ref = tables.resolve(parts);
              return { ...ref, exists: tables.exists(ref) };
            },
          }
        : {}),
    };
  }

  /** A table or view by name (`t`, `default.t`, `global_temp.v`) as a DataFrame. */
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
