/**
 * How far a file stream is behind, from its checkpoint alone (no running query): the files
 * in the source that no batch has taken yet, the oldest of them, and the last committed
 * batch. For alerts on a stuck stream (`tributary health <table> --backlog <checkpoint>`).
 *
 * @example
 * ```ts
 * const b = await streamBacklog("checkpoints/flights");
 * if (b.files > 0) console.log(`${b.files} file(s) waiting since ${b.oldestFile?.toISOString()}`);
 * ```
 */
import { storageFor } from "../storage/choose.js";
import { child } from "./checkpoint/batch-log.js";
import { Checkpoint } from "./checkpoint/checkpoint.js";
import { FileSourceLog } from "./checkpoint/file-source-log.js";
import { StreamingError } from "./errors.js";
import { entryUri } from "./sources/file-source.js";
import { listSourceFiles, sourceListing } from "./sources/listing.js";

export interface StreamBacklog {
  readonly checkpoint: string;
  readonly queryId: string;
  readonly source: string;
  /** Source files no batch has taken yet, and their bytes. */
  readonly files: number;
  readonly bytes: number;
  /** Modification time of the oldest waiting file. */
  readonly oldestFile: Date | null;
  /** The last batch committed, and when. */
  readonly lastBatchId: number | null;
  readonly lastCommit: Date | null;
}

/** The backlog of the file stream whose checkpoint is at `checkpoint`. */
export async function streamBacklog(
  checkpoint: string,
  conf: Readonly<Record<string, string>> = {},
): Promise<StreamBacklog> {
  const storage = storageFor(checkpoint, conf);
  const meta = await storage.readIfExists(child(checkpoint, "metadata"));
  const identity = await Checkpoint.identity(storage, checkpoint);
  if (meta === undefined || identity?.listing === undefined) {
    throw new StreamingError(
      "STREAMING_CHECKPOINT_MISMATCH",
      `${checkpoint} is not the checkpoint of a tributary file stream (no metadata or no recorded source).`,
      {
        hint: "Pass the checkpointLocation a file-source query was started with (a run records its source there).",
      },
    );
  }
  const cp = await Checkpoint.open(storage, checkpoint);
  const log = new FileSourceLog(storage, cp.sourceDir(0));
  await log.load();
  const seen = new Set(log.all().map((e) => e.path));
  const { path, pathGlobFilter, recursiveFileLookup } = identity.listing;
  const listed = await listSourceFiles(
    storageFor(path, conf),
    sourceListing(path, pathGlobFilter, recursiveFileLookup),
  );
  const waiting = listed.filter((e) => !seen.has(entryUri(e.location)));
  const lastBatchId = (await cp.commits.latestId()) ?? null;
  const committed =
    lastBatchId === null
      ? undefined
      : await storage.stat(child(cp.commits.dir, String(lastBatchId)));
  return {
    checkpoint,
    queryId: cp.queryId,
    source: identity.source,
    files: waiting.length,
    bytes: waiting.reduce((n, e) => n + e.size, 0),
    oldestFile:
      waiting.length === 0 ? null : new Date(Math.min(...waiting.map((e) => e.modificationTime))),
    lastBatchId,
    lastCommit: committed === undefined ? null : new Date(committed.modificationTime),
  };
}
