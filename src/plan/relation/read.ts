import type { StructType } from "../../types/data-types.js";
import { nextPlanId } from "../plan-id.js";

/**
 * A data source: `format` (csv, parquet, json, delta...), the paths as given, an optional
 * user schema, and the reader options with Spark's names (keys compared case-insensitively).
 * `streaming` marks `spark.readStream` sources (Spark Connect's `Read.is_streaming`): only a
 * streaming query may run them, one micro-batch of files at a time.
 */
export interface ReadNode {
  readonly kind: "read";
  readonly planId: number;
  readonly format: string;
  readonly paths: readonly string[];
  readonly schema: StructType | undefined;
  readonly options: Readonly<Record<string, string>>;
  readonly streaming?: true;
}

export const ReadNode = {
  create(
    format: string,
    paths: readonly string[],
    options: Readonly<Record<string, string>>,
    schema?: StructType,
    streaming = false,
  ): ReadNode {
    return Object.freeze({
      kind: "read",
      planId: nextPlanId(),
      format: format.toLowerCase(),
      paths: Object.freeze([...paths]),
      schema,
      options: Object.freeze({ ...options }),
      ...(streaming ? { streaming: true as const } : {}),
    });
  },
};
