/**
 * A query's checkpoint in Spark's layout and meaning:
 * - `metadata`: `{"id": <query id>}`, written once; the id survives restarts;
 * - `offsets/<n>`: before batch n runs, its end offset per source (the write-ahead log);
 * - `commits/<n>`: after the sink took batch n;
 * - `sources/0/`: the file source's log of the files each batch took.
 * `tributary-query` (ours; Spark ignores unknown files) names the source and the sink the
 * checkpoint belongs to, so reusing it for another stream is refused instead of silently
 * skipping or duplicating data.
 */
import { randomUUID } from "node:crypto";
import type { Storage } from "../../storage/storage.js";
import { StreamingError } from "../errors.js";
import { BatchLog, child, corrupt } from "./batch-log.js";

/** Spark's `spark.sql.streaming.minBatchesToRetain` default. */
export const MIN_BATCHES_TO_RETAIN = 100;

/** A source offset as JSON (`{"logOffset":3}` for files; delta-spark's shape for Delta). */
export type Offset = Readonly<Record<string, unknown>>;

export interface OffsetEntry {
  readonly batchId: number;
  readonly batchTimestampMs: number;
  readonly offset: Offset;
}

/** What the checkpoint belongs to: `source` and `sink` are compared on every start. */
export interface QueryIdentity {
  readonly source: string;
  readonly sink: string;
  /** How a file source lists its files (for backlog checks); recorded, not compared. */
  readonly listing?: {
    readonly path: string;
    readonly pathGlobFilter?: string;
    readonly recursiveFileLookup: boolean;
  };
}

const IDENTITY_FILE = "tributary-query";

function parseJson(location: string, text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === "object" && v !== null && !Array.isArray(v))
      return v as Record<string, unknown>;
  } catch (e) {
    throw corrupt(location, "it is not JSON", e);
  }
  throw corrupt(location, "it is not a JSON object");
}

export class Checkpoint {
  readonly offsets: BatchLog;
  readonly commits: BatchLog;

  private constructor(
    readonly storage: Storage,
    readonly location: string,
    readonly queryId: string,
  ) {
    this.offsets = new BatchLog(storage, child(location, "offsets"));
    this.commits = new BatchLog(storage, child(location, "commits"));
  }

  /** Opens the checkpoint at `location`, creating its `metadata` (a new query id) if absent. */
  static async open(storage: Storage, location: string): Promise<Checkpoint> {
    const metaLocation = child(location, "metadata");
    let meta = await storage.readIfExists(metaLocation);
    if (meta === undefined) {
      await storage.putIfAbsent(metaLocation, JSON.stringify({ id: randomUUID() }));
      meta = await storage.read(metaLocation);
    }
    const id = parseJson(metaLocation, meta.toString("utf8").split("\n")[0] ?? "").id;
    if (typeof id !== "string") throw corrupt(metaLocation, "it has no query id");
    return new Checkpoint(storage, location, id);
  }

  /** What the checkpoint belongs to, when a run recorded it. */
  static async identity(storage: Storage, location: string): Promise<QueryIdentity | undefined> {
    const file = child(location, IDENTITY_FILE);
    const data = await storage.readIfExists(file);
    if (data === undefined) return undefined;
    const v = parseJson(file, data.toString("utf8"));
    return v as unknown as QueryIdentity;
  }

  /** Records what the checkpoint belongs to on first use; refuses another source or sink. */
  async checkIdentity(identity: QueryIdentity): Promise<void> {
    const location = child(this.location, IDENTITY_FILE);
    const text = JSON.stringify(identity);
    const existing = await this.storage.readIfExists(location);
    if (existing === undefined) {
      await this.storage.putIfAbsent(location, text);
      return;
    }
    const before = parseJson(location, existing.toString("utf8"));
    for (const key of ["source", "sink"] as const) {
      if (before[key] !== identity[key]) {
        throw new StreamingError(
          "STREAMING_CHECKPOINT_MISMATCH",
          `The checkpoint ${this.location} belongs to another query: its ${key} is ${String(before[key])}, this query's is ${identity[key]}.`,
          {
            hint: "Give each query its own checkpointLocation. Reusing one would skip the files it already recorded, or write them again into another sink.",
            context: { checkpoint: this.location, queryId: this.queryId, key },
          },
        );
      }
    }
  }

  /** The source offset log location (`sources/0`). */
  sourceDir(index = 0): string {
    return child(child(this.location, "sources"), String(index));
  }

  async offsetAt(batchId: number): Promise<OffsetEntry | undefined> {
    const lines = await this.offsets.get(batchId);
    if (lines === undefined) return undefined;
    const location = child(this.offsets.dir, String(batchId));
    const [metaLine, offsetLine] = lines;
    if (metaLine === undefined || offsetLine === undefined)
      throw corrupt(location, "it lacks the metadata or the source offset line");
    const meta = parseJson(location, metaLine);
    return {
      batchId,
      batchTimestampMs: typeof meta.batchTimestampMs === "number" ? meta.batchTimestampMs : 0,
      offset: parseJson(location, offsetLine),
    };
  }

  /** Records batch `batchId`'s end offset before it runs; another writer first is an error. */
  async writeOffset(entry: OffsetEntry, conf: Readonly<Record<string, string>>): Promise<void> {
    const meta = { batchWatermarkMs: 0, batchTimestampMs: entry.batchTimestampMs, conf };
    const ok = await this.offsets.add(entry.batchId, [
      JSON.stringify(meta),
      JSON.stringify(entry.offset),
    ]);
    if (!ok) throw concurrentUse(this.location, entry.batchId);
  }

  async writeCommit(batchId: number): Promise<void> {
    const ok = await this.commits.add(batchId, [JSON.stringify({ nextBatchWatermarkMs: 0 })]);
    if (!ok) throw concurrentUse(this.location, batchId);
  }

  /** Drops offsets and commits older than the last {@link MIN_BATCHES_TO_RETAIN} batches. */
  async purge(lastBatchId: number): Promise<void> {
    const keepFrom = lastBatchId - MIN_BATCHES_TO_RETAIN + 1;
    if (keepFrom <= 0 || keepFrom % 10 !== 0) return; // purge in steps, not on every batch
    await this.offsets.purgeBefore(keepFrom);
    await this.commits.purgeBefore(keepFrom);
  }
}

function concurrentUse(location: string, batchId: number): StreamingError {
  return new StreamingError(
    "STREAMING_QUERY_ALREADY_ACTIVE",
    `Batch ${batchId} of the checkpoint ${location} was written by another run: two queries are using this checkpoint at once.`,
    {
      hint: "Run one query per checkpointLocation; stop the other run first.",
      context: { checkpoint: location, batchId },
    },
  );
}
