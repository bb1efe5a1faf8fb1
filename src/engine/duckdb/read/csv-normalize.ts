/**
 * Files DuckDB's CSV reader would split differently from Spark are rewritten first, by our
 * Spark tokenizer (csv-tokenize.ts), into the canonical CSV of csv-canonical.ts, which
 * DuckDB cannot misread and which keeps the original line numbers.
 *
 * A file is read as it is when nothing in it can differ: quotes only around whole fields
 * that both readers read alike, no blank or whitespace-only line, valid UTF-8, and no option
 * that only the tokenizer honours (comments, trimming, lineSep, other encodings): csv-check.ts
 * decides, with native byte searches; only other files pay for the rewrite.
 */
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { CANONICAL, CANONICAL_NULL, canonicalValue } from "./csv-canonical.js";
import { type BlankLineDeferral, checkFiles, hasBlankLineAnywhere } from "./csv-check.js";
import type { CsvDialect, CsvOptions } from "./csv-options.js";
import { csvRecords } from "./csv-tokenize.js";

/** How the scans read the prepared files. */
export interface CsvScanDialect {
  readonly dialect: CsvDialect;
  readonly header: boolean;
  readonly nullValue: string;
  readonly trimLeading: boolean;
  readonly trimTrailing: boolean;
}

export interface PreparedCsv {
  /** The files to scan (rewritten ones in the scratch directory). */
  readonly files: readonly string[];
  /** The original file of each scanned file, same order. */
  readonly originals: readonly string[];
  readonly scan: CsvScanDialect;
  readonly normalized: boolean;
  /** True when the files were read as they are with the blank-line search deferred (csv-check.ts). */
  readonly blankLinesDeferred: boolean;
  /** The first record (header or first data record) of the first file that has one. */
  readonly first: { file: string; tokens: string[] } | undefined;
}

/**
 * The text of a file as Java decodes it for Spark: invalid bytes become U+FFFD; `UTF-16`
 * follows its byte-order mark and is big-endian without one.
 */
function decode(bytes: Buffer, encoding: CsvDialect["encoding"]): string {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const label =
    encoding === "utf-16"
      ? le
        ? "utf-16le"
        : "utf-16be"
      : encoding === "latin-1"
        ? "latin1"
        : encoding;
  const text = label === "latin1" ? bytes.toString("latin1") : new TextDecoder(label).decode(bytes);
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/** Rewrites `file` into `target`; returns its first record's values. */
function rewrite(file: string, bytes: Buffer, target: string, o: CsvOptions): string[] | undefined {
  const d = o.dialect;
  const records = csvRecords(
    decode(bytes, d.encoding),
    {
      sep: d.sep,
      quote: d.quote,
      escape: d.escape,
      comment: d.comment,
      trimLeading: o.ignoreLeadingWhiteSpace,
      trimTrailing: o.ignoreTrailingWhiteSpace,
      handling: o.unescapedQuoteHandling,
      multiLine: o.multiLine,
      lineSep: d.lineSep,
      nullValue: o.nullValue,
      emptyValue: o.emptyValue,
    },
    file,
  );
  const fd = openSync(target, "w");
  let first: string[] | undefined;
  let written = 0;
  let out = "";
  try {
    for (const r of records) {
      out += "#\n".repeat(Math.max(0, r.line - 1 - written));
      written = r.line - 1;
      const isHeader = first === undefined && o.header;
      if (first === undefined) first = r.values.map((v) => v ?? "");
      out += isHeader
        ? "#\n".repeat(r.lines)
        : `${r.line},${r.values.map(canonicalValue).join(",")}\n`;
      written += r.lines;
      if (out.length > 1 << 20) {
        writeSync(fd, out);
        out = "";
      }
    }
    writeSync(fd, out);
  } finally {
    closeSync(fd);
  }
  return first;
}

/** Rewrites `files` into `targets` (again, when an action re-reads them); returns the first record. */
export function rewriteFiles(
  files: readonly string[],
  o: CsvOptions,
  targets: readonly string[],
  contents: readonly Buffer[] = files.map((f) => readFileSync(f)),
): PreparedCsv["first"] {
  let first: PreparedCsv["first"];
  files.forEach((file, i) => {
    const tokens = rewrite(file, contents[i] ?? Buffer.alloc(0), targets[i] ?? "", o);
    if (first === undefined && tokens !== undefined) first = { file, tokens };
  });
  return first;
}

/** The first record of the first file that has one. */
function firstRecord(
  files: readonly string[],
  firstOf: (file: string) => string[] | undefined,
): PreparedCsv["first"] {
  for (const file of files) {
    const tokens = firstOf(file);
    if (tokens !== undefined) return { file, tokens };
  }
  return undefined;
}

/**
 * Decides, per read, whether files are rewritten; rewrites them into `scratchDir`. With a
 * `deferral`, the search for blank lines past the sample may wait (csv-check.ts).
 */
export function prepareCsv(
  files: readonly string[],
  o: CsvOptions,
  scratchDir: string,
  planId: number,
  firstOf: (file: string) => string[] | undefined,
  force = false,
  deferral?: BlankLineDeferral,
): PreparedCsv {
  const checked = force ? undefined : checkFiles(files, o, deferral);
  if (checked !== undefined) {
    const first = firstRecord(files, firstOf);
    // One column: an empty line would read as a null row, so the search cannot wait.
    const now = checked.deferred && (deferral?.columns ?? first?.tokens.length ?? 0) < 2;
    if (!(now && hasBlankLineAnywhere(files, o)))
      return {
        files,
        originals: files,
        normalized: false,
        blankLinesDeferred: checked.deferred && !now,
        first,
        scan: {
          dialect: o.dialect,
          header: o.header,
          nullValue: o.nullValue,
          trimLeading: o.ignoreLeadingWhiteSpace,
          trimTrailing: o.ignoreTrailingWhiteSpace,
        },
      };
  }
  // One dialect for the whole scan: when one file needs the rewrite, all get it.
  const targets = files.map((_, i) =>
    join(scratchDir, `csv-${planId}-${i}${force ? "-exact" : ""}.csv`),
  );
  const first = rewriteFiles(files, o, targets);
  const rewritten = targets;
  return {
    files: rewritten,
    originals: files,
    normalized: true,
    blankLinesDeferred: false,
    first,
    scan: {
      dialect: CANONICAL,
      header: false,
      nullValue: CANONICAL_NULL,
      trimLeading: false,
      trimTrailing: false,
    },
  };
}
