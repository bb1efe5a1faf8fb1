/**
 * A log segment: the files that make up a snapshot at one version — the newest complete
 * checkpoint at or below it, plus the commits after it. `_last_checkpoint` is only a hint
 * (where the listing starts): the listing decides, and a checkpoint whose parts are not all
 * present is skipped.
 */
import { DeltaError } from "../../errors.js";
import { joinLocation } from "../../storage/location.js";
import type { Storage, StorageEntry } from "../../storage/storage.js";
import { LAST_CHECKPOINT, logDir, parseLogName } from "./files.js";

export interface CommitFile {
  readonly version: number;
  readonly path: string;
  readonly modificationTime: number;
}

export interface CheckpointFiles {
  readonly version: number;
  readonly paths: readonly string[];
}

export interface LogSegment {
  readonly tablePath: string;
  readonly version: number;
  readonly checkpoint: CheckpointFiles | undefined;
  /** Commits after the checkpoint, ascending, contiguous up to `version`. */
  readonly commits: readonly CommitFile[];
  /** Every commit file present (for history and timestamp resolution). */
  readonly allCommits: readonly CommitFile[];
  /** The oldest version this log can still rebuild. */
  readonly earliestVersion: number;
}

export interface LastCheckpointHint {
  readonly version: number;
  readonly size?: number;
  readonly parts?: number;
}

/** Reads `_last_checkpoint`, or undefined when absent or unreadable (it is only a hint). */
export async function readLastCheckpoint(
  storage: Storage,
  tablePath: string,
): Promise<LastCheckpointHint | undefined> {
  const data = await storage.readIfExists(joinLocation(logDir(tablePath), LAST_CHECKPOINT));
  if (data === undefined) return undefined;
  try {
    const parsed = JSON.parse(data.toString("utf8")) as { version?: unknown };
    return typeof parsed.version === "number" ? (parsed as LastCheckpointHint) : undefined;
  } catch {
    // A torn or garbled hint is not an error: the listing below finds the real checkpoints.
    return undefined;
  }
}

