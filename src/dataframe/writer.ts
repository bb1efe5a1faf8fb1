/**
 * `df.write`: format, save mode, partitioning and options, then `save(path)`.
 *
 * @example
 * ```ts
 * await df.write.format("parquet").mode("overwrite").partitionBy("date").save("out/flights");
 * await df.write.option("header", true).csv("out/flights-csv");
 * ```
 */

import { writeDelta } from "../delta/operations/write.js";
import { isDeltaTableEngine } from "../delta/table-engine.js";
import type { SaveMode, WriteResult } from "../engine/engine.js";
import { IllegalArgumentError } from "../errors.js";
import { resolvePlan } from "../sql/resolving-engine.js";
import type { DataFrame } from "./dataframe.js";
import { type OptionValue, optionString } from "./options.js";

const MODES: Readonly<Record<string, SaveMode>> = {
  error: "error",
  errorifexists: "error",
  default: "error",
  append: "append",
  overwrite: "overwrite",
  ignore: "ignore",
};

export class DataFrameWriter {
  private constructor(
    private readonly df: DataFrame,
    private readonly fmt: string,
    private readonly saveMode: SaveMode,
    private readonly partitions: readonly string[],
    private readonly opts: Readonly<Record<string, string>>,
  ) {}

  static of(df: DataFrame): DataFrameWriter {
    return new DataFrameWriter(df, "parquet", "error", [], {});
  }

  format(source: string): DataFrameWriter {
    return new DataFrameWriter(
      this.df,
      source.toLowerCase(),
      this.saveMode,
      this.partitions,
      this.opts,
    );
  }

  /** `error` (default: fail if data exists), `append`, `overwrite` or `ignore`. */
  mode(saveMode: string): DataFrameWriter {
    const m = MODES[saveMode.toLowerCase()];
    if (m === undefined) {
      throw new IllegalArgumentError(`Unknown save mode: ${saveMode}.`, {
        hint: "Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.",
      });
    }
    return new DataFrameWriter(this.df, this.fmt, m, this.partitions, this.opts);
  }

  option(key: string, value: OptionValue): DataFrameWriter {
    return new DataFrameWriter(this.df, this.fmt, this.saveMode, this.partitions, {
      ...this.opts,
      [key]: optionString(value),
    });
  }

  options(options: Readonly<Record<string, OptionValue>>): DataFrameWriter {
    let w: DataFrameWriter = this;
    for (const [k, v] of Object.entries(options)) w = w.option(k, v);
    return w;
  }

  /** Hive-style partition directories (`date=2024-01-01/`), one level per column. */
  partitionBy(...cols: (string | readonly string[])[]): DataFrameWriter {
    return new DataFrameWriter(this.df, this.fmt, this.saveMode, cols.flat(), this.opts);
  }

  /** Writes the data; resolves to what was written (files, rows, bytes). */
  async save(path?: string): Promise<WriteResult> {
    const target = path ?? this.opts.path;
    if (target === undefined)
      throw new IllegalArgumentError("save() needs a path (or option('path', ...)).");
    const spec = {
      path: target,
      mode: this.saveMode,
      partitionBy: this.partitions,
      options: this.opts,
    };
    const engine = this.df.sparkSession.engine;
    const plan = await resolvePlan(engine, this.df.plan);
    if (this.fmt === "delta" && isDeltaTableEngine(engine)) {
      return writeDelta(engine, {
        ...spec,
        plan,
        sessionConf: this.df.sparkSession.conf.getAll(),
      });
    }
    return engine.write(plan, { ...spec, format: this.fmt });
  }

  /**
   * Writes the Delta table of a name (`spark.sql.warehouse.dir/<name>`, or the LOCATION it was
   * created with), as Spark's `saveAsTable`; `spark.table(name)` and `spark.sql` find it.
   *
   * @example
   * ```ts
   * await df.write.format("delta").mode("overwrite").saveAsTable("events");
   * ```
   */
  async saveAsTable(name: string): Promise<WriteResult> {
    if (this.fmt !== "delta")
      throw new IllegalArgumentError(
        `saveAsTable writes Delta tables; this writer's format is ${this.fmt}.`,
        { hint: 'Call .format("delta") first, or save(path) for other formats.' },
      );
    const ref = this.df.sparkSession.catalog.tables.resolve(name.split("."));
    return this.save(ref.location);
  }

  /** Writes a Delta table (one atomic commit). */
  delta(path: string): Promise<WriteResult> {
    return this.format("delta").save(path);
  }

  parquet(path: string): Promise<WriteResult> {
    return this.format("parquet").save(path);
  }

  csv(path: string): Promise<WriteResult> {
    return this.format("csv").save(path);
  }

  json(path: string): Promise<WriteResult> {
    return this.format("json").save(path);
  }
}
