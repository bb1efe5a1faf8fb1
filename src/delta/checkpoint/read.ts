/**
 * Reading a checkpoint's actions, whatever its kind (PROTOCOL.md "Checkpoints"): classic and
 * multi-part Parquet, and V2 checkpoints: a UUID-named JSON or Parquet file (or a classic-named
 * one following the V2 spec) whose `sidecar` actions name Parquet files in
 * `_delta_log/_sidecars/` holding the file actions.
 */
import { joinLocation } from "../../storage/location.js";
import { parseCommit } from "../actions/codec.js";
import type { Action } from "../actions/types.js";
import type { DeltaEngine } from "../engine.js";
import { logDir } from "../log/files.js";

/** The sidecar file names (or absolute locations) a checkpoint's actions list. */
function sidecars(actions: readonly Action[]): string[] {
  const out: string[] = [];
  for (const a of actions) {
    // Parquet rows come as `{ sidecar }`; JSON lines the codec does not know as `{ unknown }`.
    const raw = a as Record<string, unknown>;
    const holder = ("unknown" in a ? (raw.unknown as Record<string, unknown>) : raw) as Record<
      string,
      unknown
    >;
    const sidecar = holder.sidecar as { path?: unknown } | undefined;
    if (sidecar !== undefined && typeof sidecar.path === "string") out.push(sidecar.path);
  }
  return out;
}

/** Every action of the checkpoint made of `paths`, sidecars included. */
export async function readCheckpointActions(
  engine: DeltaEngine,
  tablePath: string,
  paths: readonly string[],
): Promise<Action[]> {
  const first = paths[0] ?? "";
  const actions =
    paths.length === 1 && first.endsWith(".json")
      ? parseCommit((await engine.storage.read(first)).toString("utf8"), first)
      : await engine.readCheckpoint(paths);
  const names = sidecars(actions);
  if (names.length === 0) return actions;
  const dir = joinLocation(logDir(tablePath), "_sidecars");
  const locations = names.map((n) =>
    /^[a-z][a-z0-9+.-]*:/i.test(n) || n.startsWith("/")
      ? n
      : joinLocation(dir, decodeURIComponent(n)),
  );
  return [...actions, ...(await engine.readCheckpoint(locations))];
}
