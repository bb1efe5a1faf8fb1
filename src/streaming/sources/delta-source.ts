/**
 * delta-spark's DeltaSource: a stream of the files a Delta table gains. Without a starting
 * point it first takes the table as it is (the snapshot's files, oldest first), then each
 * later commit's added files in order. The offset is delta-spark's:
 * `{"sourceVersion":1,"reservoirId":<table id>,"reservoirVersion":v,"index":i,"isStartingVersion":b}`
 * meaning "files up to index i of version v are done"; a finished version moves it to
 * (v + 1, -1). A commit that removes data (DELETE, UPDATE, MERGE) stops the stream unless
 * `skipChangeCommits` skips such commits.
 */
import { isAdd, isRemove, parseCommit } from "../../delta/actions/codec.js";
import type { AddFile } from "../../delta/actions/types.js";
import type { DeltaEngine } from "../../delta/engine.js";
import { commitPath } from "../../delta/log/files.js";
import { buildLogSegment } from "../../delta/log/segment.js";
import { Snapshot } from "../../delta/snapshot/snapshot.js";
import { commitTimes } from "../../delta/snapshot/timestamps.js";
import { isDeltaTableEngine } from "../../delta/table-engine.js";
import { DeltaError, UnsupportedOperationError } from "../../errors.js";
import type { RelationNode } from "../../plan/node.js";
import { ReadNode } from "../../plan/relation/read.js";
import { SetOpNode } from "../../plan/relation/set-op.js";
import type { Offset } from "../checkpoint/checkpoint.js";
import { StreamingError } from "../errors.js";
import type { SourceContext } from "./build.js";
import { type DeltaSourceOptions, parseDeltaSourceOptions } from "./delta-options.js";
import type { Backlog, BatchData, ReadLimit, StreamSource } from "./source.js";

interface Position {
  readonly version: number;
  readonly index: number;
  readonly isStartingVersion: boolean;
}

/** One data file of the stream, at its position. */
interface IndexedFile extends Position {
  readonly add: AddFile;
}

export class DeltaStreamSource implements StreamSource {
  private tableId = "";
  private initial: Position | undefined;
  private cap: number | undefined;

  private constructor(
    private readonly delta: DeltaEngine,
    private readonly path: string,
    private readonly options: DeltaSourceOptions,
  ) {}

  static create(read: ReadNode, path: string, ctx: SourceContext): DeltaStreamSource {
    const engine = ctx.engine;
    if (!isDeltaTableEngine(engine)) {
      throw new UnsupportedOperationError(
        engine.name,
        "readStream.format('delta')",
        `The ${engine.name} engine runs a streaming Delta read only as its own stream (into a sink), not as tributary's micro-batches, which foreachBatch needs.`,
        {
          hint: 'Stream the table into a Delta sink (writeStream.format("delta")...start(path)) and MERGE from it in a batch job, or run the foreachBatch query on the embedded engine.',
        },
      );
    }
    return new DeltaStreamSource(
      engine.delta,
      engine.dataPath?.(path) ?? path,
      parseDeltaSourceOptions(read.options),
    );
  }

  get description(): string {
    return `DeltaSource[${this.path.startsWith("/") ? `file:${this.path}` : this.path}]`;
  }

  async init(): Promise<void> {
    const snapshot = await Snapshot.load(this.delta, this.path);
    this.tableId = snapshot.metadata.id;
    const o = this.options;
    if (o.startingVersion === "latest")
      this.initial = { version: snapshot.version + 1, index: -1, isStartingVersion: false };
    else if (o.startingVersion !== undefined)
      this.initial = { version: o.startingVersion, index: -1, isStartingVersion: false };
    else if (o.startingTimestamp !== undefined) {
      const segment = await buildLogSegment(this.delta.storage, this.path);
      const at = commitTimes(segment.allCommits).find(
        (c) => c.timestamp >= (o.startingTimestamp ?? 0),
      );
      this.initial = {
        version: at?.version ?? snapshot.version + 1,
        index: -1,
        isStartingVersion: false,
      };
    } else this.initial = { version: snapshot.version, index: -1, isStartingVersion: true };
  }

  async prepareAvailableNow(): Promise<void> {
    this.cap = (await Snapshot.load(this.delta, this.path)).version;
  }

  private position(offset: Offset | undefined): Position | undefined {
    if (offset === undefined) return undefined;
    if (offset.reservoirId !== this.tableId) {
      throw new StreamingError(
        "DIFFERENT_DELTA_TABLE_READ_BY_STREAMING_SOURCE",
        `[DIFFERENT_DELTA_TABLE_READ_BY_STREAMING_SOURCE] The streaming query was reading from an unexpected Delta table (id = '${this.tableId}'). It used to read from another Delta table (id = '${String(offset.reservoirId)}') according to checkpoint.`,
        {
          hint: "The table at this path was replaced. Start the query with a new checkpointLocation.",
        },
      );
    }
    return {
      version: Number(offset.reservoirVersion),
      index: Number(offset.index),
      isStartingVersion: offset.isStartingVersion === true,
    };
  }

