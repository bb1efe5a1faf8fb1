/**
 * Spark's FileStreamSource: each batch takes files not seen before, oldest first (newest
 * first with `latestFirst`), capped by `maxFilesPerTrigger` / `maxBytesPerTrigger`, and
 * records them in `sources/0/<n>` before the batch's offset is written. The offset is
 * `{"logOffset": n}`; a batch reads the files logged in (start, end]. Files older than the
 * newest seen minus `maxFileAge` are ignored, as Spark's seen-files map ages them out.
 */
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { IllegalArgumentError } from "../../errors.js";
import type { RelationNode } from "../../plan/node.js";
import { LocalRelationNode } from "../../plan/relation/local-relation.js";
import { ReadNode } from "../../plan/relation/read.js";
import { parseLocation } from "../../storage/location.js";
import type { Storage, StorageEntry } from "../../storage/storage.js";
import type { StructType } from "../../types/data-types.js";
import type { Offset } from "../checkpoint/checkpoint.js";
import type { FileEntry, FileSourceLog } from "../checkpoint/file-source-log.js";
import { StreamingError } from "../errors.js";
import { absoluteLocation } from "../locations.js";
import type { FileSourceOptions } from "./file-options.js";
import { listSourceFiles, type SourceListing, sourceListing } from "./listing.js";
import type { Backlog, BatchData, ReadLimit, StreamSource } from "./source.js";

export interface FileSourceSpec {
  readonly storage: Storage;
  readonly format: string;
  /** The directory or glob as the user gave it. */
  readonly path: string;
  readonly schema: StructType;
  readonly readerOptions: Readonly<Record<string, string>>;
  readonly options: FileSourceOptions;
  readonly log: FileSourceLog;
  /** A data path as the engine needs it (Spark on this machine: a `file:` URI). */
  readonly dataPath: (path: string) => string;
}

/** How a file is named in the log: a URI, as Spark writes it. */
export function entryUri(location: string): string {
  const parsed = parseLocation(location);
  return parsed.kind === "local" ? pathToFileURL(resolve(parsed.path)).href : location;
}

/** A logged URI as the batch reader takes it. */
function readPath(uri: string): string {
  return uri.startsWith("file:") ? fileURLToPath(uri) : uri;
}

function logOffsetOf(offset: Offset | undefined): number {
  if (offset === undefined) return -1;
  const v = offset.logOffset;
  if (typeof v !== "number") {
    throw new StreamingError(
      "STREAMING_CHECKPOINT_MISMATCH",
      `The checkpoint's source offset ${JSON.stringify(offset)} is not a file source offset.`,
      {
        hint: "The checkpoint was written for another kind of source; use a new checkpointLocation.",
      },
    );
  }
  return v;
}

export class FileStreamSource implements StreamSource {
  private readonly listing: SourceListing;
  private readonly maxAgeMs: number;
  private readonly seen = new Map<string, number>();
  private latestTimestamp = 0;
  private lastPurgeTimestamp = 0;
  private availableNow: ReadonlySet<string> | undefined;
  /** What the last listing left waiting (saves a second listing per batch). */
  private waiting: StorageEntry[] | undefined;
  /** availableNow's listing, reused by the first batch instead of listing again. */
  private listedForAvailableNow: StorageEntry[] | undefined;

  constructor(private readonly spec: FileSourceSpec) {
    this.listing = sourceListing(
      absoluteLocation(spec.path),
      spec.options.pathGlobFilter,
      spec.options.recursiveFileLookup,
    );
    const o = spec.options;
    this.maxAgeMs =
      o.latestFirst && o.maxFilesPerTrigger !== undefined
        ? Number.POSITIVE_INFINITY
        : o.maxFileAgeMs;
    if (o.cleanSource === "archive" && o.sourceArchiveDir !== undefined) {
      const archive = absoluteLocation(o.sourceArchiveDir).replace(/\/+$/, "");
      if (`${archive}/`.startsWith(`${this.listing.root}/`) || archive === this.listing.root) {
        throw new IllegalArgumentError(
          `sourceArchiveDir ${o.sourceArchiveDir} is inside the source path ${spec.path}: archived files would be read again.`,
          { hint: "Choose an archive directory outside the source directory." },
        );
      }
    }
  }

  get description(): string {
    const root = this.listing.root;
    const shown = root.startsWith("/") ? `file:${root}` : root;
    return `FileStreamSource[${shown}]`;
  }

  async init(): Promise<void> {
    await this.spec.log.load();
    for (const e of this.spec.log.all()) this.markSeen(e.path, e.timestamp);
    this.purge();
  }

  private markSeen(uri: string, timestamp: number): void {
    this.seen.set(uri, timestamp);
    if (timestamp > this.latestTimestamp) this.latestTimestamp = timestamp;
  }

  private purge(): void {
    if (!Number.isFinite(this.maxAgeMs)) return;
    this.lastPurgeTimestamp = this.latestTimestamp - this.maxAgeMs;
    for (const [k, ts] of this.seen) if (ts < this.lastPurgeTimestamp) this.seen.delete(k);
  }

