/**
 * Spark's CSV reader options, validated, with Spark's defaults for reading. Values the
 * DuckDB engine cannot honour are errors naming the option and value (never silently
 * ignored); options Spark does not know are ignored, as Spark ignores them.
 */

import type { OptionsReader } from "../../../config/options-reader.js";
import { IllegalArgumentError } from "../../../errors.js";
import type { UnescapedQuoteHandling } from "./csv-tokenize.js";

/** The CSV dialect: how records and fields are split. */
export interface CsvDialect {
  readonly sep: string;
  /** The quote character, or "" when quoting is off (Spark's `quote=""`). */
  readonly quote: string;
  readonly escape: string;
  /** The comment character, or "" when comments are off. */
  readonly comment: string;
  /** The files' encoding (files not in UTF-8 are decoded by csv-normalize.ts). */
  readonly encoding: "utf-8" | "utf-16" | "utf-16le" | "utf-16be" | "latin-1";
  /** `\n`, `\r` or `\r\n`; undefined lets the reader accept all three. */
  readonly lineSep: "\n" | "\r" | "\r\n" | undefined;
  /** Quoted values may span lines (multiLine; rewritten files). */
  readonly multiLine?: boolean;
  /** Our rewritten files (csv-canonical.ts): a bare `N` is null, a quoted value never is. */
  readonly canonical?: boolean;
}

export interface CsvOptions {
  readonly dialect: CsvDialect;
  readonly header: boolean;
  readonly inferSchema: boolean;
  readonly nullValue: string;
  readonly dateFormat: string | undefined;
  readonly timestampFormat: string | undefined;
  readonly timestampNTZFormat: string | undefined;
  readonly preferDate: boolean;
  readonly ignoreLeadingWhiteSpace: boolean;
  readonly ignoreTrailingWhiteSpace: boolean;
  readonly enforceSchema: boolean;
  /** Spark's `samplingRatio` when set: above 0.99 inference reads every row. */
  readonly samplingRatio: number | undefined;
  readonly maxColumns: number;
  readonly unescapedQuoteHandling: UnescapedQuoteHandling;
  readonly multiLine: boolean;
  /** What a quoted empty value reads as (Spark's default: an empty string). */
  readonly emptyValue: string;
}

const ENCODINGS: Readonly<Record<string, CsvDialect["encoding"]>> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "us-ascii": "utf-8",
  ascii: "utf-8",
  "utf-16": "utf-16",
  utf16: "utf-16",
  "utf-16le": "utf-16le",
  utf16le: "utf-16le",
  "utf-16be": "utf-16be",
  utf16be: "utf-16be",
  "latin-1": "latin-1",
  latin1: "latin-1",
  "iso-8859-1": "latin-1",
  "iso8859-1": "latin-1",
  iso_8859_1: "latin-1",
};

const SPECIAL: Readonly<Record<string, string>> = {
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
  '"': '"',
  "'": "'",
  "\\": "\\",
};

/** Spark's `sep` rules: backslash escapes (`\t`, `\\`...), several characters allowed. */
export function parseSeparator(value: string): string {
  if (value === "")
    throw new IllegalArgumentError(
      "Option sep must not be empty (Delimiter cannot be empty string).",
    );
  if (value === "\\") {
    throw new IllegalArgumentError(
      "Option sep: a single backslash is prohibited; use '\\\\' for a backslash.",
    );
  }
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] ?? "";
    if (ch !== "\\" || i === value.length - 1) {
      out += ch;
      continue;
    }
    const next = value[i + 1] ?? "";
    const special = SPECIAL[next];
    if (special === undefined)
      throw new IllegalArgumentError(
        `Option sep: unsupported special character '\\${next}' in '${value}'.`,
      );
    out += special;
    i++;
  }
  return out;
}

/** Spark's single-character options: "" turns the feature off, more than one character is an error. */
function singleChar(options: OptionsReader, name: string, fallback: string): string {
  const v = options.get(name);
  if (v === undefined) return fallback;
  if (v === "\u0000") return "";
  if ([...v].length > 1)
    throw new IllegalArgumentError(`Option ${name} must be a single character, got '${v}'.`);
  return v;
}

