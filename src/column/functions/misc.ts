/** Ids, uuids, type names, and the broadcast hint. */
import type { Column } from "../column.js";
import { fnNodes } from "./call.js";

/** Unique, increasing 64-bit ids (not Spark's exact partition-based bit layout). */
export function monotonically_increasing_id(): Column {
  return fnNodes("monotonically_increasing_id", []);
}
export function uuid(): Column {
  return fnNodes("uuid", []);
}
export function spark_partition_id(): Column {
  return fnNodes("spark_partition_id", []);
}
/** A join hint: on the embedded engine every join is planned by DuckDB, so this returns its input. */
export function broadcast<T>(df: T): T {
  return df;
}
