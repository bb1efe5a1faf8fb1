/** Locations as a stream records them: local paths absolute (a restart may run elsewhere). */
import { resolve } from "node:path";
import { parseLocation } from "../storage/location.js";

/** A local plain path made absolute; URLs and object-store locations as they are. */
export function absoluteLocation(location: string): string {
  const parsed = parseLocation(location);
  return parsed.kind === "local" && !parsed.url ? resolve(parsed.path) : location;
}
