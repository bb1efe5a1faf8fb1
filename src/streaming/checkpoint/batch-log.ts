/**
 * A directory of per-batch files named by batch id (`offsets/0`, `commits/0`, ...), Spark's
 * HDFSMetadataLog: each file starts with a version line (`v1`) and is written once, with
 * put-if-absent, so a batch id is decided by exactly one writer and never rewritten.
 */
import type { Storage } from "../../storage/storage.js";
import { StreamingError } from "../errors.js";

export const LOG_VERSION = "v1";

/** `dir` joined with a child name, whatever the location's spelling (path or URL). */
export function child(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, "")}/${name}`;
}

export function corrupt(location: string, reason: string, cause?: unknown): StreamingError {
  return new StreamingError(
    "STREAMING_CHECKPOINT_CORRUPT",
    `The checkpoint file ${location} cannot be read: ${reason}.`,
    {
      cause,
      hint: "The checkpoint was damaged or written by an incompatible version. Restore it, or start over with a new checkpointLocation (the sink's txn markers keep a Delta table from getting duplicates only for the same query id).",
      context: { location },
    },
  );
}

/** The body lines of a log file, after checking its version line. */
export function bodyLines(location: string, text: string): string[] {
  const lines = text.split("\n");
  const version = lines[0] ?? "";
  const m = /^v(\d+)$/.exec(version);
  if (m === null)
    throw corrupt(
      location,
      `it does not start with a version line (got '${version.slice(0, 20)}')`,
    );
  if (Number(m[1]) > 1)
    throw corrupt(location, `log version ${version} is newer than the supported v1`);
  return lines.slice(1).filter((l) => l.length > 0);
}

export class BatchLog {
  constructor(
    private readonly storage: Storage,
    readonly dir: string,
  ) {}

  /** The batch ids present, ascending (names that are not batch ids are ignored). */
  async batchIds(): Promise<number[]> {
    const entries = await this.storage.list(this.dir);
    return entries
      .map((e) => e.name)
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .sort((a, b) => a - b);
  }

  async latestId(): Promise<number | undefined> {
    const ids = await this.batchIds();
    return ids[ids.length - 1];
  }

  /** The body lines of a batch's file, or undefined when there is none. */
  async get(batchId: number): Promise<string[] | undefined> {
    const location = child(this.dir, String(batchId));
    const data = await this.storage.readIfExists(location);
    return data === undefined ? undefined : bodyLines(location, data.toString("utf8"));
  }

  /**
   * Writes a batch's file unless it exists; resolves whether this call wrote it. A file that
   * exists with other content means another run decided this batch first.
   */
  async add(batchId: number, lines: readonly string[]): Promise<boolean> {
    const location = child(this.dir, String(batchId));
    const text = [LOG_VERSION, ...lines].join("\n");
    const result = await this.storage.putIfAbsent(location, text);
    if (result.status === "written") return true;
    if (result.status === "unknown") {
      const now = await this.storage.readIfExists(location);
      if (now?.toString("utf8") === text) return true;
    }
    return false;
  }

  /** Deletes the files of batches before `batchId` (Spark's minBatchesToRetain purge). */
  async purgeBefore(batchId: number): Promise<void> {
    const old = (await this.batchIds()).filter((id) => id < batchId);
    await this.storage.delete(old.map((id) => child(this.dir, String(id))));
  }
}