function completeCheckpoints(entries: readonly StorageEntry[]): Map<number, string[]> {
  const byKey = new Map<string, { parts: number; paths: Map<number, string> }>();
  for (const e of entries) {
    const f = parseLogName(e.name);
    if (f?.type === "v2checkpoint") {
      // One file, JSON or Parquet, whose sidecars the snapshot reads.
      byKey.set(`${f.version}/v2`, { parts: 1, paths: new Map([[1, e.location]]) });
      continue;
    }
    if (f?.type !== "checkpoint") continue;
    const key = `${f.version}/${f.parts}`;
    const group = byKey.get(key) ?? { parts: f.parts, paths: new Map<number, string>() };
    group.paths.set(f.part, e.location);
    byKey.set(key, group);
  }
  const out = new Map<number, string[]>();
  for (const [key, group] of byKey) {
    if (group.paths.size !== group.parts) continue;
    const version = Number(key.split("/")[0]);
    const paths = [...group.paths.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    out.set(version, paths);
  }
  return out;
}

/** How much of the log `buildLogSegment` lists. */
export interface SegmentOptions {
  /**
   * List every log file, not only those from the `_last_checkpoint` hint on: history and
   * timestamp resolution need every commit; a snapshot does not.
   */
  readonly full?: boolean;
}

/**
 * The log files a segment is built from. A big log is not listed whole: with a
 * `_last_checkpoint` hint at or below the wanted version, the listing starts at that
 * checkpoint (S3's StartAfter), and falls back to a full listing only when the hinted
 * checkpoint is not all there.
 */
async function listLog(
  storage: Storage,
  tablePath: string,
  version: number | undefined,
  full: boolean,
): Promise<StorageEntry[]> {
  const dir = logDir(tablePath);
  if (!full) {
    const hint = await readLastCheckpoint(storage, tablePath);
    if (
      hint !== undefined &&
      hint.version > 0 &&
      (version === undefined || version >= hint.version)
    ) {
      const from = joinLocation(dir, String(hint.version).padStart(20, "0"));
      const entries = await storage.list(dir, { startAfter: from });
      if (completeCheckpoints(entries).has(hint.version)) return entries;
    }
  }
  return storage.list(dir);
}

/** Lists the log and builds the segment for `version` (the latest when undefined). */
export async function buildLogSegment(
  storage: Storage,
  tablePath: string,
  version?: number,
  options: SegmentOptions = {},
): Promise<LogSegment> {
  const entries = await listLog(storage, tablePath, version, options.full === true);
  const commits: CommitFile[] = [];
  for (const e of entries) {
    const f = parseLogName(e.name);
    if (f?.type === "commit")
      commits.push({ version: f.version, path: e.location, modificationTime: e.modificationTime });
  }
  const checkpoints = completeCheckpoints(entries);
  if (commits.length === 0 && checkpoints.size === 0) {
    throw new DeltaError(
      "DELTA_TABLE_NOT_FOUND",
      `${tablePath} is not a Delta table: ${logDir(tablePath)} has no commits.`,
      {
        hint: "Check the path; a Delta table has a _delta_log directory with commit files.",
        context: { path: tablePath },
      },
    );
  }
  const latestCommit = commits.at(-1)?.version ?? -1;
  const latestCheckpoint = Math.max(-1, ...checkpoints.keys());
  const latest = Math.max(latestCommit, latestCheckpoint);
  const target = version ?? latest;
  if (target > latest || target < 0)
    throw versionNotFound(tablePath, target, earliestVersion(commits, checkpoints), latest);
  const candidates = [...checkpoints.keys()].filter((v) => v <= target).sort((a, b) => b - a);
  const cpVersion = candidates[0];
  const after = commits.filter((c) => c.version > (cpVersion ?? -1) && c.version <= target);
  const start = cpVersion === undefined ? 0 : cpVersion + 1;
  for (let i = 0; i < after.length; i++) {
    if (after[i]?.version !== start + i) {
      throw new DeltaError(
        "DELTA_VERSIONS_NOT_CONTIGUOUS",
        `The Delta log of ${tablePath} is missing commit ${start + i} (versions must be contiguous).`,
        {
          hint: "A commit file was deleted or not copied. Restore it, or read a version before the gap.",
          context: { path: tablePath, missing: start + i },
        },
      );
    }
  }
  if (cpVersion === undefined && start + after.length - 1 < target) {
    throw versionNotFound(tablePath, target, earliestVersion(commits, checkpoints), latest);
  }
  if (cpVersion === undefined && after[0]?.version !== 0) {
    throw versionNotFound(tablePath, target, earliestVersion(commits, checkpoints), latest);
  }
  return {
    tablePath,
    version: target,
    checkpoint:
      cpVersion === undefined
        ? undefined
        : { version: cpVersion, paths: checkpoints.get(cpVersion) ?? [] },
    commits: after,
    allCommits: commits,
    earliestVersion: earliestVersion(commits, checkpoints),
  };
}

/** The oldest version that can be rebuilt: 0 while commit 0 exists, else the oldest checkpoint. */
function earliestVersion(
  commits: readonly CommitFile[],
  checkpoints: ReadonlyMap<number, string[]>,
): number {
  if (commits[0]?.version === 0) return 0;
  const cp = Math.min(...checkpoints.keys());
  return Number.isFinite(cp) ? cp : (commits[0]?.version ?? 0);
}

export function versionNotFound(
  tablePath: string,
  version: number,
  earliest: number,
  latest: number,
): DeltaError {
  return new DeltaError(
    "DELTA_VERSION_NOT_FOUND",
    `Cannot time travel Delta table to version ${version}. Available versions: [${earliest}, ${latest}].`,
    {
      hint: `Use a version between ${earliest} and ${latest}.`,
      context: { path: tablePath, version, earliest, latest },
    },
  );
}
