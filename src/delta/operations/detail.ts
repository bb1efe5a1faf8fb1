/**
 * The table's detail, as delta-spark's DESCRIBE DETAIL: format, id, name, location,
 * timestamps, partitioning, size, properties and the protocol with its table features.
 *
 * @example
 * ```ts
 * const d = tableDetail(await loadTable(engine, "lake/events"));
 * d.numFiles; // live data files
 * ```
 */
import { absoluteLocation } from "../../storage/location.js";
import type { Snapshot } from "../snapshot/snapshot.js";
import { readerFeatures, writerFeatures } from "../table-features/registry.js";

export interface TableDetail {
  readonly format: "delta";
  readonly id: string;
  readonly name: string | null;
  readonly description: string | null;
  readonly location: string;
  readonly createdAt: Date | null;
  readonly lastModified: Date;
  readonly partitionColumns: readonly string[];
  readonly clusteringColumns: readonly string[];
  readonly numFiles: number;
  readonly sizeInBytes: number;
  readonly properties: Readonly<Record<string, string>>;
  readonly minReaderVersion: number;
  readonly minWriterVersion: number;
  readonly tableFeatures: readonly string[];
}

/** Columns of liquid clustering, kept by delta-spark in the `delta.clustering` domain. */
function clusteringColumns(snapshot: Snapshot): string[] {
  const domain = snapshot.domains.get("delta.clustering");
  if (domain === undefined) return [];
  try {
    const parsed = JSON.parse(domain.configuration) as { clusteringColumns?: unknown };
    if (!Array.isArray(parsed.clusteringColumns)) return [];
    return parsed.clusteringColumns.map((c) => (Array.isArray(c) ? c.join(".") : String(c)));
  } catch {
    // An unreadable domain only hides the clustering columns from the detail.
    return [];
  }
}

export function tableDetail(snapshot: Snapshot): TableDetail {
  const features = [
    ...new Set([...readerFeatures(snapshot.protocol), ...writerFeatures(snapshot.protocol)]),
  ].sort();
  return {
    format: "delta",
    id: snapshot.metadata.id,
    name: snapshot.metadata.name ?? null,
    description: snapshot.metadata.description ?? null,
    location: absoluteLocation(snapshot.tablePath),
    createdAt:
      typeof snapshot.metadata.createdTime === "number"
        ? new Date(snapshot.metadata.createdTime)
        : null,
    lastModified: new Date(snapshot.timestamp),
    partitionColumns: [...snapshot.partitionColumns],
    clusteringColumns: clusteringColumns(snapshot),
    numFiles: snapshot.files().length,
    sizeInBytes: snapshot.sizeInBytes(),
    properties: { ...snapshot.configuration },
    minReaderVersion: snapshot.protocol.minReaderVersion,
    minWriterVersion: snapshot.protocol.minWriterVersion,
    tableFeatures: features,
  };
}
