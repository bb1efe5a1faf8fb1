/**
 * The seed's `DataReader`, as a thin wrapper over `spark.read`. Unlike the seed's
 * `if version:` check, version 0 time travels to version 0 instead of being ignored.
 *
 * @example
 * ```ts
 * const reader = new DataReader(spark);
 * const raw = reader.readCsv("data/raw/flights.csv");
 * const first = reader.readDelta("lake/flights", { version: 0 });
 * ```
 */
import type { DataFrame } from "../dataframe/dataframe.js";
import type { OptionValue } from "../dataframe/options.js";
import type { SparkSession } from "../session/session.js";
import type { StructType } from "../types/data-types.js";

export interface ReadCsvOptions {
  /** A StructType or DDL (`"id INT, name STRING"`); without one the schema is inferred. */
  readonly schema?: StructType | string;
  /** Extra reader options (Spark's names); `header` defaults to true. */
  readonly options?: Readonly<Record<string, OptionValue>>;
}

export interface ReadDeltaOptions {
  /** Time travel to this version (0 included). */
  readonly version?: number;
  /** Time travel to the version current at this timestamp. */
  readonly timestamp?: string;
}

export class DataReader {
  constructor(readonly spark: SparkSession) {}

  /** CSV with a header; the schema given, or inferred (`inferSchema`) when none is. */
  readCsv(path: string | readonly string[], options: ReadCsvOptions = {}): DataFrame {
    let reader = this.spark.read.format("csv").option("header", true);
    reader =
      options.schema === undefined
        ? reader.option("inferSchema", true)
        : reader.schema(options.schema);
    return reader.options(options.options ?? {}).load(path);
  }

  /** A Delta table, at its latest version or the one asked for. */
  readDelta(path: string, options: ReadDeltaOptions = {}): DataFrame {
    let reader = this.spark.read.format("delta");
    if (options.version !== undefined) reader = reader.option("versionAsOf", options.version);
    if (options.timestamp !== undefined) reader = reader.option("timestampAsOf", options.timestamp);
    return reader.load(path);
  }
}
