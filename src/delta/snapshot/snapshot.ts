/**
 * A Snapshot: the table at one version. Built from the newest checkpoint at or below the
 * version plus the commits after it, then checked against the features we support.
 *
 * @example
 * ```ts
 * const snap = await Snapshot.load(engine, "lake/flights", { version: 0 });
 * snap.files(); // the AddFile actions of version 0
 * ```
 */
import { DeltaError } from "../../errors.js";
import type { StructType } from "../../types/data-types.js";
import { schemaFromJSON } from "../../types/schema-json.js";
import { parseCommit } from "../actions/codec.js";
import type {
  AddFile,
  CommitInfo,
  DomainMetadata,
  Metadata,
  Protocol,
  RemoveFile,
  Txn,
} from "../actions/types.js";
import { readCheckpointActions } from "../checkpoint/read.js";
import type { DeltaEngine } from "../engine.js";
import { buildLogSegment, type LogSegment } from "../log/segment.js";
import { checkReadable } from "../table-features/registry.js";
import { applyActions, emptyState } from "./replay.js";
import { commitTimes, versionAtTimestamp } from "./timestamps.js";

export interface SnapshotOptions {
  readonly version?: number;
  /** Milliseconds since the epoch. */
  readonly timestamp?: number;
}

export class Snapshot {
  private constructor(
    readonly tablePath: string,
    readonly version: number,
    readonly protocol: Protocol,
    readonly metadata: Metadata,
    readonly schema: StructType,
    private readonly fileMap: ReadonlyMap<string, AddFile>,
    private readonly tombstoneMap: ReadonlyMap<string, RemoveFile>,
    private readonly txnMap: ReadonlyMap<string, Txn>,
    readonly domains: ReadonlyMap<string, DomainMetadata>,
    readonly segment: LogSegment,
    /** The commit time of this version (ms). */
    readonly timestamp: number,
    readonly lastCommitInfo: CommitInfo | undefined,
  ) {}

  static async load(
    engine: DeltaEngine,
    tablePath: string,
    options: SnapshotOptions = {},
  ): Promise<Snapshot> {
    let version = options.version;
    if (options.timestamp !== undefined) {
      const latest = await buildLogSegment(engine.storage, tablePath, undefined, { full: true });
      version = versionAtTimestamp(
        tablePath,
        latest.allCommits,
        options.timestamp,
        latest.earliestVersion,
      );
    }
    const segment = await buildLogSegment(engine.storage, tablePath, version);
    const state = emptyState();
    if (segment.checkpoint !== undefined) {
      try {
        applyActions(
          state,
          await readCheckpointActions(engine, tablePath, segment.checkpoint.paths),
        );
      } catch (e) {
        throw new DeltaError(
          "DELTA_CORRUPT_CHECKPOINT",
          `Cannot read the checkpoint of ${tablePath} at version ${segment.checkpoint.version}: ${e instanceof Error ? e.message : String(e)}`,
          {
            cause: e,
            hint: "Delete the damaged checkpoint file (and _last_checkpoint); the table is then read from its commits.",
            context: { files: segment.checkpoint.paths },
          },
        );
      }
    }
    let lastCommitInfo: CommitInfo | undefined;
    for (const commit of segment.commits) {
      const actions = parseCommit(
        (await engine.storage.read(commit.path)).toString("utf8"),
        commit.path,
      );
      applyActions(state, actions);
      for (const a of actions) if ("commitInfo" in a) lastCommitInfo = a.commitInfo;
    }
    if (state.protocol === undefined || state.metadata === undefined) {
      throw new DeltaError(
        "DELTA_CORRUPT_LOG",
        `The Delta log of ${tablePath} has no ${state.protocol === undefined ? "protocol" : "metaData"} action at version ${segment.version}.`,
        {
          hint: "The log is incomplete: its first commit or checkpoint is missing or damaged.",
        },
      );
    }
    checkReadable(tablePath, state.protocol);
    const time =
      commitTimes(segment.allCommits).find((t) => t.version === segment.version)?.timestamp ??
      lastCommitInfo?.timestamp ??
      0;
    return new Snapshot(
      tablePath,
      segment.version,
      state.protocol,
      state.metadata,
      schemaFromJSON(state.metadata.schemaString),
      state.files,
      state.tombstones,
      state.txns,
      state.domains,
      segment,
      time,
      lastCommitInfo,
    );
  }

  /** The live data files. */
  files(): AddFile[] {
    return [...this.fileMap.values()];
  }

  /** Files removed but not yet vacuumed. */
  tombstones(): RemoveFile[] {
    return [...this.tombstoneMap.values()];
  }

  /** The idempotent-write markers (`txn` actions), one per application. */
  txns(): Txn[] {
    return [...this.txnMap.values()];
  }

  /** The last version an application committed with `txnAppId`, if any. */
  txnVersion(appId: string): number | undefined {
    return this.txnMap.get(appId)?.version;
  }

  get partitionColumns(): readonly string[] {
    return this.metadata.partitionColumns;
  }

  get configuration(): Readonly<Record<string, string>> {
    return this.metadata.configuration;
  }

  /** Total bytes of the live files. */
  sizeInBytes(): number {
    let n = 0;
    for (const f of this.fileMap.values()) n += f.size;
    return n;
  }
}
