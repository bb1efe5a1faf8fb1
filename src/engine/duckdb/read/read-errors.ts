/**
 * Reading DuckDB's reader errors: which file and line a failed statement stopped at, so a
 * source can tell its own malformed records from other failures.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { RejectedRecord } from "../../engine.js";

/** DuckDB's own message inside our wrapped errors. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause;
    if (cause instanceof Error) return cause.message;
    return error.message;
  }
  return String(error);
}

function ownFile(candidate: string | undefined, files: readonly string[]): string | undefined {
  if (candidate === undefined) return undefined;
  const c = candidate.trim();
  return files.find((f) => f === c);
}

/**
 * `CSV Error on Line: N / Original Line: ... / reason ... file = path`: the record, when the
 * failure is a CSV reader error in one of `files`.
 */
export function csvErrorAt(message: string, files: readonly string[]): RejectedRecord | undefined {
  const at = /CSV Error on Line: (\d+)/.exec(message);
  if (at === null) return undefined;
  const fileLines = [...message.matchAll(/\n\s*file = ([^\n]*)/g)].map((m) => m[1]);
  const file =
    ownFile(fileLines[fileLines.length - 1], files) ??
    (fileLines.length === 0 && files.length === 1 ? files[0] : undefined);
  if (file === undefined) return undefined;
  const original = /Original Line: ([^\n]*)\n([^\n]*)/.exec(message);
  return {
    file,
    line: Number(at[1]),
    record: original?.[1] ?? "",
    reason: original?.[2]?.trim() ?? message.split("\n")[0] ?? "",
  };
}

/**
 * `Malformed JSON in file "x", at byte B in line N: reason` and `JSON transform error in
 * file "x", in line N: reason`: the failure, when it is in one of `files`.
 */
export function jsonErrorAt(message: string, files: readonly string[]): RejectedRecord | undefined {
  const m =
    /(?:Malformed JSON|JSON transform error|JSON) in file "((?:[^"]|"")*)"(?:, at byte \d+)?(?:,)? in (?:line|record\/value) (\d+): ([^\n]*)/.exec(
      message,
    );
  if (m === null) return undefined;
  const file = ownFile(m[1], files);
  if (file === undefined) return undefined;
  return { file, line: Number(m[2]), record: "", reason: (m[3] ?? "").trim() };
}

/** The 1-based line of `file` whose text is `record` (FAILFAST diagnostics only). */
export async function lineOf(file: string, record: string): Promise<number | undefined> {
  const lines = createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line === record) {
      lines.close();
      return n;
    }
  }
  return undefined;
}
