/**
 * Optimized writes and auto compaction, with delta-spark's names:
 * - optimized writes (`optimizeWrite` write option, `spark.databricks.delta.optimizeWrite.enabled`,
 *   table property `delta.autoOptimize.optimizeWrite`, first set wins) write files of about
 *   `delta.targetFileSize` (128 MB) and, per partition, as few as that allows. Unlike
 *   delta-spark they are on unless turned off: on DuckDB they cost no shuffle.
 * - auto compaction (`spark.databricks.delta.autoCompact.enabled`, else table property
 *   `delta.autoOptimize.autoCompact`) runs after a blind append: each partition it wrote that
 *   holds at least `autoCompact.minNumFiles` (50) files smaller than `autoCompact.minFileSize`
 *   (half of `autoCompact.maxFileSize`, 128 MB) has them bin-packed as OPTIMIZE does, in a
 *   second commit whose operation is OPTIMIZE with `auto: true`.
 */
import { parseBoolean, parseByteSize } from "../../config/index.js";
import type { AddFile } from "../actions/types.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import type { TableCommandContext } from "./common.js";
import { type OptimizeResult, optimizeTable } from "./optimize.js";

const MB = 1024 * 1024;

/** delta-spark's value for a target file size: 128 MB. */
export const DEFAULT_TARGET_FILE_SIZE = 128 * MB;

type Conf = Readonly<Record<string, string>>;

/** `delta.autoOptimize.autoCompact` also takes delta-spark's `auto` and `legacy` (both on). */
export function autoCompactValue(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  if (lower === "true" || lower === "auto" || lower === "legacy") return true;
  if (lower === "false") return false;
  return undefined;
}

/** The target size of a write's files, or undefined when optimized writes are off. */
export function optimizeWriteTarget(
  writeOption: string | undefined,
  sessionConf: Conf,
  table: Conf,
): number | undefined {
  const sessionKey = "spark.databricks.delta.optimizeWrite.enabled";
  const tableKey = "delta.autoOptimize.optimizeWrite";
  const [key, value] =
    writeOption !== undefined
      ? ["optimizeWrite", writeOption]
      : sessionConf[sessionKey] !== undefined
        ? [sessionKey, sessionConf[sessionKey]]
        : [tableKey, table[tableKey] ?? "true"];
  if (!parseBoolean(key, value ?? "true")) return undefined;
  const size = table["delta.targetFileSize"];
  return size === undefined
    ? DEFAULT_TARGET_FILE_SIZE
    : parseByteSize("delta.targetFileSize", size, "b");
}

export interface AutoCompactSettings {
  readonly minNumFiles: number;
  readonly minFileSize: number;
  readonly maxFileSize: number;
}

/** Auto compaction's thresholds, or undefined when it is off for this table and session. */
export function autoCompactSettings(
  sessionConf: Conf,
  table: Conf,
): AutoCompactSettings | undefined {
  const sessionKey = "spark.databricks.delta.autoCompact.enabled";
  const session = sessionConf[sessionKey];
  const enabled =
    session !== undefined
      ? (autoCompactValue(session) ?? parseBoolean(sessionKey, session))
      : autoCompactValue(table["delta.autoOptimize.autoCompact"] ?? "false") === true;
  if (!enabled) return undefined;
  const size = (key: string, fallback: number): number => {
    const v = sessionConf[`spark.databricks.delta.autoCompact.${key}`];
    return v === undefined
      ? fallback
      : parseByteSize(`spark.databricks.delta.autoCompact.${key}`, v, "b");
  };
  const maxFileSize = size("maxFileSize", 128 * MB);
  const minNumFiles = Number(sessionConf["spark.databricks.delta.autoCompact.minNumFiles"] ?? 50);
  return {
    minNumFiles: Number.isInteger(minNumFiles) && minNumFiles > 0 ? minNumFiles : 50,
    minFileSize: size("minFileSize", Math.floor(maxFileSize / 2)),
    maxFileSize,
  };
}

const partitionKey = (columns: readonly string[], f: Pick<AddFile, "partitionValues">): string =>
  JSON.stringify(columns.map((c) => f.partitionValues[c] ?? null));

/**
 * Compacts the small files of the partitions a write touched, when there are enough of them.
 * Returns undefined when there was nothing to do.
 */
export async function autoCompact(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  written: readonly Pick<AddFile, "partitionValues">[],
  settings: AutoCompactSettings,
): Promise<OptimizeResult | undefined> {
  const columns = snapshot.partitionColumns;
  const touched = new Set(written.map((f) => partitionKey(columns, f)));
  const byPartition = new Map<string, AddFile[]>();
  for (const f of snapshot.files()) {
    const key = partitionKey(columns, f);
    if (f.size >= settings.minFileSize || !touched.has(key)) continue;
    byPartition.set(key, [...(byPartition.get(key) ?? []), f]);
  }
  // As delta-spark: a partition is compacted once it holds minNumFiles small files.
  const small = [...byPartition.values()].filter((g) => g.length >= settings.minNumFiles).flat();
  if (small.length === 0) return undefined;
  const result = await optimizeTable(ctx, snapshot, undefined, undefined, {
    candidates: small,
    minFileSize: settings.minFileSize,
    maxFileSize: settings.maxFileSize,
    auto: true,
  });
  return result.version === undefined ? undefined : result;
}
