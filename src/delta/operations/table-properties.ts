/**
 * Table properties (`delta.*`) a new table may be created with. Known properties are checked
 * for valid values; features tributary cannot write are refused by name; unknown `delta.`
 * keys fail like delta-spark's DELTA_UNKNOWN_CONFIGURATION.
 */
import { parseByteSize, parseDuration, sparkBoolean } from "../../config/index.js";
import { DeltaError } from "../../errors.js";
import { autoCompactValue } from "./auto-optimize.js";

type Check = (value: string) => boolean;

const isBool: Check = (v) => sparkBoolean(v) !== undefined;
const isPositiveInt: Check = (v) => /^\d+$/.test(v) && Number(v) > 0;
const isInt: Check = (v) => /^-?\d+$/.test(v);
const isDuration: Check = (v) => {
  try {
    parseDuration("delta property", v, "ms");
    return true;
  } catch {
    // The caller reports the invalid value with the property name.
    return false;
  }
};

const isByteSize: Check = (v) => {
  try {
    return parseByteSize("delta property", v, "b") > 0;
  } catch {
    // The caller reports the invalid value with the property name.
    return false;
  }
};

const KNOWN: Readonly<Record<string, Check>> = {
  "delta.appendOnly": isBool,
  "delta.checkpointInterval": isPositiveInt,
  "delta.logRetentionDuration": isDuration,
  "delta.deletedFileRetentionDuration": isDuration,
  "delta.dataSkippingNumIndexedCols": isInt,
  "delta.enableExpiredLogCleanup": isBool,
  "delta.checkpoint.writeStatsAsJson": isBool,
  "delta.checkpoint.writeStatsAsStruct": isBool,
  "delta.randomizeFilePrefixes": isBool,
  "delta.isolationLevel": (v) => ["Serializable", "WriteSerializable"].includes(v),
  "delta.enableDeletionVectors": isBool,
  "delta.enableChangeDataFeed": isBool,
  "delta.columnMapping.mode": (v) => ["none", "name", "id"].includes(v.toLowerCase()),
  "delta.checkpointPolicy": (v) => ["classic", "v2"].includes(v.toLowerCase()),
  "delta.autoOptimize.optimizeWrite": isBool,
  "delta.autoOptimize.autoCompact": (v) => autoCompactValue(v) !== undefined,
  "delta.targetFileSize": isByteSize,
};

/** Properties that need features tributary does not write yet. */
const UNSUPPORTED: Readonly<Record<string, (v: string) => boolean>> = {
  "delta.enableRowTracking": (v) => sparkBoolean(v) === true,
};

export function validateTableProperties(
  props: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    const unsupported = UNSUPPORTED[key];
    if (unsupported !== undefined) {
      if (unsupported(value)) {
        throw new DeltaError(
          "DELTA_UNSUPPORTED_FEATURE",
          `Table property ${key}=${value} needs a Delta feature tributary does not write yet.`,
          {
            hint: "Create the table without it, or with delta-spark.",
          },
        );
      }
      out[key] = value;
      continue;
    }
    const check = KNOWN[key];
    if (check === undefined) {
      throw new DeltaError(
        "DELTA_UNKNOWN_CONFIGURATION",
        `Unknown configuration was specified: ${key}.`,
        {
          hint: `Known table properties: ${Object.keys(KNOWN).join(", ")}.`,
        },
      );
    }
    if (!check(value)) {
      throw new DeltaError(
        "DELTA_INVALID_TABLE_PROPERTY",
        `Invalid value '${value}' for table property ${key}.`,
        {
          hint: key.endsWith("Duration")
            ? "Use an interval such as 'interval 30 days'."
            : "Check the property's documented values.",
        },
      );
    }
    out[key] = value;
  }
  return out;
}
