/**
 * Format detection (detect-format.ts) for object-store locations, through `Storage`: an
 * object is detected from its name and first bytes (one range read); a prefix with a
 * `_delta_log` is Delta; another prefix or glob is detected from a sample of its data objects.
 */
import { expandObjectPaths } from "../engine/duckdb/read/object-paths.js";
import { joinLocation } from "../storage/location.js";
import type { Storage } from "../storage/storage.js";
import { CliError } from "./cli-error.js";
import { agree, type Detection, detectBytes, SAMPLE, SNIFF_BYTES } from "./detect-format.js";

async function detectObject(storage: Storage, location: string): Promise<Detection> {
  return detectBytes(location, await storage.read(location, { offset: 0, length: SNIFF_BYTES }));
}

/** The format of an object, prefix or glob in an object store. */
export async function detectObjectFormat(storage: Storage, location: string): Promise<Detection> {
  if ((await storage.stat(location)) !== undefined) return detectObject(storage, location);
  const log = await storage.list(joinLocation(location, "_delta_log"));
  if (log.length > 0) return { format: "delta", tabSeparated: false, jsonArray: false };
  let files: string[];
  try {
    files = (
      await expandObjectPaths([location], { recursive: true, globFilter: undefined }, storage)
    ).files;
  } catch (e) {
    throw new CliError("CLI_PATH_NOT_FOUND", `No object or prefix ${location}.`, {
      cause: e,
      hint: "Check the bucket and the key (object stores have no empty directories).",
      context: { path: location },
    });
  }
  const sample = files.filter((f) => !f.endsWith(".crc")).slice(0, SAMPLE);
  const detections: Detection[] = [];
  for (const f of sample) detections.push(await detectObject(storage, f));
  return agree(location, detections);
}

/** The bytes of the data objects a location names (for progress); undefined when unknown. */
export async function objectDatasetBytes(
  storage: Storage,
  location: string,
): Promise<number | undefined> {
  try {
    const found = await storage.stat(location);
    if (found !== undefined) return found.size;
    const all = await storage.list(location, { recursive: true });
    return all.reduce((n, e) => n + e.size, 0);
  } catch {
    // Only a progress detail: the read itself reports a location it cannot list.
    return undefined;
  }
}
