/**
 * Checkpoints and log cleanup after a commit. Every `delta.checkpointInterval` commits
 * (default 10) the state is written as a classic Parquet checkpoint (a v2 checkpoint on tables
 * with the `v2Checkpoint` feature, see v2.ts) and `_last_checkpoint` points at it; log files older than `delta.logRetentionDuration` (default 30 days) that lie
 * before a checkpoint are deleted, as delta-spark does.
 */
import { parseDuration, sparkBoolean } from "../../config/index.js";
import { joinLocation } from "../../storage/location.js";
import type { Action } from "../actions/types.js";
import type { DeltaEngine } from "../engine.js";
import { checkpointName, LAST_CHECKPOINT, logDir, parseLogName } from "../log/files.js";
import { Snapshot } from "../snapshot/snapshot.js";
import { writerFeatures } from "../table-features/registry.js";
import { writeV2Checkpoint } from "./v2.js";

const DAY = 86_400_000;

export function checkpointInterval(conf: Readonly<Record<string, string>>): number {
  const n = Number(conf["delta.checkpointInterval"] ?? "10");
  return Number.isInteger(n) && n > 0 ? n : 10;
}

/** Writes the checkpoint of `version` and `_last_checkpoint`. */
export async function writeCheckpoint(
  engine: DeltaEngine,
  tablePath: string,
  version: number,
): Promise<void> {
  const snapshot = await Snapshot.load(engine, tablePath, { version });
  const retention = durationMs(
    snapshot.configuration["delta.deletedFileRetentionDuration"],
    7 * DAY,
  );
  const cutoff = Date.now() - retention;
  const actions: Action[] = [{ protocol: snapshot.protocol }, { metaData: snapshot.metadata }];
  for (const txn of snapshot.txns()) actions.push({ txn });
  for (const d of snapshot.domains.values()) actions.push({ domainMetadata: d });
  for (const add of snapshot.files()) actions.push({ add: { ...add, dataChange: false } });
  for (const remove of snapshot.tombstones()) {
    if ((remove.deletionTimestamp ?? 0) > cutoff)
      actions.push({ remove: { ...remove, dataChange: false } });
  }
  const last = writerFeatures(snapshot.protocol).includes("v2Checkpoint")
    ? (await writeV2Checkpoint(engine, tablePath, version, actions)).last
    : await writeClassicCheckpoint(engine, tablePath, version, actions, snapshot.files().length);
  await engine.storage.put(joinLocation(logDir(tablePath), LAST_CHECKPOINT), JSON.stringify(last));
  if (sparkBoolean(snapshot.configuration["delta.enableExpiredLogCleanup"] ?? "true") !== false) {
    await cleanupLog(
      engine,
      tablePath,
      version,
      durationMs(snapshot.configuration["delta.logRetentionDuration"], 30 * DAY),
    );
  }
}

async function writeClassicCheckpoint(
  engine: DeltaEngine,
  tablePath: string,
  version: number,
  actions: readonly Action[],
  numOfAddFiles: number,
): Promise<Record<string, unknown>> {
  const path = joinLocation(logDir(tablePath), checkpointName(version));
  const { sizeInBytes } = await engine.writeCheckpoint(path, actions);
  return { version, size: actions.length, sizeInBytes, numOfAddFiles };
}

function durationMs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  return parseDuration("delta table property", value, "ms");
}

/**
 * Deletes commits and checkpoints older than the retention, keeping everything from the
 * newest checkpoint that is itself past the cutoff (so every retained version stays readable).
 */
export async function cleanupLog(
  engine: DeltaEngine,
  tablePath: string,
  newestCheckpoint: number,
  retentionMs: number,
): Promise<number> {
  const cutoff = Date.now() - retentionMs;
  const entries = await engine.storage.list(logDir(tablePath));
  let keepFrom = -1;
  for (const e of entries) {
    const f = parseLogName(e.name);
    const isCheckpoint = f?.type === "checkpoint" || f?.type === "v2checkpoint";
    if (isCheckpoint && f.version <= newestCheckpoint && e.modificationTime <= cutoff)
      keepFrom = Math.max(keepFrom, f.version);
  }
  if (keepFrom <= 0) return 0;
  const doomed = entries.filter((e) => {
    const f = parseLogName(e.name);
    return f !== undefined && f.version < keepFrom && e.modificationTime <= cutoff;
  });
  await engine.storage.delete(doomed.map((e) => e.location));
  return doomed.length;
}
