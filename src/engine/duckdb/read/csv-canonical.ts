/**
 * The canonical CSV that rewritten files are in (see csv-normalize.ts): each record on its
 * original line, as `<line>,<value>,...` with every value quoted (`""` for a quote) and null
 * a bare `N`; skipped lines are `#` comments. Also the SQL that shows a rewritten record
 * and its file as the user wrote them.
 */
import { quoteString } from "../sql-quote.js";
import type { CsvDialect } from "./csv-options.js";

/** The canonical dialect of rewritten files. */
export const CANONICAL: CsvDialect = {
  sep: ",",
  quote: '"',
  escape: '"',
  comment: "#",
  encoding: "utf-8",
  lineSep: undefined,
  canonical: true,
};

/** The first column of rewritten files: the record's line in the original file. */
export const LINE_COLUMN = "__tributary_line";

/** The `nullstr` of rewritten files (values are always quoted, so it cannot be a value). */
export const CANONICAL_NULL = "N";

export const canonicalValue = (v: string | null): string =>
  v === null ? CANONICAL_NULL : `"${v.replaceAll('"', '""')}"`;

const CANONICAL_VALUE = `("(?:[^"]|"")*"|N)(?:,|$)`;
/** The line-number field that starts a rewritten record. */
const strip = (record: string): string => `regexp_replace(${record}, '^[0-9]+,', '')`;

/** SQL: a rewritten record's text shown as the original's values joined by `sep`. */
export function displayRecordSql(record: string, sep: string): string {
  const values = `regexp_extract_all(${strip(record)}, ${quoteString(CANONICAL_VALUE)}, 1)`;
  const shown = `list_transform(${values}, x -> CASE WHEN x = ${quoteString(CANONICAL_NULL)} THEN '' ELSE replace(substr(x, 2, length(x) - 2), '""', '"') END)`;
  return `array_to_string(${shown}, ${quoteString(sep)})`;
}

/** The same in TypeScript (for error messages). */
export function displayRecord(record: string, sep: string): string {
  return [...record.replace(/^[0-9]+,/, "").matchAll(new RegExp(CANONICAL_VALUE, "g"))]
    .filter((m) => m[0] !== "")
    .map((m) => {
      const v = m[1] ?? "";
      return v === CANONICAL_NULL ? "" : v.slice(1, -1).replaceAll('""', '"');
    })
    .join(sep);
}

/** SQL: the original file of a scanned (maybe rewritten) file's path. */
export function originalPathSql(
  path: string,
  files: readonly string[],
  originals: readonly string[],
): string {
  if (files.every((f, i) => f === originals[i])) return path;
  const cases = files.map(
    (f, i) => `WHEN ${quoteString(f)} THEN ${quoteString(originals[i] ?? f)}`,
  );
  return `CASE ${path} ${cases.join(" ")} ELSE ${path} END`;
}

/**
 * SQL: the original text of a rewritten record: its lines of the original file (`lines`, the
 * file split at line feeds), as many as the rewritten record spans; the record's values
 * joined by `sep` when the file is not at hand.
 */
export function originalRecordSql(
  record: string,
  lines: string,
  line: string,
  sep: string,
): string {
  const span = `(length(${record}) - length(replace(${record}, chr(10), '')))`;
  const text = `array_to_string(${lines}[${line}:${line} + ${span}], chr(10))`;
  return `coalesce(rtrim(${text}, chr(13)), ${displayRecordSql(record, sep)})`;
}
