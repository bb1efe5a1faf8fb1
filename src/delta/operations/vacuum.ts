/**
 * VACUUM, as delta-spark's VacuumCommand: deletes the files under the table directory that
 * the current snapshot does not reference (neither live nor a tombstone younger than the
 * retention) and that were last modified before the retention, then the directories left
 * empty. `_delta_log` and hidden (`.x`, `_x`) directories and files are never touched,
 * except partition directories of a column whose name starts with `_` and `_change_data`
 * (change data files, never referenced by a snapshot, go once past the retention). The retention is
 * `delta.deletedFileRetentionDuration` (7 days) unless given; less than that is refused
 * while `spark.databricks.delta.retentionDurationCheck.enabled` is true. A run is recorded
 * as two empty commits, "VACUUM START" and "VACUUM END" (delta-spark 2.3+); a dry run only
 * lists what it would delete.
 *
 * @example
 * ```ts
 * const { files } = await vacuumTable(ctx, snapshot, { retentionHours: 240, dryRun: true });
 * ```
 */

import { confBoolean } from "../../config/boolean.js";
import { parseDuration } from "../../config/index.js";
import { DeltaError } from "../../errors.js";
import { parentLocation, relativeLocation } from "../../storage/location.js";
import type { StorageEntry } from "../../storage/storage.js";
import type { DeletionVectorDescriptor } from "../actions/types.js";
import { deletionVectorLocation } from "../deletion-vectors/descriptor.js";
import { resolveAddPath } from "../files/paths.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import { CHANGE_DATA_DIR } from "./change-data.js";
import { commitCommand, footprint, requireModifiable, type TableCommandContext } from "./common.js";

const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;

export interface VacuumOptions {
  /** Keep files modified within this many hours; default: the table's deleted-file retention. */
  readonly retentionHours?: number;
  readonly dryRun?: boolean;
}

export interface VacuumResult {
  readonly path: string;
  readonly dryRun: boolean;
  /** Absolute paths deleted (or, in a dry run, that would be), files then directories. */
  readonly files: readonly string[];
  readonly numDeletedFiles: number;
  readonly numVacuumedDirectories: number;
  readonly sizeOfDataToDelete: number;
}

/** `delta.deletedFileRetentionDuration` in ms (default one week). */
export function tableRetentionMs(snapshot: Snapshot): number {
  const v = snapshot.configuration["delta.deletedFileRetentionDuration"];
  return v === undefined ? WEEK : parseDuration("delta.deletedFileRetentionDuration", v, "ms");
}

function checkRetention(
  ctx: TableCommandContext,
  retentionMs: number | undefined,
  configured: number,
): void {
  if (retentionMs !== undefined && retentionMs < 0) {
    throw new DeltaError(
      "DELTA_VACUUM_RETENTION_INVALID",
      "requirement failed: Retention for Vacuum can't be less than 0.",
      { hint: "Pass a retention of zero hours or more." },
    );
  }
  const enabled = confBoolean(
    ctx.conf,
    "spark.databricks.delta.retentionDurationCheck.enabled",
    true,
  );
  if (!enabled || retentionMs === undefined || retentionMs >= configured) return;
  const hours = Math.ceil(configured / HOUR);
  throw new DeltaError(
    "DELTA_VACUUM_RETENTION_TOO_SHORT",
    "requirement failed: Are you sure you would like to vacuum files with such a low retention period? If you have\n" +
      "writers that are currently writing to this table, there is a risk that you may corrupt the\n" +
      "state of your Delta table.\n\n" +
      "If you are certain that there are no operations being performed on this table, such as\n" +
      "insert/upsert/delete/optimize, then you may turn off this check by setting:\n" +
      "spark.databricks.delta.retentionDurationCheck.enabled = false\n\n" +
      `If you are not sure, please use a value not less than "${hours} hours".\n`,
    {
      hint: `Retain at least ${hours} hours, or set spark.databricks.delta.retentionDurationCheck.enabled=false when no other writer is active.`,
      context: { retentionMs, configuredMs: configured },
    },
  );
}

/**
 * Hidden as delta-spark's DeltaTableUtils.isHiddenDirectory: `.x`, `_x`, but not `_col=value`
 * partitions, nor `_change_data` (change data files are never live: past the retention, they go).
 */
function isHidden(name: string, partitionColumns: readonly string[]): boolean {
  if (name.startsWith(".")) return true;
  return (
    name.startsWith("_") &&
    !name.startsWith(CHANGE_DATA_DIR) &&
    !partitionColumns.some((p) => name.startsWith(`${p}=`))
  );
}

interface Listing {
  readonly files: StorageEntry[];
  /** Directories under the root holding at least one listed file (the only ones storage shows us). */
  readonly dirs: Set<string>;
}

