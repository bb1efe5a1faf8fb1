/**
 * The first record of a CSV file, tokenized as Spark does (its header, or the record that
 * fixes the column count), and Spark's rules for turning it into column names. Read in
 * process so that names travel as data: they reach SQL only through `quoteIdent`.
 */
import { closeSync, openSync, readSync } from "node:fs";
import type { CsvDialect } from "./csv-options.js";

const CHUNK = 64 * 1024;
const LIMIT = 16 * 1024 * 1024;

function decode(bytes: Buffer, encoding: CsvDialect["encoding"]): string {
  // Only UTF-8 files reach here: others are rewritten (csv-normalize.ts).
  const text = encoding === "latin-1" ? bytes.toString("latin1") : bytes.toString("utf8");
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/** The tokens of one record starting at `start`, and where the next record starts (-1: incomplete). */
function parseRecord(
  text: string,
  start: number,
  d: CsvDialect,
): { tokens: string[]; next: number } {
  const tokens: string[] = [];
  let i = start;
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (quoted) {
      if (d.escape !== "" && ch === d.escape && text[i + 1] === d.quote) {
        field += d.quote;
        i += 2;
      } else if (ch === d.quote) {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (d.quote !== "" && ch === d.quote && field === "" && !wasQuoted) {
      quoted = true;
      wasQuoted = true;
      i++;
    } else if (text.startsWith(d.sep, i)) {
      tokens.push(field);
      field = "";
      wasQuoted = false;
      i += d.sep.length;
    } else if (ch === "\n" || ch === "\r") {
      tokens.push(field);
      const next = ch === "\r" && text[i + 1] === "\n" ? i + 2 : i + 1;
      return { tokens, next };
    } else {
      field += ch;
      i++;
    }
  }
  tokens.push(field);
  return { tokens, next: quoted ? -1 : text.length };
}

/** True for a line Spark skips before the header: blank, or starting with the comment character. */
function skippable(text: string, start: number, d: CsvDialect): number {
  let end = start;
  while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
  const line = text.slice(start, end);
  if (line.trim() === "" || (d.comment !== "" && line.startsWith(d.comment))) {
    if (end >= text.length) return -1;
    return text[end] === "\r" && text[end + 1] === "\n" ? end + 2 : end + 1;
  }
  return start;
}

/** The first non-blank, non-comment record of `file`, or undefined for a file without one. */
export function readFirstRecord(file: string, d: CsvDialect): string[] | undefined {
  const fd = openSync(file, "r");
  try {
    let bytes = Buffer.alloc(0);
    for (;;) {
      const chunk = Buffer.alloc(CHUNK);
      const n = readSync(fd, chunk, 0, CHUNK, bytes.length);
      bytes = Buffer.concat([bytes, chunk.subarray(0, n)]);
      const eof = n === 0 || bytes.length >= LIMIT;
      const text = decode(bytes, d.encoding);
      let pos = 0;
      for (;;) {
        const next = skippable(text, pos, d);
        if (next === pos) break;
        if (next < 0) {
          pos = -1;
          break;
        }
        pos = next;
      }
      if (pos < 0 || pos >= text.length) {
        if (eof) return undefined;
        continue;
      }
      const record = parseRecord(text, pos, d);
      if (record.next >= 0 && (record.next < text.length || eof)) return record.tokens;
      if (eof) return record.tokens;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Spark's `makeSafeHeader`: empty names and names equal to `nullValue` become `_c<i>`;
 * names repeated (case-insensitively, as `spark.sql.caseSensitive=false`) get their index
 * appended (`a0`, `a1`); without a header every column is `_c<i>`.
 */
export function safeHeader(
  tokens: readonly string[],
  header: boolean,
  nullValue: string,
): string[] {
  if (!header) return tokens.map((_, i) => `_c${i}`);
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t.toLowerCase(), (counts.get(t.toLowerCase()) ?? 0) + 1);
  return tokens.map((t, i) => {
    if (t === "" || t === nullValue) return `_c${i}`;
    return (counts.get(t.toLowerCase()) ?? 0) > 1 ? `${t}${i}` : t;
  });
}
