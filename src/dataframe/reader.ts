/**
 * `spark.read`: format, schema and options with Spark's names, then `load(path | paths)`.
 * Reading is lazy: the files are opened by the first action.
 *
 * @example
 * ```ts
 * const df = spark.read.format("csv")
 *   .option("header", true).option("inferSchema", true)
 *   .load("data/raw/*.csv");
 * const events = spark.read.schema("id INT, ts TIMESTAMP, kind STRING").json("events/");
 * ```
 */
import { IllegalArgumentError } from "../errors.js";
import { ReadNode } from "../plan/relation/read.js";
import type { SparkSession } from "../session/session.js";
import type { StructType } from "../types/data-types.js";
import { parseDDLSchema } from "../types/ddl.js";
import { DataFrame } from "./dataframe.js";
import { type OptionValue, optionString } from "./options.js";

type Paths = string | readonly string[];

export class DataFrameReader {
  private constructor(
    private readonly session: SparkSession,
    private readonly fmt: string,
    private readonly userSchema: StructType | undefined,
    private readonly opts: Readonly<Record<string, string>>,
  ) {}

  static of(session: SparkSession): DataFrameReader {
    return new DataFrameReader(session, "parquet", undefined, {});
  }

  format(source: string): DataFrameReader {
    return new DataFrameReader(this.session, source.toLowerCase(), this.userSchema, this.opts);
  }

  /** The schema to read with: a StructType or a DDL string (`"id INT, name STRING"`). */
  schema(schema: StructType | string): DataFrameReader {
    return new DataFrameReader(
      this.session,
      this.fmt,
      typeof schema === "string" ? parseDDLSchema(schema) : schema,
      this.opts,
    );
  }

  option(key: string, value: OptionValue): DataFrameReader {
    return new DataFrameReader(this.session, this.fmt, this.userSchema, {
      ...this.opts,
      [key]: optionString(value),
    });
  }

  options(options: Readonly<Record<string, OptionValue>>): DataFrameReader {
    let r: DataFrameReader = this;
    for (const [k, v] of Object.entries(options)) r = r.option(k, v);
    return r;
  }

  /** Reads a path, a list of paths, or a glob. */
  load(path?: Paths): DataFrame {
    const paths =
      path === undefined
        ? this.opts.path === undefined
          ? []
          : [this.opts.path]
        : typeof path === "string"
          ? [path]
          : [...path];
    if (paths.length === 0)
      throw new IllegalArgumentError(`load() needs a path for format "${this.fmt}".`);
    const engine = this.session.engine;
    return new DataFrame(
      this.session,
      ReadNode.create(
        this.fmt,
        paths.map((p) => engine.dataPath?.(p) ?? p),
        this.opts,
        this.userSchema,
      ),
    );
  }

  csv(path: Paths, options: Readonly<Record<string, OptionValue>> = {}): DataFrame {
    return this.format("csv").options(options).load(path);
  }

  parquet(...paths: string[]): DataFrame {
    return this.format("parquet").load(paths);
  }

  json(path: Paths, options: Readonly<Record<string, OptionValue>> = {}): DataFrame {
    return this.format("json").options(options).load(path);
  }

  /** A temporary view registered with `createOrReplaceTempView`. */
  table(name: string): DataFrame {
    return this.session.table(name);
  }
}
