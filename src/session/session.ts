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
import { type StreamingQueryManager, streamsOf } from "../streaming/manager.js";
import { DataStreamReader } from "../streaming/reader.js";
import { Builder } from "./builder.js";
import { type LocalRow, localRelation, type SchemaLike } from "./create-dataframe.js";
import { sessionTimeZone } from "./engine-factory.js";
import type { RuntimeConfig } from "./runtime-config.js";

let active: SparkSession | undefined;

export class SparkSession {
  readonly conf: RuntimeConfig;
  readonly engine: Engine;
  private readonly views = new Map<string, RelationNode>();
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
   * Runs a whole query in the engine's SQL dialect (DuckDB SQL locally, Spark SQL on Spark).
   * Temporary views are visible by name.
   */
  sql(query: string): DataFrame {
    this.checkRunning();
    return new DataFrame(this, SqlNode.create(query, Object.fromEntries(this.views)));
  }

  /** A temporary view as a DataFrame. */
  table(name: string): DataFrame {
    const plan = this.views.get(name.toLowerCase());
    if (plan === undefined) {
      throw new AnalysisError(
        "TABLE_OR_VIEW_NOT_FOUND",
        `The table or view \`${name}\` cannot be found.`,
        {
          hint: `Register it first with df.createOrReplaceTempView("${name}"). Known views: ${[...this.views.keys()].join(", ") || "none"}.`,
        },
      );
    }
    return new DataFrame(this, plan);
  }

  /** @internal used by DataFrame.createOrReplaceTempView. */
  registerTempView(name: string, plan: RelationNode, replace: boolean): void {
    const key = name.toLowerCase();
    if (!replace && this.views.has(key)) {
      throw new AnalysisError(
        "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS",
        `Temporary view \`${name}\` already exists.`,
        {
          hint: "Use createOrReplaceTempView to replace it.",
        },
      );
    }
    this.views.set(key, plan);
  }

  dropTempView(name: string): boolean {
    return this.views.delete(name.toLowerCase());
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
