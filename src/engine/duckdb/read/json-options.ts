/**
 * Spark's JSON reader options, validated, with Spark's defaults: the parser leniencies
 * (single quotes and NaN / Infinity on, the others off), the inference switches, and how
 * files split into records (`multiLine`, `lineSep`, `encoding`).
 */

import type { OptionsReader } from "../../../config/options-reader.js";
import { IllegalArgumentError } from "../../../errors.js";
import type { JsonTextOptions } from "./json-records.js";

export interface JsonOptions {
  readonly multiLine: boolean;
  readonly primitivesAsString: boolean;
  readonly prefersDecimal: boolean;
  readonly dropFieldIfAllNull: boolean;
  /** Spark's `inferTimestamp` (default false: timestamp-like strings stay strings). */
  readonly inferTimestamp: boolean;
  readonly dateFormat: string | undefined;
  readonly timestampFormat: string | undefined;
  readonly timestampNTZFormat: string | undefined;
  /** How the files split into records and how each record parses. */
  readonly text: JsonTextOptions;
  /** True when DuckDB's strict reader reads the records as Spark would (see json-strategy.ts). */
  readonly nativeReadable: boolean;
}

function encodingOf(options: OptionsReader): string {
  const raw = options.first("encoding", "charset");
  if (raw === undefined) return "utf-8";
  // Java's UTF-16 picks the byte order from the byte-order mark (json-records.ts does too).
  if (raw.trim().toLowerCase() === "utf-16") return "utf-16";
  try {
    return new TextDecoder(raw.trim()).encoding;
  } catch (e) {
    throw new IllegalArgumentError(`Option encoding: '${raw}' is not a known character set.`, {
      cause: e,
      hint: "Use a charset name such as UTF-8, UTF-16LE, UTF-16BE or ISO-8859-1.",
    });
  }
}

/** Spark's rules for JSON Lines in another charset: no BOM-dependent charset, and an explicit lineSep. */
function checkLineEncoding(
  options: OptionsReader,
  multiLine: boolean,
  lineSep: string | undefined,
  encoding: string,
): void {
  const raw = options.first("encoding", "charset");
  if (multiLine || raw === undefined || encoding === "utf-8") return;
  const name = raw.trim().toUpperCase();
  if (name === "UTF-16" || name === "UTF-32") {
    throw new IllegalArgumentError(
      `The ${raw} encoding must not be included in the blacklist when multiLine is disabled: UTF-16, UTF-32.`,
      { hint: "Name the byte order (UTF-16LE, UTF-16BE), or read with multiLine." },
    );
  }
  if (lineSep === undefined) {
    throw new IllegalArgumentError(
      `The lineSep option must be specified for the ${raw} encoding.`,
      {
        hint: 'Add option("lineSep", "\n") (the separator as text; it is encoded in the charset).',
      },
    );
  }
}

export function parseJsonOptions(options: OptionsReader): JsonOptions {
  const samplingRatio = options.number("samplingRatio");
  if (samplingRatio !== undefined && (samplingRatio <= 0 || samplingRatio > 1)) {
    throw new IllegalArgumentError(
      `Option samplingRatio must be in (0, 1], got '${options.get("samplingRatio")}'.`,
    );
  }
  const lineSep = options.get("lineSep");
  if (lineSep === "") {
    throw new IllegalArgumentError("Option lineSep must not be empty.", {
      hint: "Leave it unset to split on \\n, \\r\\n and \\r.",
    });
  }
  const multiLine = options.bool("multiLine", false);
  const encoding = encodingOf(options);
  checkLineEncoding(options, multiLine, lineSep, encoding);
  const text: JsonTextOptions = {
    multiLine,
    lineSep,
    encoding,
    allowComments: options.bool("allowComments", false),
    allowUnquotedFieldNames: options.bool("allowUnquotedFieldNames", false),
    allowSingleQuotes: options.bool("allowSingleQuotes", true),
    allowNumericLeadingZeros: options.bool("allowNumericLeadingZeros", false),
    allowNonNumericNumbers: options.bool("allowNonNumericNumbers", true),
    allowBackslashEscapingAnyCharacter: options.bool("allowBackslashEscapingAnyCharacter", false),
    allowUnquotedControlChars: options.bool("allowUnquotedControlChars", false),
  };
  const primitivesAsString = options.bool("primitivesAsString", false);
  const prefersDecimal = options.bool("prefersDecimal", false);
  // DuckDB's reader is strict JSON: text only a lenient option accepts, other splitting or
  // decoding, and numbers whose text matters all need the exact plan. With multiLine it
  // reads files that are one JSON array (anything else fails it and takes the exact plan).
  const nativeReadable =
    encoding === "utf-8" &&
    (lineSep === undefined || lineSep === "\n" || lineSep === "\r\n") &&
    !text.allowComments &&
    !text.allowUnquotedFieldNames &&
    !text.allowNumericLeadingZeros &&
    !text.allowBackslashEscapingAnyCharacter &&
    !text.allowUnquotedControlChars &&
    !primitivesAsString &&
    !prefersDecimal;
  return {
    multiLine,
    primitivesAsString,
    prefersDecimal,
    dropFieldIfAllNull: options.bool("dropFieldIfAllNull", false),
    inferTimestamp: options.bool("inferTimestamp", false),
    dateFormat: options.get("dateFormat"),
    timestampFormat: options.get("timestampFormat"),
    timestampNTZFormat: options.get("timestampNTZFormat"),
    text,
    nativeReadable,
  };
}
