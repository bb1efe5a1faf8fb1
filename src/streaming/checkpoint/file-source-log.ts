/**
 * The file source's own log (`sources/0/<n>`): one JSON line per file a batch took,
 * `{"path","timestamp","batchId"}`, as Spark's FileStreamSourceLog. Every 10th batch
 * (`(n + 1) % 10 == 0`) is written as `<n>.compact` holding every entry so far, so a restart
 * reads one compact file and at most nine small ones, however long the stream has run.
 */
import type { Storage } from "../../storage/storage.js";
import { BatchLog, bodyLines, child, corrupt, LOG_VERSION } from "./batch-log.js";

/** One file a batch took: its location (a URI, as Spark writes it) and modification time. */
export interface FileEntry {
  readonly path: string;
  readonly timestamp: number;
  readonly batchId: number;
}

/** Spark's `spark.sql.streaming.fileSource.log.compactInterval` default. */
export const COMPACT_INTERVAL = 10;

const isCompact = (batchId: number): boolean => (batchId + 1) % COMPACT_INTERVAL === 0;

function parseEntry(location: string, line: string): FileEntry {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    throw corrupt(location, "a line is not JSON", e);
  }
  const o = v as Partial<Record<keyof FileEntry, unknown>>;
  if (
    typeof o.path !== "string" ||
    typeof o.timestamp !== "number" ||
    typeof o.batchId !== "number"
  )
    throw corrupt(location, "an entry lacks path, timestamp or batchId");
  return { path: o.path, timestamp: o.timestamp, batchId: o.batchId };
}

const entryLine = (e: FileEntry): string =>
  JSON.stringify({ path: e.path, timestamp: e.timestamp, batchId: e.batchId });

export class FileSourceLog {
  private readonly log: BatchLog;
  private entries: FileEntry[] = [];
  private latest = -1;

  constructor(
    private readonly storage: Storage,
    readonly dir: string,
  ) {
    this.log = new BatchLog(storage, dir);
  }

  /** Loads the log: the newest compact file and the batches after it. */
  async load(): Promise<void> {
    const names = (await this.storage.list(this.dir)).map((e) => e.name);
    const ids = (suffix: string): number[] =>
      names
        .filter((n) => new RegExp(`^\\d+${suffix.replace(".", "\\.")}$`).test(n))
        .map((n) => Number.parseInt(n, 10));
    const compacts = ids(".compact").sort((a, b) => a - b);
    const lastCompact = compacts[compacts.length - 1] ?? -1;
    const plain = ids("")
      .filter((id) => id > lastCompact)
      .sort((a, b) => a - b);
    const entries: FileEntry[] = [];
    if (lastCompact >= 0) entries.push(...(await this.read(`${lastCompact}.compact`)));
    for (const id of plain) entries.push(...(await this.read(String(id))));
    this.entries = entries;
    this.latest = Math.max(lastCompact, plain[plain.length - 1] ?? -1);
  }

  private async read(name: string): Promise<FileEntry[]> {
    const location = child(this.dir, name);
    const text = (await this.storage.read(location)).toString("utf8");
    return bodyLines(location, text).map((l) => parseEntry(location, l));
  }

  /** The last batch id logged (-1 when none): the source's current offset. */
  get latestBatchId(): number {
    return this.latest;
  }

  all(): readonly FileEntry[] {
    return this.entries;
  }

  /** Entries of the batches in (`after`, `upTo`]. */
  range(after: number, upTo: number): FileEntry[] {
    return this.entries.filter((e) => e.batchId > after && e.batchId <= upTo);
  }

  /**
   * Records the files of batch `batchId` (the next id). Resolves false when the id was taken
   * by another run; this log then no longer matches the checkpoint and must be reloaded.
   */
  async add(batchId: number, files: readonly Omit<FileEntry, "batchId">[]): Promise<boolean> {
    const added = files.map((f) => ({ ...f, batchId }));
    let written: boolean;
    if (isCompact(batchId)) {
      const text = [LOG_VERSION, ...[...this.entries, ...added].map(entryLine)].join("\n");
      const r = await this.storage.putIfAbsent(child(this.dir, `${batchId}.compact`), text);
      written = r.status === "written";
    } else {
      written = await this.log.add(batchId, added.map(entryLine));
    }
    if (written) {
      this.entries.push(...added);
      this.latest = batchId;
    }
    return written;
  }
}
