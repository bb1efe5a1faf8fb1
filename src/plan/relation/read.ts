import type { StructType } from "../../types/data-types.js";
import { nextPlanId } from "../plan-id.js";

/** The column a `DeltaFileScan` with `withFile` adds: each row's `add.path`. */
export const FILE_COLUMN = "__tributary_file";
/** The column a `DeltaFileScan` with `withRowIndex` adds: each row's position in its file. */
export const ROW_INDEX_COLUMN = "__tributary_row";

/**
 * A Delta table operation's scan of some files of one snapshot (a DELETE, UPDATE, MERGE or
 * OPTIMIZE reading the files it rewrites). Only the embedded engine's kernel-backed reader
 * plans such scans; on Spark, delta-spark runs the operations itself.
 */
export interface DeltaFileScan {
  /** The `add.path`s to read; files no longer in the snapshot are ignored. */
  readonly files: readonly string[];
  /** Add `FILE_COLUMN`. */
  readonly withFile: boolean;
  /** Add `ROW_INDEX_COLUMN` (deletion vectors mark rows by it). */
  readonly withRowIndex: boolean;
}

/**
 * A data source: `format` (csv, parquet, json, delta...), the paths as given, an optional
 * user schema, and the reader options with Spark's names (keys compared case-insensitively).
 * `streaming` marks `spark.readStream` sources (Spark Connect's `Read.is_streaming`): only a
 * streaming query may run them, one micro-batch of files at a time.
 * `deltaFiles` narrows a Delta read to some files of the snapshot (table operations only).
 */
export interface ReadNode {
  readonly kind: "read";
  readonly planId: number;
  readonly format: string;
  readonly paths: readonly string[];
  readonly schema: StructType | undefined;
  readonly options: Readonly<Record<string, string>>;
  readonly streaming?: true;
  readonly deltaFiles?: DeltaFileScan;
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

  /** A read of some files of a Delta table at `version`. */
  deltaFiles(tableLocation: string, version: number, scan: DeltaFileScan): ReadNode {
    return Object.freeze({
      ...ReadNode.create("delta", [tableLocation], { versionAsOf: String(version) }),
      deltaFiles: Object.freeze({ ...scan, files: Object.freeze([...scan.files]) }),
    });
  },
};
