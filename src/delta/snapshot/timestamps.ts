/**
 * Commit timestamps and `timestampAsOf`, as delta-spark resolves them: a commit's time is
 * its file's modification time, made strictly increasing along the log (a clock that went
 * backwards must not reorder versions); the version for a timestamp is the last one
 * committed at or before it.
 */
import { DeltaError } from "../../errors.js";
import type { CommitFile } from "../log/segment.js";

export interface CommitTime {
  readonly version: number;
  readonly timestamp: number;
}

export function commitTimes(commits: readonly CommitFile[]): CommitTime[] {
  const out: CommitTime[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (const c of commits) {
    const ts = Math.max(c.modificationTime, previous + 1);
    out.push({ version: c.version, timestamp: ts });
    previous = ts;
  }
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

/** The version current at `timestamp` (ms), with delta-spark's errors outside the log. */
export function versionAtTimestamp(
  tablePath: string,
  commits: readonly CommitFile[],
  timestamp: number,
  earliestReadable: number,
): number {
  const times = commitTimes(commits).filter((t) => t.version >= earliestReadable);
  const first = times[0];
  const last = times.at(-1);
  if (first === undefined || last === undefined) {
    throw new DeltaError("DELTA_TABLE_NOT_FOUND", `${tablePath} has no commits to time travel to.`);
  }
  if (timestamp < first.timestamp) {
    throw new DeltaError(
      "DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION",
      `The provided timestamp (${iso(timestamp)}) is before the earliest version available to this table (${iso(first.timestamp)}). Please use a timestamp after ${iso(first.timestamp)}.`,
      {
        hint: `The earliest readable version is ${first.version}.`,
        context: { path: tablePath, timestamp, earliest: first.timestamp },
      },
    );
  }
  if (timestamp > last.timestamp) {
    throw new DeltaError(
      "DELTA_TIMESTAMP_GREATER_THAN_COMMIT",
      `The provided timestamp (${iso(timestamp)}) is after the latest version available to this table (${iso(last.timestamp)}). Please use a timestamp before or at ${iso(last.timestamp)}.`,
      {
        hint: `The latest version is ${last.version}; read it without timestampAsOf.`,
        context: { path: tablePath, timestamp, latest: last.timestamp },
      },
    );
  }
  let found = first.version;
  for (const t of times) if (t.timestamp <= timestamp) found = t.version;
  return found;
}

/** Parses `timestampAsOf` values: ISO text, `yyyy-MM-dd[ HH:mm:ss[.SSS]]` (UTC unless an offset is given), Date, or ms. */
export function parseTimestampOption(value: string | number | Date, timeZoneOffsetMs = 0): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number") return value;
  const text = value.trim();
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const normalized = text.includes("T") || !text.includes(" ") ? text : text.replace(" ", "T");
  const ms = Date.parse(
    hasZone ? normalized : `${normalized.length === 10 ? `${normalized}T00:00:00` : normalized}Z`,
  );
  if (Number.isNaN(ms)) {
    throw new DeltaError(
      "DELTA_INVALID_TIMESTAMP",
      `'${value}' is not a valid timestamp for timestampAsOf.`,
      {
        hint: "Use a form like '2024-01-31 12:00:00' or an ISO 8601 timestamp.",
      },
    );
  }
  return hasZone ? ms : ms - timeZoneOffsetMs;
}