async function listTable(ctx: TableCommandContext, snapshot: Snapshot): Promise<Listing> {
  const root = snapshot.tablePath;
  const files: StorageEntry[] = [];
  const dirs = new Set<string>();
  for (const entry of await ctx.engine.delta.storage.list(root, { recursive: true })) {
    const parts = relativeLocation(root, entry.location).split("/");
    if (parts.some((p) => p === ".." || isHidden(p, snapshot.partitionColumns))) continue;
    files.push(entry);
    for (
      let d = parentLocation(entry.location);
      d.length > root.length && relativeLocation(root, d) !== "";
      d = parentLocation(d)
    )
      dirs.add(d);
  }
  return { files, dirs };
}

/** Files the snapshot still needs: live files and tombstones younger than the cutoff. */
function validFiles(snapshot: Snapshot, cutoff: number): Set<string> {
  const valid = new Set<string>();
  // A deletion vector stored in a file (`u`) lives beside the data: keep those still referenced.
  const keep = (path: string, dv: DeletionVectorDescriptor | null | undefined): void => {
    valid.add(resolveAddPath(snapshot.tablePath, path));
    if (dv?.storageType === "u") {
      const location = deletionVectorLocation(snapshot.tablePath, dv);
      if (location !== undefined) valid.add(location);
    }
  };
  for (const f of snapshot.files()) keep(f.path, f.deletionVector);
  for (const r of snapshot.tombstones()) {
    if ((r.deletionTimestamp ?? 0) >= cutoff) keep(r.path, r.deletionVector);
  }
  return valid;
}

/** Vacuums the table of `snapshot` (its latest version). */
export async function vacuumTable(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  options: VacuumOptions = {},
): Promise<VacuumResult> {
  requireModifiable(snapshot, false);
  const configured = tableRetentionMs(snapshot);
  const specified =
    options.retentionHours === undefined ? undefined : Math.round(options.retentionHours) * HOUR;
  checkRetention(ctx, specified, configured);
  const cutoff = Date.now() - (specified ?? configured);
  const valid = validFiles(snapshot, cutoff);
  const { files, dirs } = await listTable(ctx, snapshot);
  const doomed = files.filter((f) => f.modificationTime < cutoff && !valid.has(f.location));
  const doomedPaths = new Set(doomed.map((f) => f.location));
  const keptDirs = new Set<string>();
  for (const f of files) {
    if (doomedPaths.has(f.location)) continue;
    for (let d = parentLocation(f.location); dirs.has(d); d = parentLocation(d)) keptDirs.add(d);
  }
  const emptied = [...dirs].filter((d) => !keptDirs.has(d)).sort((a, b) => b.length - a.length);
  const size = doomed.reduce((n, f) => n + f.size, 0);
  const listed = [...doomed.map((f) => f.location), ...emptied];
  const numVacuumedDirectories = dirs.size + 1;
  if (options.dryRun === true) {
    return {
      path: snapshot.tablePath,
      dryRun: true,
      files: listed,
      numDeletedFiles: 0,
      numVacuumedDirectories,
      sizeOfDataToDelete: size,
    };
  }
  const parameters: Record<string, unknown> = {
    retentionCheckEnabled: confBoolean(
      ctx.conf,
      "spark.databricks.delta.retentionDurationCheck.enabled",
      true,
    ),
    ...(specified === undefined ? {} : { specifiedRetentionMillis: specified }),
    defaultRetentionMillis: configured,
  };
  const logged = confBoolean(ctx.conf, "spark.databricks.delta.vacuum.logging.enabled", true);
  let startVersion = snapshot.version;
  if (logged) {
    startVersion = await commitCommand(ctx, snapshot, [], [], {
      operation: "VACUUM START",
      parameters,
      metrics: { numFilesToDelete: listed.length, sizeOfDataToDelete: size },
      footprint: footprint({}),
      isBlindAppend: true,
    });
  }
  let deleted = 0;
  try {
    await ctx.engine.delta.storage.delete(doomed.map((f) => f.location));
    deleted += doomed.length;
    for (const d of emptied)
      if ((await ctx.engine.delta.storage.deleteEmptyDir?.(d)) === true) deleted++;
  } catch (e) {
    if (logged) await logEnd(ctx, snapshot, startVersion, "FAILED", undefined);
    throw e;
  }
  if (logged)
    await logEnd(ctx, snapshot, startVersion, "COMPLETED", {
      numDeletedFiles: deleted,
      numVacuumedDirectories,
    });
  return {
    path: snapshot.tablePath,
    dryRun: false,
    files: listed,
    numDeletedFiles: deleted,
    numVacuumedDirectories,
    sizeOfDataToDelete: size,
  };
}

async function logEnd(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  startVersion: number,
  status: "COMPLETED" | "FAILED",
  metrics: Record<string, number> | undefined,
): Promise<void> {
  const base = {
    tablePath: snapshot.tablePath,
    version: startVersion,
    configuration: snapshot.configuration,
  };
  await commitCommand(ctx, base, [], [], {
    operation: "VACUUM END",
    parameters: { status },
    metrics: metrics ?? {},
    footprint: footprint({}),
    isBlindAppend: true,
  });
}
