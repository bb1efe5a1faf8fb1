/**
 * Files DuckDB's CSV reader would split differently from Spark are rewritten first, by our
 * Spark tokenizer (csv-tokenize.ts), into the canonical CSV of csv-canonical.ts, which
 * DuckDB cannot misread and which keeps the original line numbers.
 *
 * A file is read as it is when nothing in it can differ: quotes only around whole fields
 * that both readers read alike, no blank or whitespace-only line, valid UTF-8, and no option
 * that only the tokenizer honours (comments, trimming, lineSep, other encodings). Checking
 * is one pass of native byte searches; only other files pay for the rewrite.
 */
import { isUtf8 } from "node:buffer";
import { closeSync, fstatSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
import { join } from "node:path";
import { CANONICAL, CANONICAL_NULL, canonicalValue } from "./csv-canonical.js";
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
  /** The first record (header or first data record) of the first file that has one. */
  readonly first: { file: string; tokens: string[] } | undefined;
}

const single = (c: string): number | undefined => {
  const b = Buffer.from(c);
  return b.length === 1 ? b[0] : undefined;
};

/**
 * True when every quote in the file is one DuckDB's reader and Spark's read alike: it opens
 * a field (at a line start or after the separator), the next quote closes it (a doubled quote
 * inside when the escape is the quote itself), right before a separator or a line end, with
 * no escape character inside, no line break inside unless multiLine, and null-value rules
 * that cannot tell a quoted empty value apart. Uses only native searches over the bytes.
 */
function quotesAgree(bytes: Buffer, o: CsvOptions): boolean {
  const d = o.dialect;
  const q = single(d.quote);
  const sep = single(d.sep);
  const e = d.escape === "" ? undefined : single(d.escape);
  if (q === undefined || sep === undefined || (d.escape !== "" && e === undefined)) return false;
  let i = bytes.indexOf(q);
  if (i < 0) return true;
  // Quoted empty values: Spark reads emptyValue, DuckDB null; only the defaults agree.
  if (o.nullValue !== "" || o.emptyValue !== "") return false;
  const isEnd = (k: number): boolean => k >= bytes.length || bytes[k] === 10 || bytes[k] === 13;
  while (i >= 0) {
    const before = i === 0 ? 10 : bytes[i - 1];
    const opens = i === 0 || before === 10 || before === 13 || before === sep;
    if (!opens) return false;
    let j: number = bytes.indexOf(q, i + 1);
    while (j >= 0 && e === q && bytes[j + 1] === q) j = bytes.indexOf(q, j + 2);
    if (j < 0) return false;
    const inside = bytes.subarray(i + 1, j);
    if (e !== undefined && e !== q && inside.indexOf(e) >= 0) return false;
    // Line breaks inside quotes: Spark splits the line (or, with multiLine, turns \r\n into \n).
    if (inside.indexOf(13) >= 0 || (!o.multiLine && inside.indexOf(10) >= 0)) return false;
    if (!(isEnd(j + 1) || bytes[j + 1] === sep)) return false;
    i = bytes.indexOf(q, j + 1);
  }
  return true;
}

/** True when options alone call for the rewrite (only our tokenizer honours them). */
function optionsNeedRewrite(o: CsvOptions): boolean {
  const d = o.dialect;
  if (d.encoding !== "utf-8" || d.comment !== "" || d.lineSep !== undefined) return true;
  return o.ignoreLeadingWhiteSpace || o.ignoreTrailingWhiteSpace;
}

/** True when these whole lines of a file (`first`: the file's start) need the rewrite. */
function linesNeedRewrite(bytes: Buffer, o: CsvOptions, first: boolean): boolean {
  // Spark decodes invalid UTF-8 as U+FFFD; DuckDB's reader rejects the record.
  if (!isUtf8(bytes)) return true;
  if (o.dialect.quote !== "" && !quotesAgree(bytes, o)) return true;
  return hasBlankLine(bytes, first);
}

