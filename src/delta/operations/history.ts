/**
 * The table's history, as delta-spark's DESCRIBE HISTORY: one entry per commit file still
 * in the log (versions removed by log cleanup are gone), newest first, from each commit's
 * `commitInfo`. The timestamp is the commit file's modification time made increasing
 * along the log, as delta-spark reports it.
 *
 * @example
 * ```ts
 * const [latest] = await tableHistory(engine.delta, "lake/events", 1);
 * latest?.operation; // "MERGE"
 * ```
 */
import { DeltaError, ErrorCode } from "../../errors.js";
import { parseCommit } from "../actions/codec.js";
import type { CommitInfo } from "../actions/types.js";
import type { DeltaEngine } from "../engine.js";
import { buildLogSegment, type LogSegment } from "../log/segment.js";
import { commitTimes } from "../snapshot/timestamps.js";
import { missingTable } from "./common.js";

export interface HistoryEntry {
  readonly version: number;
  readonly timestamp: Date;
  readonly userId: string | null;
  readonly userName: string | null;
  readonly operation: string | null;
  readonly operationParameters: Readonly<Record<string, string | null>> | null;
  readonly job: null;
  readonly notebook: null;
  readonly clusterId: string | null;
  readonly readVersion: number | null;
  readonly isolationLevel: string | null;
  readonly isBlindAppend: boolean | null;
  readonly operationMetrics: Readonly<Record<string, string | null>> | null;
  readonly userMetadata: string | null;
  readonly engineInfo: string | null;
}

/** The history's columns, in delta-spark's order. */
export const HISTORY_COLUMNS = [
  "version",
  "timestamp",
  "userId",
  "userName",
  "operation",
  "operationParameters",
  "job",
  "notebook",
  "clusterId",
  "readVersion",
  "isolationLevel",
  "isBlindAppend",
  "operationMetrics",
  "userMetadata",
  "engineInfo",
] as const;

function text(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

/** delta-spark reads these maps as map<string,string>: JSON scalars become their text. */
function stringMap(v: unknown): Record<string, string | null> | null {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const out: Record<string, string | null> = {};
  for (const [k, x] of Object.entries(v))
    out[k] = x === null || x === undefined ? null : typeof x === "string" ? x : JSON.stringify(x);
  return out;
}

function entry(version: number, timestamp: number, info: CommitInfo | undefined): HistoryEntry {
  const i: Readonly<Record<string, unknown>> = info ?? {};
  return {
    version,
    timestamp: new Date(typeof i.inCommitTimestamp === "number" ? i.inCommitTimestamp : timestamp),
    userId: text(i.userId),
    userName: text(i.userName),
    operation: text(i.operation),
    operationParameters: stringMap(i.operationParameters),
    job: null,
    notebook: null,
    clusterId: text(i.clusterId),
    readVersion: typeof i.readVersion === "number" ? i.readVersion : null,
    isolationLevel: text(i.isolationLevel),
    isBlindAppend: typeof i.isBlindAppend === "boolean" ? i.isBlindAppend : null,
    operationMetrics: stringMap(i.operationMetrics),
    userMetadata: text(i.userMetadata),
    engineInfo: text(i.engineInfo),
  };
}

async function segmentOf(engine: DeltaEngine, tablePath: string): Promise<LogSegment> {
  try {
    return await buildLogSegment(engine.storage, tablePath, undefined, { full: true });
  } catch (e) {
    if (e instanceof DeltaError && e.code === ErrorCode.DELTA_TABLE_NOT_FOUND)
      throw missingTable(tablePath, e);
    throw e;
  }
}

/** The newest `limit` commits (all when undefined), newest first. */
export async function tableHistory(
  engine: DeltaEngine,
  tablePath: string,
  limit?: number,
): Promise<HistoryEntry[]> {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new DeltaError(
      "DELTA_INVALID_HISTORY_LIMIT",
      `The history limit must be a non-negative integer, got ${limit}.`,
    );
  }
  const segment = await segmentOf(engine, tablePath);
  const times = commitTimes(segment.allCommits).reverse();
  const wanted = limit === undefined ? times : times.slice(0, limit);
  const byVersion = new Map(segment.allCommits.map((c) => [c.version, c.path]));
  const out: HistoryEntry[] = [];
  for (const t of wanted) {
    const path = byVersion.get(t.version);
    if (path === undefined) continue;
    const actions = parseCommit((await engine.storage.read(path)).toString("utf8"), path);
    const info = actions.find((a) => "commitInfo" in a);
    out.push(
      entry(
        t.version,
        t.timestamp,
        info !== undefined && "commitInfo" in info ? info.commitInfo : undefined,
      ),
    );
  }
  return out;
}
