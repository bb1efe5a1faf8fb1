/**
 * `ALTER TABLE ... SET / UNSET TBLPROPERTIES` and protocol upgrades on a Delta table, one
 * metadata commit each: turning a feature on upgrades the protocol in the same commit; a
 * feature tributary cannot write is refused by name before anything is written.
 */
import { AnalysisError, DeltaError } from "../../errors.js";
import {
  type ColumnMappingMode,
  columnMappingMode,
  enableColumnMapping,
  MAX_ID_KEY,
} from "../schema/column-mapping.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import { checkWritable } from "../table-features/registry.js";
import { featuresOfProperties, withFeatures, withVersions } from "../table-features/upgrade.js";
import { commitMetadata, withSchema } from "./alter-table.js";
import type { TableCommandContext } from "./common.js";
import { validateTableProperties } from "./table-properties.js";

/** Spark's reserved table properties: SET TBLPROPERTIES refuses them (Spark sets them itself). */
const RESERVED = ["comment", "location", "provider", "owner", "external", "is_managed_location"];

function refuseReserved(properties: Readonly<Record<string, string>>): void {
  const key = Object.keys(properties).find((k) => RESERVED.includes(k.toLowerCase()));
  if (key === undefined) return;
  const why = key.toLowerCase() === "owner" ? ", it will be set to the current user" : "";
  throw new AnalysisError(
    "UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY",
    `The feature is not supported: ${key} is a reserved table property${why}.`,
    { hint: `Use another key than ${RESERVED.join(", ")}.` },
  );
}

const READER_KEY = "delta.minReaderVersion";
const WRITER_KEY = "delta.minWriterVersion";

function modeChange(snapshot: Snapshot, next: ColumnMappingMode): never {
  const from = columnMappingMode(snapshot.configuration);
  throw new DeltaError(
    "DELTA_UNSUPPORTED_COLUMN_MAPPING_MODE_CHANGE",
    `Changing column mapping mode from '${from}' to '${next}' is not supported.`,
    {
      hint:
        next === "none"
          ? "Removing column mapping rewrites every data file; tributary does not do that yet (delta-spark does)."
          : "Only 'none' to 'name' can be changed on an existing table.",
      context: { path: snapshot.tablePath, from, to: next },
    },
  );
}

/**
 * `ALTER TABLE t SET TBLPROPERTIES (...)`: `delta.*` keys are checked (unknown ones and
 * features tributary cannot write are refused); a property that needs a feature upgrades the
 * protocol in the same commit; `delta.minReaderVersion` / `delta.minWriterVersion` upgrade it
 * explicitly. Turning `name` column mapping on gives every column an id and keeps its name as
 * its physical name.
 */
export async function setProperties(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  properties: Readonly<Record<string, string>>,
): Promise<number> {
  checkWritable(snapshot.tablePath, snapshot.protocol, snapshot.metadata);
  refuseReserved(properties);
  const { [READER_KEY]: reader, [WRITER_KEY]: writer, ...rest } = properties;
  const delta = Object.fromEntries(Object.entries(rest).filter(([k]) => k.startsWith("delta.")));
  validateTableProperties(delta);
  const configuration = { ...snapshot.configuration, ...rest };
  const before = columnMappingMode(snapshot.configuration);
  const after = columnMappingMode(configuration);
  let schema = snapshot.schema;
  if (before !== after) {
    if (before !== "none" || after !== "name") modeChange(snapshot, after);
    const enabled = enableColumnMapping(snapshot.schema);
    schema = enabled.schema;
    configuration[MAX_ID_KEY] = String(enabled.maxColumnId);
  }
  const versions = withVersions(
    snapshot.protocol,
    reader === undefined ? 0 : versionOf(READER_KEY, reader),
    writer === undefined ? 0 : versionOf(WRITER_KEY, writer),
  );
  const protocol = withFeatures(versions, featuresOfProperties(configuration));
  const metadata = withSchema(snapshot, schema, { configuration });
  return commitMetadata(ctx, snapshot, { protocol, metadata }, "SET TBLPROPERTIES", {
    properties: JSON.stringify(properties),
  });
}

function versionOf(key: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new DeltaError(
      "DELTA_INVALID_TABLE_PROPERTY",
      `Invalid value '${value}' for table property ${key}.`,
      {
        hint: "Protocol versions are positive integers (reader 1-3, writer 1-7).",
      },
    );
  return n;
}

/** `ALTER TABLE t UNSET TBLPROPERTIES [IF EXISTS] (...)`: absent keys are ignored with or without IF EXISTS, as in Spark 4. */
export async function unsetProperties(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  keys: readonly string[],
): Promise<number> {
  checkWritable(snapshot.tablePath, snapshot.protocol, snapshot.metadata);
  const configuration = Object.fromEntries(
    Object.entries(snapshot.configuration).filter(([k]) => !keys.includes(k)),
  );
  if (columnMappingMode(configuration) !== columnMappingMode(snapshot.configuration))
    modeChange(snapshot, "none");
  return commitMetadata(
    ctx,
    snapshot,
    { metadata: { ...snapshot.metadata, configuration } },
    "UNSET TBLPROPERTIES",
    // Spark 4 ignores absent keys either way, and records ifExists as true.
    { properties: JSON.stringify(keys), ifExists: true },
  );
}

/** delta-spark's `upgradeTableProtocol(reader, writer)`: one commit; versions never go down. */
export async function upgradeProtocol(
  ctx: TableCommandContext,
  snapshot: Snapshot,
  reader: number,
  writer: number,
): Promise<number> {
  return setProperties(ctx, snapshot, {
    [READER_KEY]: String(reader),
    [WRITER_KEY]: String(writer),
  });
}