const isBreak = (b: number | undefined): boolean => b === 10 || b === 13;
/** Bytes a blank line may hold: up to the space, and a byte-order mark at the file's start. */
const blankByte = (b: number, atStart: boolean): boolean =>
  b <= 32 || (atStart && (b === 0xef || b === 0xbb || b === 0xbf));

/**
 * True when a line of `bytes` (whole lines; `first`: the file's start, where a byte-order
 * mark may stand) is empty or holds only bytes <= 32: DuckDB reads such a line as a record,
 * or as the header. A `\r\n` is one line break; a lone `\r` is one too. Only the bytes at
 * the start of each line are looked at one by one; a native search skips the rest of the
 * line (a byte-by-byte loop over the whole file cost more than DuckDB's own scan of it).
 */
export function hasBlankLine(bytes: Uint8Array, first: boolean): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const n = buffer.length;
  const crlf = buffer.indexOf(13) >= 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j < n && !isBreak(buffer[j]) && blankByte(buffer[j] ?? 0, first && j < 3)) j++;
    if (j >= n) return false;
    if (isBreak(buffer[j])) return true;
    let end = buffer.indexOf(10, j);
    if (crlf) {
      const r = buffer.indexOf(13, j);
      if (r >= 0 && (end < 0 || r < end)) end = buffer[r + 1] === 10 ? r + 1 : r;
    }
    if (end < 0) return false;
    i = end + 1;
  }
  return false;
}

/**
 * Bytes read per step of the check. One small buffer, reused, stays in the CPU's cache and
 * its pages are touched once: reading the 106 MB bench file through a fresh 64 MiB buffer
 * cost 50-115 ms of CPU (the kernel zeroing new pages), through a reused 4 MiB one 9-18 ms.
 * With multiLine a quoted value may hold line breaks and so span a step's cut, which counts
 * as disagreeing (the file is then rewritten): large steps keep that rare.
 */
const CHECK_CHUNK = 4 * 1024 * 1024;
const MULTILINE_CHECK_CHUNK = 64 * 1024 * 1024;

/**
 * Checks a file in steps of whole lines (memory stays bounded for large files). A quoted
 * value spanning two steps counts as disagreeing: the file is then rewritten, which is
 * always correct, only slower.
 */
function fileNeedsRewrite(file: string, o: CsvOptions): boolean {
  if (optionsNeedRewrite(o)) return true;
  const fd = openSync(file, "r");
  try {
    const step = o.multiLine ? MULTILINE_CHECK_CHUNK : CHECK_CHUNK;
    // No larger than the file: a large buffer for each of a thousand small files costs
    // seconds of allocation and GC.
    let buffer = Buffer.allocUnsafe(Math.min(step, fstatSync(fd).size + 1));
    let carried = 0;
    let position = 0;
    let first = true;
    for (;;) {
      // A line longer than the buffer: grow it (the carried part is the line's start).
      if (carried === buffer.length) {
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, carried);
        buffer = larger;
      }
      const n = readSync(fd, buffer, carried, buffer.length - carried, position);
      position += n;
      const data = buffer.subarray(0, carried + n);
      const eof = n === 0;
      const cut = eof ? data.length : data.lastIndexOf(10) + 1;
      if (cut > 0 && linesNeedRewrite(data.subarray(0, cut), o, first)) return true;
      if (eof) return false;
      if (cut > 0) first = false;
      // The unfinished last line moves to the buffer's start; the next read follows it.
      data.copyWithin(0, cut);
      carried = data.length - cut;
    }
  } finally {
    closeSync(fd);
  }
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

/** Decides, per read, whether files are rewritten; rewrites them into `scratchDir`. */
export function prepareCsv(
  files: readonly string[],
  o: CsvOptions,
  scratchDir: string,
  planId: number,
  firstOf: (file: string) => string[] | undefined,
  force = false,
): PreparedCsv {
  if (!force && !files.some((f) => fileNeedsRewrite(f, o))) {
    let first: PreparedCsv["first"];
    for (const file of files) {
      const tokens = firstOf(file);
      if (tokens !== undefined) {
        first = { file, tokens };
        break;
      }
    }
    return {
      files,
      originals: files,
      normalized: false,
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
