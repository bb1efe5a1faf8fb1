/**
 * Action reconciliation (PROTOCOL.md): the latest protocol and metadata win; a file is
 * identified by its path and deletion vector; an `add` replaces a tombstone and a `remove`
 * replaces an add; the latest `txn` per application wins.
 */
import type {
  Action,
  AddFile,
  DomainMetadata,
  Metadata,
  Protocol,
  RemoveFile,
  Txn,
} from "../actions/types.js";

export interface TableState {
  protocol: Protocol | undefined;
  metadata: Metadata | undefined;
  readonly files: Map<string, AddFile>;
  readonly tombstones: Map<string, RemoveFile>;
  readonly txns: Map<string, Txn>;
  readonly domains: Map<string, DomainMetadata>;
}

export function emptyState(): TableState {
  return {
    protocol: undefined,
    metadata: undefined,
    files: new Map(),
    tombstones: new Map(),
    txns: new Map(),
    domains: new Map(),
  };
}

/** The reconciliation key of a file action: its path plus its deletion vector's identity. */
export function fileKey(
  path: string,
  dv: { storageType: string; pathOrInlineDv: string; offset?: number } | null | undefined,
): string {
  return dv === null || dv === undefined
    ? path
    : `${path}\u0000${dv.storageType}${dv.pathOrInlineDv}${dv.offset ?? ""}`;
}

/** Applies actions, in log order, to a state. */
export function applyActions(state: TableState, actions: readonly Action[]): void {
  for (const a of actions) {
    if ("add" in a) {
      const key = fileKey(a.add.path, a.add.deletionVector);
      state.files.set(key, a.add);
      state.tombstones.delete(key);
    } else if ("remove" in a) {
      const key = fileKey(a.remove.path, a.remove.deletionVector);
      state.files.delete(key);
      state.tombstones.set(key, a.remove);
    } else if ("metaData" in a) state.metadata = a.metaData;
    else if ("protocol" in a) state.protocol = a.protocol;
    else if ("txn" in a) state.txns.set(a.txn.appId, a.txn);
    else if ("domainMetadata" in a) {
      if (a.domainMetadata.removed) state.domains.delete(a.domainMetadata.domain);
      else state.domains.set(a.domainMetadata.domain, a.domainMetadata);
    }
  }
}
