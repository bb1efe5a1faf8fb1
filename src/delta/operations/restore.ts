/**
 * RESTORE, as delta-spark's RestoreTableCommand: one commit that removes the files live now
 * but not in the target version, re-adds the target's files missing now (both with
 * `dataChange=true`) and restores the target's metadata (schema, partitioning, properties);
 * the protocol is never downgraded. Re-added files must still exist: a version whose files
 * were vacuumed cannot be restored (unless `spark.sql.files.ignoreMissingFiles` is true).
 *
 * @example
 * ```ts
 * const metrics = await restoreTable(ctx, latest, { version: 3 });
 * metrics.numRestoredFiles;
 * ```
 */
import { confBoolean } from "../../config/boolean.js";
import { DeltaError } from "../../errors.js";
import type { Action, AddFile, Protocol } from "../actions/types.js";
import { fileKey } from "../snapshot/replay.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import { parseTimestampOption } from "../snapshot/timestamps.js";
import {
  bytesOf,
  commitCommand,
  filePaths,
  footprint,
  loadTable,
  requireModifiable,
  type TableCommandContext,
} from "./common.js";
import { removeOf } from "./rewrite.js";

export type RestoreTarget =
  | { readonly version: number }
  | { readonly timestamp: string | number | Date };

/** delta-spark's RESTORE metrics (also the columns of the DataFrame `restoreToVersion` returns). */
export interface RestoreMetrics {
  readonly version: number;
  readonly tableSizeAfterRestore: number;
  readonly numOfFilesAfterRestore: number;
  readonly numRemovedFiles: number;
  readonly numRestoredFiles: number;
  readonly removedFilesSize: number;
  readonly restoredFilesSize: number;
}

function maxProtocol(a: Protocol, b: Protocol): Protocol {
  const reader = Math.max(a.minReaderVersion, b.minReaderVersion);
  const writer = Math.max(a.minWriterVersion, b.minWriterVersion);
  const readerFeatures = [...new Set([...(a.readerFeatures ?? []), ...(b.readerFeatures ?? [])])];
  const writerFeatures = [...new Set([...(a.writerFeatures ?? []), ...(b.writerFeatures ?? [])])];
  return {
    minReaderVersion: reader,
    minWriterVersion: writer,
    ...(reader >= 3 ? { readerFeatures } : {}),
    ...(writer >= 7 ? { writerFeatures } : {}),
  };
}

function timestampText(t: string | number | Date): string {
  return t instanceof Date
    ? t.toISOString()
    : typeof t === "number"
      ? new Date(t).toISOString()
      : t;
}

function sameProtocol(a: Protocol, b: Protocol): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function missingFiles(
  ctx: TableCommandContext,
  tablePath: string,
  files: readonly AddFile[],
): Promise<string[]> {
  const missing: string[] = [];
  for (const [i, path] of filePaths(tablePath, files).entries()) {
    if ((await ctx.engine.delta.storage.stat(path)) === undefined)
      missing.push(files[i]?.path ?? path);
  }
  return missing;
}

/** Restores the table read as `latest` to an earlier version or timestamp. */
export async function restoreTable(
  ctx: TableCommandContext,
  latest: Snapshot,
  target: RestoreTarget,
): Promise<RestoreMetrics> {
  requireModifiable(latest, false);
  if ("version" in target && (!Number.isInteger(target.version) || target.version < 0)) {
    throw new DeltaError(
      "DELTA_VERSION_NOT_FOUND",
      `Cannot restore Delta table to version ${target.version}: a version is a non-negative integer.`,
    );
  }
  const options =
    "version" in target
      ? { version: target.version }
      : { timestamp: parseTimestampOption(target.timestamp) };
  const old = await loadTable(ctx.engine, latest.tablePath, options);
  const current = new Map(latest.files().map((f) => [fileKey(f.path, f.deletionVector), f]));
  const wanted = new Map(old.files().map((f) => [fileKey(f.path, f.deletionVector), f]));
  const toAdd = [...wanted]
    .filter(([k]) => !current.has(k))
    .map(([, f]) => ({ ...f, dataChange: true }));
  const toRemove = [...current].filter(([k]) => !wanted.has(k)).map(([, f]) => f);
  // Restoring only re-adds files on an append-only table; removing needs it writable.
  if (toRemove.length > 0) requireModifiable(latest, true);
  if (!confBoolean(ctx.conf, "spark.sql.files.ignoreMissingFiles", false)) {
    const missing = await missingFiles(ctx, latest.tablePath, toAdd);
    if (missing.length > 0) {
      throw new DeltaError(
        "DELTA_RESTORE_MISSING_FILES",
        `Not all files from version ${old.version} are available in file system.\n Missed files (top 100 files): ${missing.slice(0, 100).join(",")}.\n Please use more recent version or timestamp for restoring.\n To disable check update option spark.sql.files.ignoreMissingFiles`,
        {
          hint: "VACUUM deleted data files of that version; restore a more recent one.",
          context: { version: old.version, missing: missing.length },
        },
      );
    }
  }
  const now = Date.now();
  const actions: Action[] = [];
  const protocol = maxProtocol(latest.protocol, old.protocol);
  if (!sameProtocol(protocol, latest.protocol)) actions.push({ protocol });
  const metadataChanged = JSON.stringify(old.metadata) !== JSON.stringify(latest.metadata);
  if (metadataChanged) actions.push({ metaData: old.metadata });
  actions.push(...toRemove.map((f) => removeOf(f, now)), ...toAdd.map((add) => ({ add })));
  const metrics = {
    tableSizeAfterRestore: old.sizeInBytes(),
    numOfFilesAfterRestore: old.files().length,
    numRemovedFiles: toRemove.length,
    numRestoredFiles: toAdd.length,
    removedFilesSize: bytesOf(toRemove),
    restoredFilesSize: bytesOf(toAdd),
  };
  const version = await commitCommand(ctx, latest, actions, [], {
    operation: "RESTORE",
    parameters: {
      version: "version" in target ? old.version : null,
      timestamp: "timestamp" in target ? timestampText(target.timestamp) : null,
    },
    metrics,
    footprint: footprint({
      readWholeTable: true,
      removedFiles: new Set(toRemove.map((f) => f.path)),
      changesMetadata: metadataChanged,
    }),
  });
  return { version, ...metrics };
}
