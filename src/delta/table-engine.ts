/**
 * What table operations (write, delete, update, merge, optimize) need from the engine that
 * holds the data: schemas and rows of plans, and Parquet data files written from a plan.
 */
import type { ReadMetrics, Row, WrittenFile } from "../engine/engine.js";
import type { RelationNode } from "../plan/node.js";
import type { StructType } from "../types/data-types.js";
import type { DeltaEngine } from "./engine.js";

export interface DataFileOptions {
  readonly partitionBy: readonly string[];
  readonly maxRecordsPerFile: number | undefined;
  /** Parquet codec: snappy (default, as delta-spark), zstd, gzip, uncompressed. */
  readonly compression: string;
  /** Write one file per partition (no per-thread files): OPTIMIZE's compaction needs it. */
  readonly singleFile?: boolean;
  /**
   * Column mapping: the plan's columns (logical names) are written under the physical names
   * of the same fields, nested ones too, with their Parquet field ids; `partitionBy` stays
   * logical. The two schemas have the same shape (see schema/column-mapping.ts).
   */
  readonly columnMapping?: { readonly logical: StructType; readonly physical: StructType };
  /**
   * Right-sized files (optimized writes): files of about this many bytes, and per partition
   * as few as that allows, whatever the memory limit. Undefined: the engine's own layout
   * (per-thread files, partitions flushed as memory requires).
   */
  readonly targetFileSize?: number;
}

export interface DeltaTableEngine {
  readonly delta: DeltaEngine;
  schema(plan: RelationNode): Promise<StructType>;
  collect(plan: RelationNode): Promise<Row[]>;
  writeDeltaFiles(
    plan: RelationNode,
    tablePath: string,
    options: DataFileOptions,
  ): Promise<{ files: WrittenFile[]; readMetrics: ReadMetrics[] }>;
}

/** Whether an engine runs Delta table operations natively (the embedded engine does). */
export function isDeltaTableEngine(engine: object): engine is DeltaTableEngine {
  return "delta" in engine && "writeDeltaFiles" in engine;
}
