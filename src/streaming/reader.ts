/**
 * `spark.readStream`: a streaming source over a directory of files (csv, json, parquet,
 * text...) or a Delta table. Loading builds a streaming DataFrame: transformations on it
 * stay streaming, and only `writeStream...start()` runs it.
 *
 * @example
 * ```ts
 * const events = spark.readStream.format("json")
 *   .schema("id INT, kind STRING, ts TIMESTAMP")
 *   .option("maxFilesPerTrigger", 10)
 *   .load("landing/events");
 * ```
 */
import { confBoolean } from "../config/boolean.js";
import { DataFrame } from "../dataframe/dataframe.js";
import { type OptionValue, optionString } from "../dataframe/options.js";
import { IllegalArgumentError } from "../errors.js";
import { ReadNode } from "../plan/relation/read.js";
import type { SparkSession } from "../session/session.js";
import type { StructType } from "../types/data-types.js";
import { parseDDLSchema } from "../types/ddl.js";
import { StreamingError } from "./errors.js";
import { parseFileSourceOptions } from "./sources/file-options.js";

export class DataStreamReader {
  private constructor(
    private readonly session: SparkSession,
    private readonly fmt: string,
    private readonly userSchema: StructType | undefined,
    private readonly opts: Readonly<Record<string, string>>,
  ) {}

  static of(session: SparkSession): DataStreamReader {
    const fmt = session.conf.get("spark.sql.sources.default") ?? "parquet";
    return new DataStreamReader(session, fmt.toLowerCase(), undefined, {});
  }

  format(source: string): DataStreamReader {
    return new DataStreamReader(this.session, source.toLowerCase(), this.userSchema, this.opts);
  }

  /** The schema of the files: required for file sources (as in Spark) unless inference is on. */
  schema(schema: StructType | string): DataStreamReader {
    const s = typeof schema === "string" ? parseDDLSchema(schema) : schema;
    return new DataStreamReader(this.session, this.fmt, s, this.opts);
  }

  option(key: string, value: OptionValue): DataStreamReader {
    return new DataStreamReader(this.session, this.fmt, this.userSchema, {
      ...this.opts,
      [key]: optionString(value),
    });
  }

  options(options: Readonly<Record<string, OptionValue>>): DataStreamReader {
    let r: DataStreamReader = this;
    for (const [k, v] of Object.entries(options)) r = r.option(k, v);
    return r;
  }

  /** A streaming DataFrame over the directory (or glob) or the Delta table at `path`. */
  load(path?: string): DataFrame {
    const target = path ?? this.opts.path;
    if (target === undefined)
      throw new IllegalArgumentError(`load() needs a path for streaming format "${this.fmt}".`);
    if (this.fmt !== "delta") {
      parseFileSourceOptions(this.opts);
      const infer = confBoolean(
        this.session.conf.getAll(),
        "spark.sql.streaming.schemaInference",
        false,
      );
      if (this.userSchema === undefined && !infer) {
        throw new StreamingError(
          "STREAMING_SCHEMA_REQUIRED",
          "Schema must be specified when creating a streaming source DataFrame. If some files already exist in the directory, then depending on the file format you may be able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema from it.",
          {
            hint: 'Pass .schema("col TYPE, ...") (a schema fixed up front is what keeps batches consistent), or set spark.sql.streaming.schemaInference=true.',
          },
        );
      }
    }
    return new DataFrame(
      this.session,
      ReadNode.create(this.fmt, [target], this.opts, this.userSchema, true),
    );
  }

  csv(path: string): DataFrame {
    return this.format("csv").load(path);
  }

  json(path: string): DataFrame {
    return this.format("json").load(path);
  }

  parquet(path: string): DataFrame {
    return this.format("parquet").load(path);
  }
}
