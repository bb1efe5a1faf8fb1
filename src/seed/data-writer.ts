/**
 * The seed's `DataWriter`, as a thin wrapper over `df.write.format("delta")`. The mode
 * defaults to "overwrite", as the seed's does.
 *
 * @example
 * ```ts
 * await DataWriter.writeDelta(clean, "lake/flights", { partitionBy: ["date"], options: { mergeSchema: true } });
 * ```
 */
import type { DataFrame } from "../dataframe/dataframe.js";
import type { OptionValue } from "../dataframe/options.js";
import type { WriteResult } from "../engine/engine.js";

export interface WriteDeltaOptions {
  /** `overwrite` (default), `append`, `error`, `ignore`. */
  readonly mode?: string;
  readonly partitionBy?: readonly string[];
  readonly options?: Readonly<Record<string, OptionValue>>;
}

// biome-ignore lint/complexity/noStaticOnlyClass: the seed calls DataWriter.writeDelta(...) statically.
export class DataWriter {
  /** Writes `df` as a Delta table at `path` in one commit. */
  static async writeDelta(
    df: DataFrame,
    path: string,
    options: WriteDeltaOptions = {},
  ): Promise<WriteResult> {
    let writer = df.write.format("delta").mode(options.mode ?? "overwrite");
    if (options.partitionBy !== undefined && options.partitionBy.length > 0)
      writer = writer.partitionBy(...options.partitionBy);
    return writer.options(options.options ?? {}).save(path);
  }
}
