/**
 * The file source's options, with Spark's names and defaults. They say which files a batch
 * takes; every other option goes to the batch reader unchanged (header, mode, badRecordsPath).
 */

import { parseDuration } from "../../config/durations.js";
import { OptionsReader } from "../../config/options-reader.js";
import { parseByteSize } from "../../config/sizes.js";
import { IllegalArgumentError } from "../../errors.js";

export interface FileSourceOptions {
  readonly maxFilesPerTrigger: number | undefined;
  readonly maxBytesPerTrigger: number | undefined;
  readonly latestFirst: boolean;
  /** Files older than the newest seen minus this are ignored (Spark: 7d). */
  readonly maxFileAgeMs: number;
  readonly cleanSource: "off" | "archive" | "delete";
  readonly sourceArchiveDir: string | undefined;
  readonly pathGlobFilter: string | undefined;
  readonly recursiveFileLookup: boolean;
}

/** Option names the batch reader of a micro-batch does not get. */
export const STREAM_ONLY_OPTIONS: ReadonlySet<string> = new Set(
  [
    "maxFilesPerTrigger",
    "maxBytesPerTrigger",
    "latestFirst",
    "maxFileAge",
    "cleanSource",
    "sourceArchiveDir",
    "fileNameOnly",
    "maxCachedFiles",
    "discardCachedInputRatio",
    "path",
  ].map((k) => k.toLowerCase()),
);

function positive(o: OptionsReader, name: string): number | undefined {
  const v = o.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new IllegalArgumentError(
      `Invalid value '${v}' for option '${name}', must be a positive integer`,
    );
  return n;
}

export function parseFileSourceOptions(
  options: Readonly<Record<string, string>>,
): FileSourceOptions {
  const o = new OptionsReader(options);
  const maxFilesPerTrigger = positive(o, "maxFilesPerTrigger");
  const bytesText = o.get("maxBytesPerTrigger");
  const maxBytesPerTrigger =
    bytesText === undefined ? undefined : parseByteSize("maxBytesPerTrigger", bytesText, "b");
  if (maxFilesPerTrigger !== undefined && maxBytesPerTrigger !== undefined) {
    throw new IllegalArgumentError(
      "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time",
    );
  }
  const cleanSource = o.oneOf("cleanSource", ["off", "archive", "delete"] as const, "off");
  const sourceArchiveDir = o.get("sourceArchiveDir");
  if (cleanSource === "archive" && sourceArchiveDir === undefined) {
    throw new IllegalArgumentError("Archive mode must be used with 'sourceArchiveDir' option.", {
      hint: 'Set option("sourceArchiveDir", dir): processed files are moved below it.',
    });
  }
  return {
    maxFilesPerTrigger,
    maxBytesPerTrigger,
    latestFirst: o.bool("latestFirst", false),
    maxFileAgeMs: parseDuration("maxFileAge", o.string("maxFileAge", "7d")),
    cleanSource,
    sourceArchiveDir,
    pathGlobFilter: o.get("pathGlobFilter"),
    recursiveFileLookup: o.bool("recursiveFileLookup", false),
  };
}

/** The options a micro-batch's batch reader gets. */
export function batchReaderOptions(
  options: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(options).filter(([k]) => !STREAM_ONLY_OPTIONS.has(k.toLowerCase())),
  );
}
