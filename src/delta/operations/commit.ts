/**
 * Commits an operation's actions, turning a conflict into delta-spark's concurrent
 * modification errors (naming the winning version), removing the data files the failed
 * attempt wrote, and checkpointing when the new version calls for it.
 */
import { DeltaError, type ErrorCode } from "../../errors.js";
import type { Action } from "../actions/types.js";
import { checkpointInterval, writeCheckpoint } from "../checkpoint/checkpointer.js";
import type { DeltaTableEngine } from "../table-engine.js";
import type { Conflict } from "../transaction/conflict.js";
import { type CommitOptions, Transaction } from "../transaction/transaction.js";

const EXCEPTIONS: Readonly<Record<Conflict["kind"], [code: ErrorCode, name: string]>> = {
  PROTOCOL_CHANGED: ["DELTA_PROTOCOL_CHANGED", "ProtocolChangedException"],
  METADATA_CHANGED: ["DELTA_METADATA_CHANGED", "MetadataChangedException"],
  CONCURRENT_APPEND: ["DELTA_CONCURRENT_APPEND", "ConcurrentAppendException"],
  CONCURRENT_DELETE_READ: ["DELTA_CONCURRENT_DELETE_READ", "ConcurrentDeleteReadException"],
  CONCURRENT_DELETE_DELETE: ["DELTA_CONCURRENT_DELETE_DELETE", "ConcurrentDeleteDeleteException"],
  CONCURRENT_TRANSACTION: ["DELTA_CONCURRENT_TRANSACTION", "ConcurrentTransactionException"],
};

export function concurrentModification(tablePath: string, conflict: Conflict): DeltaError {
  const [code, name] = EXCEPTIONS[conflict.kind];
  return new DeltaError(
    code,
    `${name}: ${conflict.detail} Conflicting commit: version ${conflict.winningVersion}.`,
    {
      hint: "Another writer changed the table first. Retry the operation; it will run against the new version.",
      context: {
        path: tablePath,
        winningVersion: conflict.winningVersion,
        conflict: conflict.kind,
      },
    },
  );
}

export interface OperationCommit extends CommitOptions {
  readonly configuration: Readonly<Record<string, string>>;
}

/** Commits; on a conflict deletes `writtenFiles` and throws. Returns the committed version. */
export async function commitOrThrow(
  engine: DeltaTableEngine,
  tablePath: string,
  readVersion: number,
  actions: readonly Action[],
  writtenFiles: readonly string[],
  options: OperationCommit,
): Promise<number> {
  const txn = new Transaction(engine.delta, tablePath, readVersion);
  let result: Awaited<ReturnType<Transaction["commit"]>>;
  try {
    result = await txn.commit(actions, options);
  } catch (e) {
    await engine.delta.storage.delete(writtenFiles);
    throw e;
  }
  if (result.kind === "conflict") {
    await engine.delta.storage.delete(writtenFiles);
    throw concurrentModification(tablePath, result.conflict);
  }
  if (result.version > 0 && result.version % checkpointInterval(options.configuration) === 0) {
    try {
      await writeCheckpoint(engine.delta, tablePath, result.version);
    } catch (e) {
      // The commit stands; a missing checkpoint only makes later reads replay more commits.
      process.emitWarning(
        `Delta checkpoint of ${tablePath} at version ${result.version} failed: ${e instanceof Error ? e.message : String(e)}`,
        { code: "DELTA_CHECKPOINT_FAILED" },
      );
    }
  }
  return result.version;
}
