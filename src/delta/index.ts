/**
 * Delta Lake: a kernel (snapshot, scan, transaction, checkpoints) that decides what to read
 * and write, and `DeltaTable`, delta-spark's table API, on the embedded engine.
 */

export type { Assignments, ConditionLike } from "../table/args.js";
export { type ColumnOptions, DeltaTableBuilder } from "../table/builder.js";
export { DeltaTable, type UpdateOptions } from "../table/delta-table.js";
export {
  DeltaMergeBuilder,
  type MergeInsertOptions,
  type MergeUpdateOptions,
} from "../table/merge-builder.js";
export { DeltaOptimizeBuilder } from "../table/optimize-builder.js";
export type { DeleteMetrics } from "./operations/delete.js";
export type { TableDetail } from "./operations/detail.js";
export type { HistoryEntry } from "./operations/history.js";
export type { MergeMetrics } from "./operations/merge/metrics.js";
export type { FileSizeStats, OptimizeMetrics } from "./operations/optimize.js";
export type { RestoreMetrics } from "./operations/restore.js";
export type { UpdateMetrics } from "./operations/update.js";
export type { VacuumResult } from "./operations/vacuum.js";
