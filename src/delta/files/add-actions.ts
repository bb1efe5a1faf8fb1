/** WrittenFiles from the engine -> `add` actions with protocol-exact partition values and stats. */
import type { WrittenFile } from "../../engine/engine.js";
import { StructType } from "../../types/data-types.js";
import type { AddFile } from "../actions/types.js";
import { columnMappingMode, physicalName, physicalSchema } from "../schema/column-mapping.js";
import { serializePartitionValue } from "./partition-values.js";
import { toAddPath } from "./paths.js";
import { buildStats } from "./stats.js";

export function addActions(
  tablePath: string,
  files: readonly WrittenFile[],
  schema: StructType,
  partitionColumns: readonly string[],
  configuration: Readonly<Record<string, string>>,
  dataChange = true,
): AddFile[] {
  const isPartition = (n: string): boolean =>
    partitionColumns.some((p) => p.toLowerCase() === n.toLowerCase());
  // Under column mapping, partition values and statistics are keyed by physical names.
  const mode = columnMappingMode(configuration);
  const dataSchema = physicalSchema(
    new StructType(schema.fields.filter((f) => !isPartition(f.name))),
    mode,
  );
  const indexed = Number(configuration["delta.dataSkippingNumIndexedCols"] ?? "32");
  const now = Date.now();
  return files.map((f) => {
    const partitionValues: Record<string, string | null> = {};
    for (const p of partitionColumns) {
      const field = schema.field(p);
      const stored = field === undefined ? p : physicalName(field, mode);
      const key = Object.keys(f.partitionValues).find(
        (k) => k.toLowerCase() === stored.toLowerCase(),
      );
      const raw = key === undefined ? null : (f.partitionValues[key] ?? null);
      partitionValues[field === undefined ? p : stored] =
        field === undefined ? raw : serializePartitionValue(raw, field.dataType);
    }
    return {
      path: toAddPath(tablePath, f.path),
      partitionValues,
      size: f.bytes,
      modificationTime: now,
      dataChange,
      stats: buildStats(f.rows, dataSchema, f.stats, Number.isInteger(indexed) ? indexed : 32),
    };
  });
}
