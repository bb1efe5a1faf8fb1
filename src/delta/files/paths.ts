/**
 * `add.path` is a URI: relative to the table root, percent-encoded. Directory names written
 * by the engine may already contain `%` (Hive-style escaping), which the URI encodes again
 * as `%25`; decoding once gives the file name on disk back.
 */
import { isAbsolute, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

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
  return relative(tablePath, filePath).split(sep).map(encodeSegment).join("/");
}

/** The file system path of an `add.path` (relative or absolute `file:` URI). */
export function resolveAddPath(tablePath: string, addPath: string): string {
  if (addPath.startsWith("file:")) return fileURLToPath(addPath);
  let decoded: string;
  try {
    decoded = decodeURIComponent(addPath);
  } catch {
    // Some writers leave a bare `%` unencoded; such a path is already the file name.
    decoded = addPath;
  }
  return isAbsolute(decoded) ? decoded : join(tablePath, ...decoded.split("/"));
}
