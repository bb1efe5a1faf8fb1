/**
 * `add.path` is a URI: relative to the table root, percent-encoded. Directory names written
 * by the engine may already contain `%` (Hive-style escaping), which the URI encodes again
 * as `%25`; decoding once gives the file name on disk back.
 */
import { fileURLToPath } from "node:url";
import {
  isAbsoluteLocalPath,
  joinLocation,
  relativeLocation,
  schemeOf,
} from "../../storage/location.js";

const UNRESERVED = /[A-Za-z0-9\-._~=]/;

function encodeSegment(segment: string): string {
  let out = "";
  for (const ch of segment) {
    if (UNRESERVED.test(ch)) out += ch;
    else
      for (const b of Buffer.from(ch, "utf8"))
        out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** The `add.path` for a file below the table root. */
export function toAddPath(tablePath: string, filePath: string): string {
  return relativeLocation(tablePath, filePath).split("/").map(encodeSegment).join("/");
}

/**
 * The location of an `add.path` (relative, or an absolute URI): a local path for a local
 * table, an object-store URL for an object-store one.
 */
export function resolveAddPath(tablePath: string, addPath: string): string {
  if (addPath.startsWith("file:")) return fileURLToPath(addPath);
  // An absolute object-store URI names the object itself (keys are not percent-decoded).
  if (schemeOf(addPath) !== undefined) return addPath;
  let decoded: string;
  try {
    decoded = decodeURIComponent(addPath);
  } catch {
    // Some writers leave a bare `%` unencoded; such a path is already the file name.
    decoded = addPath;
  }
  if (schemeOf(tablePath) === undefined && isAbsoluteLocalPath(decoded)) return decoded;
  return joinLocation(tablePath, ...decoded.split("/"));
}
