/**
 * Spark writer options -> DuckDB COPY options. Spark's defaults differ from DuckDB's in
 * places and Spark's win: CSV has no header unless asked, Parquet is snappy-compressed.
 */

import { OptionsReader } from "../../../config/options-reader.js";
import { IllegalArgumentError } from "../../../errors.js";
import { quoteIdent, quoteString } from "../sql-quote.js";

export const FILE_EXTENSIONS: Readonly<Record<string, string>> = {
  parquet: ".parquet",
  csv: ".csv",
  json: ".json",
};

const PARQUET_CODECS: Readonly<Record<string, string>> = {
  none: "uncompressed",
  uncompressed: "uncompressed",
  snappy: "snappy",
  gzip: "gzip",
  zstd: "zstd",
  lz4: "lz4",
  lz4_raw: "lz4_raw",
  brotli: "brotli",
};

const TEXT_CODECS: Readonly<Record<string, string>> = {
  none: "none",
  uncompressed: "none",
  gzip: "gzip",
  zstd: "zstd",
};

function codec(table: Readonly<Record<string, string>>, value: string, format: string): string {
  const c = table[value.toLowerCase()];
  if (c === undefined) {
    throw new IllegalArgumentError(`Unknown ${format} compression codec '${value}'.`, {
      hint: `Use one of: ${Object.keys(table).join(", ")}.`,
    });
  }
  return c;
}

export function copyOptions(
  format: string,
  raw: Readonly<Record<string, string>>,
  partitionBy: readonly string[],
  singleFile = false,
): string {
  const o = new OptionsReader(raw);
  const parts: string[] = [];
  const compression = o.get("compression") ?? o.get("codec");
  if (format === "parquet") {
    parts.push(
      "FORMAT parquet",
      `COMPRESSION ${codec(PARQUET_CODECS, compression ?? "snappy", format)}`,
      "RETURN_STATS true",
    );
    const maxRecords = o.int("maxRecordsPerFile", 0);
    if (maxRecords > 0) parts.push(`ROW_GROUP_SIZE ${maxRecords}`, "ROW_GROUPS_PER_FILE 1");
    if (partitionBy.length === 0 && !singleFile) parts.push("PER_THREAD_OUTPUT true");
  } else if (format === "csv") {
    // Rows arrive as finished lines (csv-line.ts): COPY must write them untouched.
    parts.push("FORMAT csv", `HEADER ${o.bool("header", false)}`);
    parts.push("DELIMITER '\x01'", "QUOTE ''", "ESCAPE ''", "NULLSTR ''");
    parts.push(`COMPRESSION ${codec(TEXT_CODECS, compression ?? "none", format)}`);
  } else {
    // JSON rows arrive as finished lines of text (json-text.ts), written out verbatim.
    parts.push(
      "FORMAT csv",
      "HEADER false",
      "QUOTE ''",
      "ESCAPE ''",
      `DELIMITER ${quoteString("\u0001")}`,
      `COMPRESSION ${codec(TEXT_CODECS, compression ?? "none", format)}`,
    );
  }
  parts.push(`FILENAME_PATTERN ${quoteString("part-{uuid}")}`);
  if (partitionBy.length > 0)
    parts.push(`PARTITION_BY (${partitionBy.map(quoteIdent).join(", ")})`);
  return parts.join(", ");
}