  private isNew(uri: string, timestamp: number): boolean {
    return timestamp >= this.lastPurgeTimestamp && !this.seen.has(uri);
  }

  /** Unseen files, in the order batches take them. */
  private async newFiles(): Promise<StorageEntry[]> {
    const listed =
      this.listedForAvailableNow ?? (await listSourceFiles(this.spec.storage, this.listing));
    this.listedForAvailableNow = undefined;
    const fresh = listed.filter((e) => {
      const uri = entryUri(e.location);
      return this.isNew(uri, e.modificationTime) && (this.availableNow?.has(uri) ?? true);
    });
    const sign = this.spec.options.latestFirst ? -1 : 1;
    // Array.prototype.sort is stable: equal times keep the listing's (path) order.
    return fresh.sort((a, b) => sign * (a.modificationTime - b.modificationTime));
  }

  async prepareAvailableNow(): Promise<void> {
    const listed = await listSourceFiles(this.spec.storage, this.listing);
    this.listedForAvailableNow = listed;
    this.availableNow = new Set((await this.newFiles()).map((e) => entryUri(e.location)));
    // The first batch sees exactly what availableNow took: the same listing.
    this.listedForAvailableNow = listed;
  }

  private cap(files: StorageEntry[]): StorageEntry[] {
    const { maxFilesPerTrigger, maxBytesPerTrigger } = this.spec.options;
    if (maxFilesPerTrigger !== undefined) return files.slice(0, maxFilesPerTrigger);
    if (maxBytesPerTrigger === undefined) return files;
    const out: StorageEntry[] = [];
    let bytes = 0;
    for (const f of files) {
      if (out.length > 0 && bytes + f.size > maxBytesPerTrigger) break;
      out.push(f);
      bytes += f.size;
    }
    return out;
  }

  async latestOffset(_start: Offset | undefined, limit: ReadLimit): Promise<Offset | undefined> {
    const all = await this.newFiles();
    const batch = limit === "all" ? all : this.cap(all);
    this.waiting = all.slice(batch.length);
    const log = this.spec.log;
    if (batch.length > 0) {
      const id = log.latestBatchId + 1;
      const entries = batch.map((f) => ({
        path: entryUri(f.location),
        timestamp: f.modificationTime,
      }));
      if (!(await log.add(id, entries))) {
        throw new StreamingError(
          "STREAMING_QUERY_ALREADY_ACTIVE",
          `Entry ${id} of the file source log ${log.dir} was written by another run: two queries are using this checkpoint at once.`,
          { hint: "Run one query per checkpointLocation; stop the other run first." },
        );
      }
      for (const e of entries) this.markSeen(e.path, e.timestamp);
      this.purge();
    }
    return log.latestBatchId < 0 ? undefined : { logOffset: log.latestBatchId };
  }

  async getBatch(start: Offset | undefined, end: Offset): Promise<BatchData> {
    const entries = this.spec.log.range(logOffsetOf(start), logOffsetOf(end));
    const plan: RelationNode =
      entries.length === 0
        ? LocalRelationNode.create(this.spec.schema, [])
        : ReadNode.create(
            this.spec.format,
            entries.map((e) => this.spec.dataPath(readPath(e.path))),
            this.spec.readerOptions,
            this.spec.schema,
          );
    return { plan, files: entries.length };
  }

  async commit(start: Offset | undefined, end: Offset): Promise<void> {
    const { cleanSource, sourceArchiveDir } = this.spec.options;
    if (cleanSource === "off") return;
    const entries: FileEntry[] = this.spec.log.range(logOffsetOf(start), logOffsetOf(end));
    const storage = this.spec.storage;
    for (const e of entries) {
      const from = readPath(e.path);
      if (cleanSource === "archive" && sourceArchiveDir !== undefined) {
        const data = await storage.readIfExists(from);
        if (data === undefined) continue; // already moved by an earlier run of this commit
        await storage.put(archivePath(absoluteLocation(sourceArchiveDir), from), data);
      }
      await storage.delete([from]);
    }
  }

  async backlog(): Promise<Backlog> {
    const waiting =
      this.waiting ??
      (await listSourceFiles(this.spec.storage, this.listing)).filter((e) =>
        this.isNew(entryUri(e.location), e.modificationTime),
      );
    return {
      files: waiting.length,
      bytes: waiting.reduce((n, e) => n + e.size, 0),
      oldestMs:
        waiting.length === 0 ? undefined : Math.min(...waiting.map((e) => e.modificationTime)),
    };
  }
}

/** Spark keeps the file's full path below the archive directory. */
function archivePath(archiveDir: string, file: string): string {
  const parsed = parseLocation(file);
  const tail = parsed.kind === "local" ? resolve(parsed.path) : `/${parsed.key}`;
  return `${archiveDir.replace(/\/+$/, "")}${tail}`;
}
