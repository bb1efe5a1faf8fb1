/**
 * Odds and ends: ids, uuids, type names, partition ids, bit counts. Arities are Spark 4.0.1's,
 * checked with PySpark.
 */
import { type FunctionSpec, scalar } from "./spec.js";

export const miscSpecs = {
  monotonically_increasing_id: scalar(0, 0, "long", []),
  uuid: scalar(0, 1, "string", ["any"]),
  typeof: scalar(1, 1, "string", ["any"], "expression"),
  spark_partition_id: scalar(0, 0, "integer", []),
  bitwise_not: scalar(1, 1, "input", ["integral"]),
  bit_count: scalar(1, 1, "integer", ["any"], "expression"),
} satisfies Record<string, FunctionSpec>;
