/**
 * Spark's JSON reader options, validated. DuckDB's JSON parser is strict JSON: Spark options
 * that would accept other text (comments, unquoted names) are errors when turned on; the
 * ones Spark turns on by default (single quotes, NaN) are accepted, and such text becomes a
 * malformed record, counted like any other.
 */

import type { OptionsReader } from "../../../config/options-reader.js";
import { IllegalArgumentError } from "../../../errors.js";

export interface JsonOptions {
  readonly multiLine: boolean;
  readonly primitivesAsString: boolean;
  readonly dropFieldIfAllNull: boolean;
  /** Spark's `inferTimestamp` (default false: timestamp-like strings stay strings). */
  readonly inferTimestamp: boolean;
  readonly dateFormat: string | undefined;
  readonly timestampFormat: string | undefined;
  readonly timestampNTZFormat: string | undefined;
  readonly samplingRatio: number | undefined;
  readonly lineSep: "\n" | "\r\n" | undefined;
}

/** Options whose `true` DuckDB's parser cannot honour. */
const STRICT_PARSER = [
  "allowComments",
  "allowUnquotedFieldNames",
  "allowBackslashEscapingAnyCharacter",
  "allowUnquotedControlChars",
  "allowNumericLeadingZeros",
  "prefersDecimal",
];

export function parseJsonOptions(options: OptionsReader): JsonOptions {
  for (const name of STRICT_PARSER) {
    if (options.bool(name, false)) {
      throw new IllegalArgumentError(
        `Option ${name}=true is not supported by the DuckDB engine (its JSON parser is strict).`,
        {
          hint: `Remove option ${name}, or read the files as text (format "text") and parse them with from_json.`,
        },
      );
    }
  }
  options.bool("allowSingleQuotes", true);
  options.bool("allowNonNumericNumbers", true);
  const encoding = options.first("encoding", "charset");
  if (
    encoding !== undefined &&
    !["utf-8", "utf8", "us-ascii", "ascii"].includes(encoding.trim().toLowerCase())
  ) {
    throw new IllegalArgumentError(
      `Option encoding: '${encoding}' is not supported for JSON by the DuckDB engine.`,
      {
        hint: "JSON files must be UTF-8. Convert them first.",
      },
    );
  }
  const lineSep = options.get("lineSep");
  if (lineSep !== undefined && lineSep !== "\n" && lineSep !== "\r\n") {
    throw new IllegalArgumentError(
      `Option lineSep must be \\n or \\r\\n for JSON on the DuckDB engine, got '${JSON.stringify(lineSep)}'.`,
    );
  }
  const samplingRatio = options.number("samplingRatio");
  if (samplingRatio !== undefined && (samplingRatio <= 0 || samplingRatio > 1)) {
    throw new IllegalArgumentError(
      `Option samplingRatio must be in (0, 1], got '${options.get("samplingRatio")}'.`,
    );
  }
  return {
    multiLine: options.bool("multiLine", false),
    primitivesAsString: options.bool("primitivesAsString", false),
    dropFieldIfAllNull: options.bool("dropFieldIfAllNull", false),
    inferTimestamp: options.bool("inferTimestamp", false),
    dateFormat: options.get("dateFormat"),
    timestampFormat: options.get("timestampFormat"),
    timestampNTZFormat: options.get("timestampNTZFormat"),
    samplingRatio,
    lineSep: lineSep === "\n" || lineSep === "\r\n" ? lineSep : undefined,
  };
}
