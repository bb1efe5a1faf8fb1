/**
 * `read_csv(...)` calls with the dialect always explicit (`auto_detect = false`): the
 * sniffer never guesses, so malformed files read as the user described them. Every path,
 * option value and column name goes through `sql-quote`.
 */
import { quoteString } from "../sql-quote.js";
import { LINE_COLUMN } from "./csv-canonical.js";
import type { CsvDialect } from "./csv-options.js";

/** How a scan treats malformed records. */
export type Tolerance =
  /** Any malformed record fails the statement. */
  | { readonly kind: "strict" }
  /** Malformed records are dropped (and recorded, when `record` is given). */
  | { readonly kind: "drop"; readonly record: string | undefined }
  /** Every record is kept: missing fields are null, extra fields are dropped. */
  | { readonly kind: "lenient" };

export interface CsvScan {
  readonly files: readonly string[];
  readonly dialect: CsvDialect;
  readonly header: boolean;
  readonly nullValue: string;
  /** Reader column name -> DuckDB type, in file order. */
  readonly columns: readonly (readonly [string, string])[];
  readonly dateFormat: string | undefined;
  readonly timestampFormat: string | undefined;
  readonly tolerance: Tolerance;
  /** Adds DuckDB's `filename` column (its `file_index` fails inside UNION ALL ... ORDER BY). */
  readonly filename?: boolean;
  /** The query reads only the first records (a `LIMIT`): see SAMPLE_BUFFER. */
  readonly firstRecordsOnly?: boolean;
}

/**
 * Read buffer for scans that stop at a `LIMIT`. DuckDB's parallel reader parses whole
 * buffers (32 MiB by default) before the limit stops it: for inference's 20,480 records of
 * the 106 MB bench file it parsed ~2M rows (~75 ms of CPU of ~135). The line size limit
 * stays DuckDB's default, so the scan reads the same records.
 */
const SAMPLE_BUFFER = ["buffer_size = 4194304", "max_line_size = 2097152"];

const NEWLINES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\r\n": "\\r\\n" };

/** The dialect arguments, shared with the re-reading of rejected records. */
export function dialectArgs(d: CsvDialect, nullValue: string): string[] {
  const args = [
    `delim = ${quoteString(d.sep)}`,
    `quote = ${quoteString(d.quote)}`,
    `escape = ${quoteString(d.escape)}`,
  ];
  if (d.comment !== "") args.push(`comment = ${quoteString(d.comment)}`);
  const nl = d.lineSep === undefined ? undefined : NEWLINES[d.lineSep];
  if (nl !== undefined) args.push(`new_line = ${quoteString(nl)}`);
  if (d.canonical === true)
    args.push(`nullstr = ${quoteString(nullValue)}`, "allow_quoted_nulls = false");
  // Spark reads an empty unquoted field as null whatever nullValue is.
  else args.push(nullValue === "" ? "nullstr = ''" : `nullstr = [${quoteString(nullValue)}, '']`);
  return args;
}

function toleranceArgs(t: Tolerance): string[] {
  switch (t.kind) {
    case "strict":
      return ["strict_mode = true", "null_padding = false"];
    case "drop":
      return ["strict_mode = true", "null_padding = false", t.record ?? "ignore_errors = true"];
    case "lenient":
      return ["strict_mode = false", "null_padding = true", "ignore_errors = true"];
  }
}

/** `read_csv([...files], ...)`. */
export function readCsvSql(scan: CsvScan): string {
  const files = `[${scan.files.map(quoteString).join(", ")}]`;
  // Rewritten files start each record with its line number (csv-canonical.ts).
  const all: (readonly [string, string])[] =
    scan.dialect.canonical === true
      ? [[LINE_COLUMN, "BIGINT"], ...scan.columns]
      : [...scan.columns];
  const columns = `{${all.map(([n, t]) => `${quoteString(n)}: ${quoteString(t)}`).join(", ")}}`;
  const args = [
    files,
    "auto_detect = false",
    `header = ${scan.header}`,
    ...dialectArgs(scan.dialect, scan.nullValue),
    `columns = ${columns}`,
    ...toleranceArgs(scan.tolerance),
  ];
  // DuckDB's parallel scanner refuses null_padding when quoted values span lines.
  if (
    scan.tolerance.kind === "lenient" &&
    (scan.dialect.canonical === true || scan.dialect.multiLine === true)
  )
    args.push("parallel = false");
  if (scan.filename === true) args.push("filename = true");
  if (scan.firstRecordsOnly === true) args.push(...SAMPLE_BUFFER);
  if (scan.dateFormat !== undefined) args.push(`dateformat = ${quoteString(scan.dateFormat)}`);
  if (scan.timestampFormat !== undefined)
    args.push(`timestampformat = ${quoteString(scan.timestampFormat)}`);
  return `read_csv(${args.join(", ")})`;
}

/** SQL: the file of the current row of a multi-file scan (DuckDB's `file_index` virtual column). */
export function fileOfRowSql(files: readonly string[]): string {
  if (files.length === 1) return quoteString(files[0] ?? "");
  return `([${files.map(quoteString).join(", ")}])[file_index + 1]`;
}
