/**
 * V2 checkpoints (PROTOCOL.md "V2 Checkpoint"), written for tables with the `v2Checkpoint`
 * feature, laid out as delta-spark 4.0 writes them by default: a UUID-named JSON checkpoint
 * (`n.checkpoint.<uuid>.json`) that starts with `checkpointMetadata` and holds the non-file
 * actions, plus one Parquet sidecar in `_delta_log/_sidecars/` with the `add`/`remove`
 * actions, which the JSON names in a `sidecar` action. `_last_checkpoint` carries the
 * `v2Checkpoint` summary so readers can skip the top-level file.
 */
import { randomUUID } from "node:crypto";
import { joinLocation } from "../../storage/location.js";
import type { Action } from "../actions/types.js";
import type { DeltaEngine } from "../engine.js";
import { logDir } from "../log/files.js";

/** The `_sidecars` folder of a table's log. */
export function sidecarDir(tablePath: string): string {
  return joinLocation(logDir(tablePath), "_sidecars");
}

/** `00000000000000000010.checkpoint.<uuid>.json` */
export function v2CheckpointName(version: number, uuid: string): string {
  return `${String(version).padStart(20, "0")}.checkpoint.${uuid}.json`;
}

function isFileAction(a: Action): boolean {
  return "add" in a || "remove" in a;
}

export interface WrittenV2Checkpoint {
  /** The `_last_checkpoint` content. */
  readonly last: Record<string, unknown>;
}

/** Writes the v2 checkpoint of `version` made of `actions` (non-file and file actions). */
export async function writeV2Checkpoint(
  engine: DeltaEngine,
  tablePath: string,
  version: number,
  actions: readonly Action[],
): Promise<WrittenV2Checkpoint> {
  const files = actions.filter(isFileAction);
  const nonFile: Record<string, unknown>[] = [
    ...actions.filter((a) => !isFileAction(a)),
    { checkpointMetadata: { version } },
  ];
  const sidecars: Record<string, unknown>[] = [];
  if (files.length > 0) {
    const name = `${randomUUID()}.parquet`;
    const location = joinLocation(sidecarDir(tablePath), name);
    const { sizeInBytes } = await engine.writeCheckpoint(location, files);
    const written = await engine.storage.stat(location);
    sidecars.push({
      path: name,
      sizeInBytes,
      modificationTime: written?.modificationTime ?? Date.now(),
    });
  }
  // checkpointMetadata first, as delta-spark writes it; then the sidecars, then the rest.
  const lines = [
    { checkpointMetadata: { version } },
    ...sidecars.map((sidecar) => ({ sidecar })),
    ...nonFile.filter((a) => !("checkpointMetadata" in a)),
  ];
  const name = v2CheckpointName(version, randomUUID());
  const location = joinLocation(logDir(tablePath), name);
  const body = `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;
  await engine.storage.put(location, body);
  const written = await engine.storage.stat(location);
  return {
    last: {
      version,
      size: lines.length + files.length,
      sizeInBytes:
        Buffer.byteLength(body) + sidecars.reduce((n, s) => n + Number(s.sizeInBytes), 0),
      numOfAddFiles: files.filter((a) => "add" in a).length,
      v2Checkpoint: {
        path: name,
        sizeInBytes: Buffer.byteLength(body),
        modificationTime: written?.modificationTime ?? Date.now(),
        nonFileActions: nonFile,
        sidecarFiles: sidecars,
      },
    },
  };
}
