/**
 * A commit whose put-if-absent answers "unknown" (the write may have landed) recognises its
 * own entry by txnId instead of treating it as a lost race, and retries when nothing landed.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DeltaEngine } from "../../../src/delta/engine.js";
import { footprint } from "../../../src/delta/operations/common.js";
import { Transaction } from "../../../src/delta/transaction/transaction.js";
import { LocalStorage, type PutIfAbsentResult, StorageError } from "../../../src/index.js";

/** LocalStorage whose first put-if-absent reports "unknown", after writing or not. */
class FlakyStorage extends LocalStorage {
  constructor(private readonly writeFirst: boolean) {
    super();
  }
  private first = true;
  override async putIfAbsent(
    location: string,
    data: string | Uint8Array,
  ): Promise<PutIfAbsentResult> {
    if (!this.first) return super.putIfAbsent(location, data);
    this.first = false;
    if (this.writeFirst) await super.putIfAbsent(location, data);
    return { status: "unknown", cause: new StorageError("STORAGE_AMBIGUOUS_WRITE", "dropped") };
  }
}

const engine = (storage: LocalStorage): DeltaEngine => ({
  storage,
  readCheckpoint: async () => [],
  writeCheckpoint: async () => ({ sizeInBytes: 0 }),
});
const options = {
  operation: "WRITE",
  operationParameters: {},
  isBlindAppend: true,
  footprint: footprint({}),
};

describe("Transaction after an ambiguous put", () => {
  it.each([true, false])(
    "commits version 0 once (the dropped write landed: %s)",
    async (landed) => {
      const table = await mkdtemp(join(tmpdir(), "ambiguous-"));
      const storage = new FlakyStorage(landed);
      const result = await new Transaction(engine(storage), table, -1).commit([], options);
      expect(result).toMatchObject({ kind: "committed", version: 0 });
      const log = await new LocalStorage().list(join(table, "_delta_log"));
      expect(log.map((e) => e.name)).toEqual(["00000000000000000000.json"]);
    },
  );
});
