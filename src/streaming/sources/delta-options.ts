/** The Delta source's options, with delta-spark's names and defaults. */
import { OptionsReader } from "../../config/options-reader.js";
import { parseTimestampOption } from "../../delta/snapshot/timestamps.js";
import { IllegalArgumentError } from "../../errors.js";

export interface DeltaSourceOptions {
  /** A version, "latest" (only changes after the current version), or undefined (snapshot first). */
  readonly startingVersion: number | "latest" | undefined;
  /** Milliseconds since the epoch. */
  readonly startingTimestamp: number | undefined;
  readonly skipChangeCommits: boolean;
  /** delta-spark's default: 1000 files per batch. */
  readonly maxFilesPerTrigger: number;
}

export function parseDeltaSourceOptions(
  options: Readonly<Record<string, string>>,
): DeltaSourceOptions {
  const o = new OptionsReader(options);
  const versionText = o.get("startingVersion");
  const timestampText = o.get("startingTimestamp");
  if (versionText !== undefined && timestampText !== undefined) {
    throw new IllegalArgumentError(
      "[DELTA_STARTING_VERSION_AND_TIMESTAMP_BOTH_SET] Please either provide 'startingVersion' or 'startingTimestamp'",
    );
  }
  let startingVersion: number | "latest" | undefined;
  if (versionText !== undefined) {
    if (versionText.trim().toLowerCase() === "latest") startingVersion = "latest";
    else {
      const n = Number(versionText);
      if (!Number.isInteger(n) || n < 0)
        throw new IllegalArgumentError(
          `Invalid startingVersion '${versionText}': use a version number (>= 0) or 'latest'.`,
        );
      startingVersion = n;
    }
  }
  const maxFiles = o.int("maxFilesPerTrigger", 1000);
  if (maxFiles <= 0)
    throw new IllegalArgumentError(
      `Invalid value '${maxFiles}' for option 'maxFilesPerTrigger', must be a positive integer`,
    );
  return {
    startingVersion,
    startingTimestamp:
      timestampText === undefined ? undefined : parseTimestampOption(timestampText),
    skipChangeCommits: o.bool("skipChangeCommits", false),
    maxFilesPerTrigger: maxFiles,
  };
}
