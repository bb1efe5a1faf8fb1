/**
 * DuckDB's reader failures on data files, told apart so that no raw DuckDB message reaches
 * a user: which of a read's files failed, and whether it is missing (deleted behind the
 * reader's back) or unreadable (truncated, not Parquet).
 */
import { existsSync } from "node:fs";
import { InputError } from "../../../errors.js";
import { isObjectStoreLocation } from "../../../storage/location.js";
import { errorMessage } from "./read-errors.js";

export interface FileFailure {
  readonly file: string;
  readonly missing: boolean;
  /** DuckDB's reason, first line, for the error's cause text. */
  readonly reason: string;
}

const FILE_IN_MESSAGE = [
  /No files found that match the pattern "((?:[^"]|"")*)"/,
  /Cannot open file "((?:[^"]|"")*)"/,
  /File '((?:[^']|'')*)' too small to be a Parquet file/,
  /No magic bytes found at end of file '((?:[^']|'')*)'/,
  /file '((?:[^']|'')*)'/i,
  /file "((?:[^"]|"")*)"/i,
];

/** Whether a file is gone: asked of the disk, or read from httpfs's answer for an object. */
function isMissing(file: string, message: string): boolean {
  if (isObjectStoreLocation(file)) return /\b404\b|Not Found|NoSuchKey/i.test(message);
  return !existsSync(file);
}

/** The failing file of `files` named by a DuckDB error, or undefined when none is. */
export function fileFailure(error: unknown, files: readonly string[]): FileFailure | undefined {
  const message = errorMessage(error);
  let file: string | undefined;
  for (const re of FILE_IN_MESSAGE) {
    const m = re.exec(message);
    if (m?.[1] !== undefined && files.includes(m[1])) {
      file = m[1];
      break;
    }
  }
  file ??= files.find((f) => message.includes(f) && isMissing(f, message));
  if (file === undefined) return undefined;
  const reason = (message.split("\n")[0] ?? message).replace(/^.*?Error: /, "");
  return { file, missing: isMissing(file, message), reason };
}

/** The typed error for a data file a plain read (Parquet, CSV, JSON) could not read. */
export function dataFileError(f: FileFailure, format: string, cause: unknown): InputError {
  if (f.missing) {
    return new InputError("PATH_NOT_FOUND", `File ${f.file} does not exist any more.`, {
      file: f.file,
      cause,
      hint: "It was deleted or moved after the read listed it; run the action again to list the files anew.",
    });
  }
  return new InputError(
    "FAILED_READ_FILE",
    `Cannot read ${format} file ${f.file}: it is corrupt or not a ${format} file (${f.reason}).`,
    {
      file: f.file,
      cause,
      hint: "Check the file (a partial copy or an interrupted write leaves it truncated); remove it or restore it from a backup.",
    },
  );
}

/** Runs `fn`, turning a DuckDB failure on one of `files` into {@link dataFileError}. */
export async function withFileErrors<T>(
  files: readonly string[],
  format: string,
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const f = fileFailure(e, files);
    if (f === undefined) throw e;
    throw dataFileError(f, format, e);
  }
}