  private offsetOf(p: Position): Offset {
    return {
      sourceVersion: 1,
      reservoirId: this.tableId,
      reservoirVersion: p.version,
      index: p.index,
      isStartingVersion: p.isStartingVersion,
    };
  }

  /** The files of one version: the snapshot's when starting, else the commit's adds. */
  private async filesOf(version: number, starting: boolean): Promise<AddFile[] | undefined> {
    if (starting) {
      const snapshot = await Snapshot.load(this.delta, this.path, { version });
      return snapshot
        .files()
        .sort((a, b) => a.modificationTime - b.modificationTime || (a.path < b.path ? -1 : 1));
    }
    const location = commitPath(this.path, version);
    const data = await this.delta.storage.readIfExists(location);
    if (data === undefined) return undefined;
    const actions = parseCommit(data.toString("utf8"), location);
    const removes = actions.filter(isRemove).filter((a) => a.remove.dataChange !== false);
    if (removes.length > 0) {
      if (this.options.skipChangeCommits) return [];
      const info = actions.find((a) => "commitInfo" in a);
      const op = info !== undefined && "commitInfo" in info ? info.commitInfo.operation : undefined;
      throw new DeltaError(
        "DELTA_SOURCE_TABLE_IGNORE_CHANGES",
        `[DELTA_SOURCE_TABLE_IGNORE_CHANGES] Detected a data update (for example ${op ?? "a removed file"}) in the source table at version ${version}. This is currently not supported. If this is going to happen regularly and you are okay to skip changes, set the option 'skipChangeCommits' to 'true'. If you would like the data update to be reflected, please restart this query with a fresh checkpoint directory. The source table can be found at path ${this.path}.`,
        { hint: "Set option('skipChangeCommits', true) to ignore commits that rewrite data." },
      );
    }
    return actions
      .filter(isAdd)
      .filter((a) => a.add.dataChange !== false)
      .map((a) => a.add);
  }

  /** The files after `from`, up to `limit` of them (and up to the availableNow cap). */
  private async filesAfter(from: Position, limit: number): Promise<IndexedFile[]> {
    const out: IndexedFile[] = [];
    let version = from.version;
    let starting = from.isStartingVersion;
    let after = from.index;
    for (;;) {
      if (this.cap !== undefined && version > this.cap) break;
      const files = await this.filesOf(version, starting);
      if (files === undefined) break;
      files.forEach((add, index) => {
        if (index > after && out.length < limit)
          out.push({ version, index, isStartingVersion: starting, add });
      });
      if (out.length >= limit) break;
      version += 1;
      starting = false;
      after = -1;
    }
    return out;
  }

  async latestOffset(start: Offset | undefined, limit: ReadLimit): Promise<Offset | undefined> {
    const from = this.position(start) ?? this.initial;
    if (from === undefined) return start;
    const max = limit === "all" ? Number.POSITIVE_INFINITY : this.options.maxFilesPerTrigger;
    const files = await this.filesAfter(from, max);
    const last = files[files.length - 1];
    if (last === undefined) return start;
    const all = await this.filesOf(last.version, last.isStartingVersion);
    const ends = (all?.length ?? 0) - 1 === last.index;
    return this.offsetOf(
      ends ? { version: last.version + 1, index: -1, isStartingVersion: false } : last,
    );
  }

  async getBatch(start: Offset | undefined, end: Offset): Promise<BatchData> {
    const from = this.position(start) ?? this.initial;
    const to = this.position(end);
    if (from === undefined || to === undefined)
      throw new StreamingError(
        "STREAMING_CHECKPOINT_CORRUPT",
        "A Delta source batch has no end offset.",
      );
    const files = (await this.filesAfter(from, Number.POSITIVE_INFINITY)).filter(
      (f) => f.version < to.version || (f.version === to.version && f.index <= to.index),
    );
    const byVersion = new Map<number, AddFile[]>();
    for (const f of files) byVersion.set(f.version, [...(byVersion.get(f.version) ?? []), f.add]);
    const scans: RelationNode[] = [...byVersion].map(([version, adds]) =>
      ReadNode.deltaFiles(this.path, version, {
        files: adds.map((a) => a.path),
        withFile: false,
        withRowIndex: false,
      }),
    );
    const [first, ...rest] = scans;
    const plan =
      first === undefined
        ? ReadNode.deltaFiles(this.path, to.version, {
            files: [],
            withFile: false,
            withRowIndex: false,
          })
        : rest.reduce<RelationNode>(
            (acc, s) => SetOpNode.create(acc, s, "union", { isAll: true, byName: true }),
            first,
          );
    return { plan, files: files.length };
  }

  async commit(): Promise<void> {
    // Nothing to clean: the table's files belong to the table.
  }

  async backlog(): Promise<Backlog> {
    return { files: 0, bytes: 0, oldestMs: undefined };
  }
}
