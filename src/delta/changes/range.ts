/**
 * The versions a change data feed read covers, resolved as delta-spark does: a start is
 * required (`startingVersion` wins over `startingTimestamp`); a starting timestamp means the
 * first commit at or after it, an ending timestamp the last commit at or before it; an end
 * past the latest version is the latest version; a start past it, or after the end, fails.
 */
import { DeltaError, IllegalArgumentError } from "../../errors.js";
import type { CommitTime } from "../snapshot/timestamps.js";
import { parseTimestampOption } from "../snapshot/timestamps.js";

/** The reader options of a change feed read, as given (delta-spark's names). */
export interface ChangeRangeOptions {
  readonly startingVersion?: string;
  readonly endingVersion?: string;
  readonly startingTimestamp?: string;
  readonly endingTimestamp?: string;
}

export interface ChangeRange {
  readonly start: number;
  readonly end: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

function version(text: string): number {
  const v = Number(text.trim());
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(v)) {
    throw new DeltaError(
      "DELTA_VERSION_INVALID",
      `The provided version (${text}) is not a valid version.`,
      {
        hint: "Give a table version: a non-negative integer, as DeltaTable.history() lists them.",
      },
    );
  }
  return v;
}

function afterLatest(ms: number, last: CommitTime): DeltaError {
  return new DeltaError(
    "DELTA_TIMESTAMP_GREATER_THAN_COMMIT",
    `The provided timestamp (${iso(ms)}) is after the latest version available to this table (${iso(last.timestamp)}). Please use a timestamp before or at ${iso(last.timestamp)}.`,
    {
      hint: `The latest version is ${last.version}.`,
      context: { timestamp: ms, latest: last.timestamp },
    },
  );
}

function beforeEarliest(ms: number, first: CommitTime): DeltaError {
  return new DeltaError(
    "DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION",
    `The provided timestamp (${iso(ms)}) is before the earliest version available to this table (${iso(first.timestamp)}). Please use a timestamp after ${iso(first.timestamp)}.`,
    {
      hint: `The earliest version is ${first.version}.`,
      context: { timestamp: ms, earliest: first.timestamp },
    },
  );
}

/** Resolves the options against the table's commit times (ascending, non-empty). */
export function resolveChangeRange(
  options: ChangeRangeOptions,
  times: readonly CommitTime[],
): ChangeRange {
  const first = times[0];
  const last = times.at(-1);
  if (first === undefined || last === undefined)
    throw new IllegalArgumentError("A change data feed read needs a table with commits.");
  let start: number;
  if (options.startingVersion !== undefined) start = version(options.startingVersion);
  else if (options.startingTimestamp !== undefined) {
    const ms = parseTimestampOption(options.startingTimestamp);
    const at = times.find((t) => t.timestamp >= ms);
    if (at === undefined) throw afterLatest(ms, last);
    start = at.version;
  } else {
    throw new DeltaError(
      "DELTA_NO_START_FOR_CDC_READ",
      "No startingVersion or startingTimestamp provided for CDC read.",
      { hint: 'Add option("startingVersion", n) or option("startingTimestamp", "...").' },
    );
  }
  let end = last.version;
  if (options.endingVersion !== undefined)
    end = Math.min(version(options.endingVersion), last.version);
  else if (options.endingTimestamp !== undefined) {
    const ms = parseTimestampOption(options.endingTimestamp);
    if (ms < first.timestamp) throw beforeEarliest(ms, first);
    end = times.filter((t) => t.timestamp <= ms).at(-1)?.version ?? first.version;
  }
  if (start > last.version) {
    throw new DeltaError(
      "DELTA_INVALID_CDC_RANGE",
      `Provided Start version(${start}) for reading change data is invalid. Start version cannot be greater than the latest version of the table(${last.version}).`,
      { hint: `The latest version is ${last.version}.`, context: { start, latest: last.version } },
    );
  }
  if (start > end) {
    throw new DeltaError(
      "DELTA_INVALID_CDC_RANGE",
      `CDC range from start ${start} to end ${end} was invalid. End cannot be before start.`,
      {
        hint: "Give an ending version (or timestamp) at or after the start.",
        context: { start, end },
      },
    );
  }
  return { start, end };
}
