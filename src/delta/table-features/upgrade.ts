/**
 * Protocol upgrades (PROTOCOL.md, "Table Features" and "Protocol upgrades"): the protocol a
 * table needs for its properties, reached from the current one in the same commit as the
 * metadata change, as delta-spark 4.0 does it: a legacy protocol that must gain a feature
 * becomes a table-features protocol (writer 7) listing what its old version implied; column
 * mapping alone needs reader version 2, any other reader feature reader version 3; features
 * that are exactly a legacy version pair's are written as that pair.
 */
import { sparkBoolean } from "../../config/boolean.js";
import type { Protocol } from "../actions/types.js";
import { readerFeatures, writerFeatures } from "./registry.js";

/** Features that readers must know too (the others are writer-only). */
const READER_WRITER = new Set([
  "columnMapping",
  "deletionVectors",
  "timestampNtz",
  "v2Checkpoint",
  "typeWidening",
  "vacuumProtocolCheck",
]);

/** The features a table's properties turn on. */
export function featuresOfProperties(configuration: Readonly<Record<string, string>>): string[] {
  const on = (key: string) => sparkBoolean(configuration[key] ?? "") === true;
  const out: string[] = [];
  const mode = (configuration["delta.columnMapping.mode"] ?? "none").toLowerCase();
  if (mode !== "none") out.push("columnMapping");
  if (on("delta.enableDeletionVectors")) out.push("deletionVectors");
  if (on("delta.enableChangeDataFeed")) out.push("changeDataFeed");
  if (on("delta.appendOnly")) out.push("appendOnly");
  if (on("delta.enableRowTracking")) out.push("rowTracking", "domainMetadata");
  if ((configuration["delta.checkpointPolicy"] ?? "classic").toLowerCase() === "v2")
    out.push("v2Checkpoint");
  if (Object.keys(configuration).some((k) => k.startsWith("delta.constraints.")))
    out.push("checkConstraints");
  return out;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * As delta-spark normalizes a protocol: table features that are exactly what a legacy
 * version pair implies are written as that pair; `current` itself when nothing changed.
 */
function normalized(p: Protocol, current: Protocol): Protocol {
  let out = p;
  const reader = readerFeatures(p);
  if (p.minWriterVersion >= 7 && reader.every((f) => f === "columnMapping")) {
    const writer = writerFeatures(p);
    const r = reader.length === 0 ? 1 : 2;
    for (let v = r === 2 ? 5 : 1; v <= 6; v++) {
      if (sameSet(writerFeatures({ minReaderVersion: r, minWriterVersion: v }), writer)) {
        out = { minReaderVersion: r, minWriterVersion: v };
        break;
      }
    }
  }
  const unchanged =
    out.minReaderVersion === current.minReaderVersion &&
    out.minWriterVersion === current.minWriterVersion &&
    sameSet(readerFeatures(out), readerFeatures(current)) &&
    sameSet(writerFeatures(out), writerFeatures(current));
  return unchanged ? current : out;
}

/** `current` with `features` supported too (unchanged, the same object, when it has them). */
export function withFeatures(current: Protocol, features: readonly string[]): Protocol {
  const writer = writerFeatures(current);
  const reader = readerFeatures(current);
  const missingWriter = features.filter((f) => !writer.includes(f));
  const missingReader = features.filter((f) => READER_WRITER.has(f) && !reader.includes(f));
  if (missingWriter.length === 0 && missingReader.length === 0) return current;
  const allReader = [...reader, ...missingReader];
  const allWriter = [...missingWriter, ...writer];
  const onlyMapping = allReader.every((f) => f === "columnMapping");
  if (current.minReaderVersion < 3 && onlyMapping)
    return normalized(
      {
        minReaderVersion: allReader.length === 0 ? current.minReaderVersion : 2,
        minWriterVersion: 7,
        writerFeatures: allWriter,
      },
      current,
    );
  return normalized(
    {
      minReaderVersion: 3,
      minWriterVersion: 7,
      readerFeatures: allReader,
      writerFeatures: allWriter,
    },
    current,
  );
}

/**
 * `upgradeTableProtocol(reader, writer)`: at least these versions; a legacy protocol raised
 * to table features lists the features its versions implied. Never lowers a version.
 */
export function withVersions(current: Protocol, reader: number, writer: number): Protocol {
  const r = Math.max(current.minReaderVersion, reader);
  // Reader version 3 (reader features) goes with writer version 7 (writer features).
  const w = r >= 3 ? 7 : Math.max(current.minWriterVersion, writer);
  if (r === current.minReaderVersion && w === current.minWriterVersion) return current;
  if (w < 7) return { minReaderVersion: r, minWriterVersion: w };
  return normalized(
    {
      minReaderVersion: r,
      minWriterVersion: 7,
      ...(r >= 3 ? { readerFeatures: readerFeatures(current) } : {}),
      writerFeatures: writerFeatures(current),
    },
    current,
  );
}
