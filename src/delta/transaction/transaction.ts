/**
 * An optimistic transaction: collects actions against a read snapshot and commits them as
 * the next `_delta_log/%020d.json` with put-if-absent. When another writer wins the race, the
 * winners are checked for conflicts; without one the commit is retried at the next version.
 * `commit()` returns a result: a conflict is data, not an exception.
 *
 * @example
 * ```ts
 * const txn = new Transaction(engine, tablePath, snapshot, { operation: "WRITE", ... });
 * const result = await txn.commit(actions);
 * if (result.kind === "conflict") throw concurrentModification(result);
 * ```
 */
import { randomUUID } from "node:crypto";
import { parseCommit, serializeCommit } from "../actions/codec.js";
import type { Action, CommitInfo } from "../actions/types.js";
import type { DeltaEngine } from "../engine.js";
import { commitPath } from "../log/files.js";
import { buildLogSegment } from "../log/segment.js";
import { type Conflict, findConflict, type TransactionFootprint } from "./conflict.js";

export const ENGINE_INFO = "tributary/0.1.0";

export interface CommitOptions {
  readonly operation: string;
  readonly operationParameters: Readonly<Record<string, unknown>>;
  readonly operationMetrics?: Readonly<Record<string, string>>;
  readonly userMetadata?: string;
  readonly isBlindAppend: boolean;
  readonly footprint: TransactionFootprint;
  /** Attempts before giving up on a log that keeps moving (each attempt re-checks conflicts). */
  readonly maxAttempts?: number;
}

export type CommitResult =
  | { readonly kind: "committed"; readonly version: number; readonly attempts: number }
  | { readonly kind: "conflict"; readonly conflict: Conflict; readonly attemptedVersion: number };

export class Transaction {
  private readonly txnId = randomUUID();

  constructor(
    private readonly engine: DeltaEngine,
    private readonly tablePath: string,
    /** The version the transaction read; -1 when creating the table. */
    readonly readVersion: number,
  ) {}

  private commitInfo(options: CommitOptions): CommitInfo {
    return {
      timestamp: Date.now(),
      operation: options.operation,
      operationParameters: options.operationParameters,
      ...(this.readVersion >= 0 ? { readVersion: this.readVersion } : {}),
      isolationLevel: "WriteSerializable",
      isBlindAppend: options.isBlindAppend,
      ...(options.operationMetrics === undefined
        ? {}
        : { operationMetrics: options.operationMetrics }),
      ...(options.userMetadata === undefined ? {} : { userMetadata: options.userMetadata }),
      engineInfo: ENGINE_INFO,
      txnId: this.txnId,
    };
  }

  private isOwnCommit(text: string, path: string): boolean {
    return parseCommit(text, path).some(
      (a) => "commitInfo" in a && a.commitInfo.txnId === this.txnId,
    );
  }

  async commit(actions: readonly Action[], options: CommitOptions): Promise<CommitResult> {
    const body = [{ commitInfo: this.commitInfo(options) }, ...actions];
    const text = serializeCommit(body);
    let version = this.readVersion + 1;
    const maxAttempts = options.maxAttempts ?? 100;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const path = commitPath(this.tablePath, version);
      const put = await this.engine.storage.putIfAbsent(path, text);
      if (put.status === "written") return { kind: "committed", version, attempts: attempt };
      if (put.status === "unknown") {
        // The store could not say whether our write landed: the entry there (if any) is ours
        // exactly when it carries our txnId; absent, the same version is simply tried again.
        const found = await this.engine.storage.readIfExists(path);
        if (found === undefined) continue;
        if (this.isOwnCommit(found.toString("utf8"), path))
          return { kind: "committed", version, attempts: attempt };
      }
      if (this.readVersion < 0) {
        // Creating a table that someone else created meanwhile: their metadata wins.
        return {
          kind: "conflict",
          attemptedVersion: version,
          conflict: {
            kind: "METADATA_CHANGED",
            winningVersion: version,
            detail: "The table was created by a concurrent writer.",
          },
        };
      }
      const latest = (await buildLogSegment(this.engine.storage, this.tablePath)).version;
      for (let v = version; v <= latest; v++) {
        const winner = parseCommit(
          (await this.engine.storage.read(commitPath(this.tablePath, v))).toString("utf8"),
          commitPath(this.tablePath, v),
        );
        const conflict = findConflict(options.footprint, v, winner);
        if (conflict !== undefined)
          return { kind: "conflict", conflict, attemptedVersion: version };
      }
      version = latest + 1;
    }
    return {
      kind: "conflict",
      attemptedVersion: version,
      conflict: {
        kind: "CONCURRENT_APPEND",
        winningVersion: version - 1,
        detail: `Gave up after ${maxAttempts} attempts: the log kept moving.`,
      },
    };
  }
}
