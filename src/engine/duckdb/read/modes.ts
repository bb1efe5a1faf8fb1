/**
 * Spark's options for malformed records, shared by the CSV and JSON sources: `mode`,
 * `columnNameOfCorruptRecord` and `badRecordsPath`.
 */

import type { OptionsReader } from "../../../config/options-reader.js";
import { AnalysisError } from "../../../errors.js";
import type { StructType } from "../../../types/data-types.js";

/** PERMISSIVE keeps a malformed record (nulls where fields did not parse), DROPMALFORMED drops it, FAILFAST stops. */
export type ParseMode = "PERMISSIVE" | "DROPMALFORMED" | "FAILFAST";

export interface MalformedOptions {
  readonly mode: ParseMode;
  /** Spark's `columnNameOfCorruptRecord` (default `_corrupt_record`). */
  readonly corruptColumn: string;
  /** Where rejected records are written as JSON lines, when set. */
  readonly badRecordsPath: string | undefined;
}

/** Reads the malformed-record options; checks the corrupt-record column is a string. */
export function malformedOptions(
  options: OptionsReader,
  schema: StructType | undefined,
): MalformedOptions {
  const mode = options.oneOf(
    "mode",
    ["PERMISSIVE", "DROPMALFORMED", "FAILFAST"] as const,
    "PERMISSIVE",
  );
  const corruptColumn = options.string("columnNameOfCorruptRecord", "_corrupt_record");
  const index = schema?.fields.findIndex((f) => f.name === corruptColumn) ?? -1;
  const field = schema?.fields[index];
  if (field !== undefined && field.dataType.typeName !== "string") {
    throw new AnalysisError(
      "INVALID_CORRUPT_RECORD_TYPE",
      `The column \`${corruptColumn}\` for corrupt records must have the nullable STRING type, got ${field.dataType.typeName}.`,
      {
        hint: "Declare it as STRING in the schema, or set columnNameOfCorruptRecord to another name.",
      },
    );
  }
  const badRecordsPath = options.get("badRecordsPath");
  return {
    mode,
    corruptColumn,
    badRecordsPath: badRecordsPath === "" ? undefined : badRecordsPath,
  };
}