function encoding(options: OptionsReader): CsvDialect["encoding"] {
  const v = options.first("encoding", "charset");
  if (v === undefined) return "utf-8";
  const hit = ENCODINGS[v.trim().toLowerCase()];
  if (hit === undefined) {
    throw new IllegalArgumentError(
      `Option encoding: '${v}' is not supported by the DuckDB engine.`,
      {
        hint: "Supported encodings: UTF-8, UTF-16, UTF-16LE, UTF-16BE, ISO-8859-1 (latin-1). Convert the file to UTF-8 first.",
      },
    );
  }
  return hit;
}

function lineSep(options: OptionsReader): CsvDialect["lineSep"] {
  const v = options.get("lineSep");
  if (v === undefined) return undefined;
  if (v === "\n" || v === "\r" || v === "\r\n") return v;
  throw new IllegalArgumentError(
    `Option lineSep must be \\n, \\r or \\r\\n on the DuckDB engine, got '${JSON.stringify(v)}'.`,
  );
}

/** Options Spark knows whose other values the engine cannot honour: only the default is accepted. */
function requireDefault(options: OptionsReader, name: string, accepted: readonly string[]): void {
  const v = options.get(name);
  if (v !== undefined && !accepted.includes(v)) {
    throw new IllegalArgumentError(`Option ${name}='${v}' is not supported by the DuckDB engine.`, {
      hint: `Accepted values: ${accepted.map((a) => `'${a}'`).join(", ")}.`,
    });
  }
}

/** Reads and checks Spark's CSV options. */
export function parseCsvOptions(options: OptionsReader): CsvOptions {
  const quote = singleChar(options, "quote", '"');
  const escapeChar = singleChar(options, "escape", "\\");
  const comment = singleChar(options, "comment", "");
  requireDefault(options, "nanValue", ["NaN"]);
  requireDefault(options, "positiveInf", ["Inf", "Infinity", "+Inf", "+Infinity"]);
  requireDefault(options, "negativeInf", ["-Inf", "-Infinity"]);
  requireDefault(options, "locale", ["en-US", "en_US", "en"]);
  const unescapedQuoteHandling = options.oneOf(
    "unescapedQuoteHandling",
    [
      "STOP_AT_DELIMITER",
      "STOP_AT_CLOSING_QUOTE",
      "BACK_TO_DELIMITER",
      "SKIP_VALUE",
      "RAISE_ERROR",
    ] as const,
    "STOP_AT_DELIMITER",
  );
  const samplingRatio = options.number("samplingRatio");
  if (samplingRatio !== undefined && (samplingRatio <= 0 || samplingRatio > 1)) {
    throw new IllegalArgumentError(
      `Option samplingRatio must be in (0, 1], got '${options.get("samplingRatio")}'.`,
    );
  }
  const multiLine = options.bool("multiLine", false);
  const maxColumns = options.int("maxColumns", 20480);
  if (maxColumns < 1)
    throw new IllegalArgumentError(`Option maxColumns must be positive, got '${maxColumns}'.`);
  const sep = parseSeparator(options.first("sep", "delimiter") ?? ",");
  const nullValue = options.string("nullValue", "");
  // DuckDB's reader refuses these overlaps; say so in Spark's terms.
  if (quote !== "" && sep.includes(quote))
    throw new IllegalArgumentError(
      `Option sep '${sep}' must not contain the quote character '${quote}'.`,
    );
  if (quote !== "" && nullValue.includes(quote)) {
    throw new IllegalArgumentError(
      `Option nullValue '${nullValue}' must not contain the quote character '${quote}' on the DuckDB engine.`,
    );
  }
  return {
    dialect: {
      sep,
      quote,
      escape: quote === "" ? "" : escapeChar,
      comment,
      encoding: encoding(options),
      lineSep: lineSep(options),
      multiLine,
    },
    header: options.bool("header", false),
    inferSchema: options.bool("inferSchema", false),
    nullValue,
    dateFormat: options.get("dateFormat"),
    timestampFormat: options.get("timestampFormat"),
    timestampNTZFormat: options.get("timestampNTZFormat"),
    preferDate: options.has("preferDate")
      ? options.bool("preferDate", true)
      : options.bool("prefersDate", true),
    ignoreLeadingWhiteSpace: options.bool("ignoreLeadingWhiteSpace", false),
    ignoreTrailingWhiteSpace: options.bool("ignoreTrailingWhiteSpace", false),
    enforceSchema: options.bool("enforceSchema", true),
    samplingRatio,
    maxColumns,
    unescapedQuoteHandling,
    multiLine,
    emptyValue: options.string("emptyValue", ""),
  };
}
