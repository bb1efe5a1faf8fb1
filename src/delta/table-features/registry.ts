/**
 * Table features and protocol versions: what tributary can read and write correctly. A table
 * that needs anything else is refused by name, never misread.
 */

import { sparkBoolean } from "../../config/boolean.js";
import { DeltaError } from "../../errors.js";
import type { Metadata, Protocol } from "../actions/types.js";

/** Reader features we read correctly (vacuumProtocolCheck only constrains VACUUM, which honours it). */
const READABLE = new Set([
  "timestampNtz",
  "vacuumProtocolCheck",
  "appendOnly",
  "invariants",
  "checkConstraints",
  "deletionVectors",
  "columnMapping",
  // Files written before a widening keep the narrower type; every read casts to the schema's.
  "typeWidening",
  "typeWidening-preview",
  "v2Checkpoint",
]);

/** Writer features we honour when writing. */
const WRITABLE = new Set([
  "appendOnly",
  "invariants",
  "timestampNtz",
  "vacuumProtocolCheck",
  "domainMetadata",
  // Every write checks NOT NULL columns and delta.constraints.* (operations/constraints.ts).
  "checkConstraints",
  // Rewriting whole files (copy-on-write) is valid on a table with deletion vectors as long
  // as every read applies them and every remove carries them, which ours do.
  "deletionVectors",
  // Every write computes missing generated columns and checks given ones (generated-columns.ts).
  "generatedColumns",
  // DELETE, UPDATE, MERGE and replaceWhere write `cdc` files when the table asks for them
  // (operations/change-data.ts).
  "changeDataFeed",
  // Checkpoints of such tables are written in the v2 layout (checkpoint/v2.ts).
  "v2Checkpoint",
  // Data files, partition values and stats use physical names and field ids (schema/column-mapping.ts).
  "columnMapping",
]);

/**
 * Legacy writer versions imply features whether the table uses them or not; a writer need
 * honour only those the metadata turns on (PROTOCOL.md, "Writer Version Requirements").
 */
const LEGACY_IN_USE: Readonly<Record<string, (m: Metadata) => boolean>> = {
  changeDataFeed: (m) => sparkBoolean(m.configuration["delta.enableChangeDataFeed"] ?? "") === true,
  generatedColumns: (m) => m.schemaString.includes('"delta.generationExpression"'),
  identityColumns: (m) => m.schemaString.includes('"delta.identity.'),
};

/** What each legacy protocol version implies (before table features). */
const LEGACY_WRITER_FEATURES: Readonly<Record<number, readonly string[]>> = {
  2: ["appendOnly", "invariants"],
  3: ["appendOnly", "invariants", "checkConstraints"],
  4: ["appendOnly", "invariants", "checkConstraints", "changeDataFeed", "generatedColumns"],
  5: [
    "appendOnly",
    "invariants",
    "checkConstraints",
    "changeDataFeed",
    "generatedColumns",
    "columnMapping",
  ],
  6: [
    "appendOnly",
    "invariants",
    "checkConstraints",
    "changeDataFeed",
    "generatedColumns",
    "columnMapping",
    "identityColumns",
  ],
};

/** Reader features a protocol needs. */
export function readerFeatures(p: Protocol): string[] {
  if (p.minReaderVersion >= 3) return [...(p.readerFeatures ?? [])];
  return p.minReaderVersion === 2 ? ["columnMapping"] : [];
}

/** Writer features a protocol needs. */
export function writerFeatures(p: Protocol): string[] {
  if (p.minWriterVersion >= 7) return [...(p.writerFeatures ?? [])];
  return [...(LEGACY_WRITER_FEATURES[p.minWriterVersion] ?? [])];
}

function refuse(path: string, what: "read" | "write", features: string[], p: Protocol): DeltaError {
  return new DeltaError(
    "DELTA_UNSUPPORTED_FEATURE",
    `Cannot ${what} Delta table ${path}: it uses table feature(s) ${features.map((f) => `'${f}'`).join(", ")} (protocol ${p.minReaderVersion},${p.minWriterVersion}), which tributary does not support yet.`,
    {
      hint:
        what === "read"
          ? "Read the table with delta-spark or delta-rs, or disable the feature there."
          : "Write to this table with delta-spark or delta-rs.",
      context: {
        path,
        features,
        minReaderVersion: p.minReaderVersion,
        minWriterVersion: p.minWriterVersion,
      },
    },
  );
}

/** Throws unless every reader feature of the table is supported. */
export function checkReadable(path: string, p: Protocol): void {
  if (p.minReaderVersion > 3) throw refuse(path, "read", [`readerVersion${p.minReaderVersion}`], p);
  const missing = readerFeatures(p).filter((f) => !READABLE.has(f));
  if (missing.length > 0) throw refuse(path, "read", missing, p);
}

/**
 * Throws unless every writer feature of the table is supported. With the table's metadata,
 * features a legacy protocol implies but the table does not use are not asked for.
 */
export function checkWritable(path: string, p: Protocol, metadata?: Metadata): void {
  checkReadable(path, p);
  if (p.minWriterVersion > 7)
    throw refuse(path, "write", [`writerVersion${p.minWriterVersion}`], p);
  const inUse = (f: string): boolean => {
    const used = LEGACY_IN_USE[f];
    return (
      p.minWriterVersion >= 7 || metadata === undefined || used === undefined || used(metadata)
    );
  };
  const missing = writerFeatures(p).filter((f) => !WRITABLE.has(f) && inUse(f));
  if (missing.length > 0) throw refuse(path, "write", missing, p);
}
