/**
 * May DuckDB read a CSV file as it is, or must our tokenizer rewrite it first
 * (csv-normalize.ts)? One pass of native byte searches per file: valid UTF-8, quotes that
 * both readers read alike, no blank or whitespace-only line, no option only the tokenizer
 * honours.
 *
 * The blank-line search (most of the check's cost) may wait for a failure instead: past the
 * lines every eager reader sees (the header, inference's sample), DuckDB's strict scan of a
 * file of two or more columns with a visible separator skips an empty line as Spark does, and
 * fails on a whitespace-only line or on mixed line breaks around a blank one: it never reads
 * a blank line silently otherwise. Such a read searches, and rewrites, only after its scan
 * failed (`hasBlankLineAnywhere`). Not deferred: one column (an empty line reads as a null
 * row), whitespace separators (a tab-only line is a row of nulls), multiLine (records are
 * not lines), a sampling ratio (inference reads the whole file) and DROPMALFORMED (a
 * whitespace-only line would be dropped and counted as malformed, where Spark skips it).
 */
import { isUtf8 } from "node:buffer";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { CsvOptions } from "./csv-options.js";

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

/** True when these whole lines need the rewrite for their bytes or quotes. */
function bytesNeedRewrite(bytes: Buffer, o: CsvOptions): boolean {
  // Spark decodes invalid UTF-8 as U+FFFD; DuckDB's reader rejects the record.
  if (!isUtf8(bytes)) return true;
  return o.dialect.quote !== "" && !quotesAgree(bytes, o);
}

const isBreak = (b: number | undefined): boolean => b === 10 || b === 13;
/** Bytes a blank line may hold: up to the space, and a byte-order mark at the file's start. */
const blankByte = (b: number, atStart: boolean): boolean =>
  b <= 32 || (atStart && (b === 0xef || b === 0xbb || b === 0xbf));

/**
 * True when a line of `bytes` (whole lines; `first`: the file's start, where a byte-order
 * mark may stand) is empty or holds only bytes <= 32: DuckDB reads such a line as a record,
 * or as the header. A `\r\n` is one line break; a lone `\r` is one too.
 */
export function hasBlankLine(bytes: Uint8Array, first: boolean): boolean {
  return blankLineScan(bytes, first, Number.POSITIVE_INFINITY) < 0;
}

/**
 * Looks for a blank line (see hasBlankLine) among the first `maxLines` lines of `bytes`;
 * returns -1 when one is there, else how many lines it looked at. Only the bytes at the
 * start of each line are looked at one by one; a native search skips the rest of the line
 * (a byte-by-byte loop over the whole file cost more than DuckDB's own scan of it).
 */
function blankLineScan(bytes: Uint8Array, first: boolean, maxLines: number): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const n = buffer.length;
  const crlf = buffer.indexOf(13) >= 0;
  let i = 0;
  let lines = 0;
  while (i < n && lines < maxLines) {
    let j = i;
    while (j < n && !isBreak(buffer[j]) && blankByte(buffer[j] ?? 0, first && j < 3)) j++;
    if (j >= n) return lines + 1;
    if (isBreak(buffer[j])) return -1;
    let end = buffer.indexOf(10, j);
    if (crlf) {
      const r = buffer.indexOf(13, j);
      if (r >= 0 && (end < 0 || r < end)) end = buffer[r + 1] === 10 ? r + 1 : r;
    }
    lines++;
    if (end < 0) return lines;
    i = end + 1;
  }
  return lines;
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

/** What checking one file found. */
interface FileCheck {
  readonly rewrite: boolean;
  /** Lines searched for blank ones (all of them when the search was not cut short). */
  readonly lines: number;
  /** True when the blank-line search stopped before the file's end. */
  readonly cut: boolean;
}

/**
 * Checks a file in steps of whole lines (memory stays bounded for large files), searching
 * its first `blankLines` lines for blank ones. A quoted value spanning two steps counts as
 * disagreeing: the file is then rewritten, which is always correct, only slower.
 */
function checkFile(file: string, o: CsvOptions, blankLines: number): FileCheck {
  if (optionsNeedRewrite(o)) return { rewrite: true, lines: 0, cut: false };
  const fd = openSync(file, "r");
  try {
    const step = o.multiLine ? MULTILINE_CHECK_CHUNK : CHECK_CHUNK;
    // No larger than the file: a large buffer for each of a thousand small files costs
    // seconds of allocation and GC.
    let buffer = Buffer.allocUnsafe(Math.min(step, fstatSync(fd).size + 1));
    let carried = 0;
    let position = 0;
    let first = true;
    let lines = 0;
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
      if (cut > 0) {
        const whole = data.subarray(0, cut);
        if (bytesNeedRewrite(whole, o)) return { rewrite: true, lines, cut: false };
        if (lines < blankLines) {
          const seen = blankLineScan(whole, first, blankLines - lines);
          if (seen < 0) return { rewrite: true, lines, cut: false };
          lines += seen;
        }
        first = false;
      }
      // A file of exactly `blankLines` lines counts as cut: its later search finds nothing.
      if (eof) return { rewrite: false, lines, cut: lines >= blankLines };
      // The unfinished last line moves to the buffer's start; the next read follows it.
      data.copyWithin(0, cut);
      carried = data.length - cut;
    }
  } finally {
    closeSync(fd);
  }
}

/** When the blank-line search may wait for a failed scan; undefined: it may not. */
export interface BlankLineDeferral {
  /** Records read eagerly from the start of the files in order (inference's sample). */
  readonly sampleRecords: number;
  /** The data columns a schema fixes; undefined: the first record's. */
  readonly columns: number | undefined;
}

/** The deferral a read allows (see the module comment), or undefined. */
export function blankLineDeferral(
  o: CsvOptions,
  dropMalformed: boolean,
  sampleRecords: number,
  columns: number | undefined,
): BlankLineDeferral | undefined {
  const sep = single(o.dialect.sep);
  if (sep === undefined || sep <= 32 || o.multiLine || dropMalformed) return undefined;
  if (o.samplingRatio !== undefined || (columns !== undefined && columns < 2)) return undefined;
  return { sampleRecords, columns };
}

/** Lines of every file searched eagerly: a blank first line shifts the header. */
const EAGER_FILE_LINES = 2;

/**
 * Checks `files` in order. Undefined when one needs the rewrite; else `deferred` tells
 * whether a blank-line search was cut short (the rest waits for a failed scan).
 */
export function checkFiles(
  files: readonly string[],
  o: CsvOptions,
  deferral: BlankLineDeferral | undefined,
): { readonly deferred: boolean } | undefined {
  // Twice the sample (and each file's header line): the sample's lenient scan skips a line
  // it cannot read (over DuckDB's 2 MB line limit), and the next line takes its place.
  let records = deferral === undefined ? Number.POSITIVE_INFINITY : 2 * deferral.sampleRecords;
  const header = o.header ? 1 : 0;
  let deferred = false;
  for (const file of files) {
    const r = checkFile(file, o, Math.max(records + header, EAGER_FILE_LINES));
    if (r.rewrite) return undefined;
    deferred ||= r.cut;
    records = Math.max(0, records - Math.max(0, r.lines - header));
  }
  return { deferred };
}

/** The deferred search: true when a file has a blank line anywhere. */
export function hasBlankLineAnywhere(files: readonly string[], o: CsvOptions): boolean {
  return files.some((f) => checkFile(f, o, Number.POSITIVE_INFINITY).rewrite);
}
