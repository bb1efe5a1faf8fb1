/**
 * Conflict detection, following delta-spark's ConflictChecker at its default isolation
 * level (WriteSerializable): when another writer committed first, our commit may still go
 * in after it unless the winner changed the protocol or metadata, removed files we read or
 * removed, added files our reads would have seen (unless the winner was a blind append), or
 * committed the same idempotent-write application id.
 */
import type { Action, AddFile } from "../actions/types.js";

/** What a transaction read and did, for checking against winners. */
export interface TransactionFootprint {
  /** The transaction read every file (overwrite, delete/update/merge without a file filter). */
  readonly readWholeTable: boolean;
  /** Partition filters of what was read: a winner's added file matching any conflicts. */
  readonly readPartitions:
    | ((partitionValues: Readonly<Record<string, string | null>>) => boolean)
    | undefined;
  /** Paths of the files the transaction read. */
  readonly readFiles: ReadonlySet<string>;
  /** Paths of the files the transaction removes. */
  readonly removedFiles: ReadonlySet<string>;
  readonly changesMetadata: boolean;
  readonly appIds: readonly string[];
}

export type ConflictKind =
  | "PROTOCOL_CHANGED"
  | "METADATA_CHANGED"
  | "CONCURRENT_APPEND"
  | "CONCURRENT_DELETE_READ"
  | "CONCURRENT_DELETE_DELETE"
  | "CONCURRENT_TRANSACTION";

export interface Conflict {
  readonly kind: ConflictKind;
  readonly winningVersion: number;
  readonly detail: string;
}

function isBlindAppend(actions: readonly Action[]): boolean {
  for (const a of actions) {
    if ("commitInfo" in a) return a.commitInfo.isBlindAppend === true;
  }
  return false;
}

/** The first conflict between our footprint and one winning commit, if any. */
export function findConflict(
  ours: TransactionFootprint,
  winningVersion: number,
  winner: readonly Action[],
): Conflict | undefined {
  const conflict = (kind: ConflictKind, detail: string): Conflict => ({
    kind,
    winningVersion,
    detail,
  });
  for (const a of winner) {
    if ("protocol" in a)
      return conflict(
        "PROTOCOL_CHANGED",
        "The protocol version of the Delta table has been changed by a concurrent update.",
      );
    if ("metaData" in a)
      return conflict(
        "METADATA_CHANGED",
        "The metadata of the Delta table has been changed by a concurrent update.",
      );
  }
  const added: AddFile[] = [];
  for (const a of winner) if ("add" in a && a.add.dataChange) added.push(a.add);
  const blind = isBlindAppend(winner);
  if (ours.changesMetadata && added.length > 0) {
    return conflict(
      "METADATA_CHANGED",
      "Files were added by a concurrent update while this transaction changed the table's metadata.",
    );
  }
  if (!blind && added.length > 0) {
    const seen = added.find(
      (f) => ours.readWholeTable || (ours.readPartitions?.(f.partitionValues) ?? false),
    );
    if (seen !== undefined) {
      return conflict(
        "CONCURRENT_APPEND",
        `Files were added to the data this transaction read by a concurrent update (${seen.path}).`,
      );
    }
  }
  for (const a of winner) {
    // Every remove counts, dataChange or not: a file compacted away by OPTIMIZE must not be
    // rewritten by a delete that read it (delta-spark's checker does the same).
    if (!("remove" in a)) continue;
    const path = a.remove.path;
    if (ours.removedFiles.has(path))
      return conflict(
        "CONCURRENT_DELETE_DELETE",
        `This transaction attempted to delete file ${path}, which was deleted by a concurrent update.`,
      );
    if (ours.readFiles.has(path) || ours.readWholeTable) {
      return conflict(
        "CONCURRENT_DELETE_READ",
        `This transaction attempted to read file ${path}, which was deleted by a concurrent update.`,
      );
    }
  }
  for (const a of winner) {
    if ("txn" in a && ours.appIds.includes(a.txn.appId)) {
      return conflict(
        "CONCURRENT_TRANSACTION",
        `A concurrent write committed for application id ${a.txn.appId}.`,
      );
    }
  }
  return undefined;
}
