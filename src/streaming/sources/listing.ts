/**
 * The files a file source sees: everything below its directory (or below the fixed part of
 * a glob), through the `Storage` interface so `s3://` sources list the same way. As in
 * Spark, names starting with `_` or `.` are skipped at any level (`_SUCCESS`, `.crc`,
 * `_delta_log`), and `pathGlobFilter` matches the file name only. Files in subdirectories
 * are read only with `recursiveFileLookup` (as plain files): Spark would discover partition
 * columns from `key=value` directories, which this source does not do, so it refuses them
 * rather than dropping the partition values.
 */
import type { Storage, StorageEntry } from "../../storage/storage.js";
import { StreamingError } from "../errors.js";

const GLOB = /[*?[{]/;

/** A glob as a regular expression over a whole location: `*` and `?` stop at `/`. */
export function globRegExp(glob: string): RegExp {
  let re = "";
  let inGroup = false;
  for (const ch of glob) {
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "{") {
      re += "(?:";
      inGroup = true;
    } else if (ch === "}" && inGroup) {
      re += ")";
      inGroup = false;
    } else if (ch === "," && inGroup) re += "|";
    else if ("\\^$.|+()[]{}".includes(ch)) re += `\\${ch}`;
    else re += ch;
  }
  return new RegExp(`^${re}$`);
}

export interface SourceListing {
  /** The directory listed. */
  readonly root: string;
  /** Matches whole locations when the path was a glob. */
  readonly pattern: RegExp | undefined;
  readonly nameFilter: RegExp | undefined;
  readonly recursive: boolean;
}

/** Splits a source path into the directory to list and the pattern below it. */
export function sourceListing(
  path: string,
  pathGlobFilter: string | undefined,
  recursive: boolean,
): SourceListing {
  const nameFilter = pathGlobFilter === undefined ? undefined : globRegExp(pathGlobFilter);
  const trimmed = path.replace(/\/+$/, "");
  if (!GLOB.test(trimmed)) return { root: trimmed, pattern: undefined, nameFilter, recursive };
  const segments = trimmed.split("/");
  const firstGlob = segments.findIndex((s) => GLOB.test(s));
  return {
    root: segments.slice(0, firstGlob).join("/"),
    pattern: globRegExp(trimmed),
    nameFilter,
    recursive: true,
  };
}

function hiddenBelow(root: string, location: string): boolean {
  return location
    .slice(root.length + 1)
    .split("/")
    .some((s) => s.startsWith("_") || s.startsWith("."));
}

/** The data files of the source, in storage order. */
export async function listSourceFiles(
  storage: Storage,
  listing: SourceListing,
): Promise<StorageEntry[]> {
  const entries = await storage.list(listing.root, { recursive: true });
  const files = entries.filter(
    (e) =>
      !hiddenBelow(listing.root, e.location) &&
      (listing.pattern === undefined || listing.pattern.test(e.location)) &&
      (listing.nameFilter === undefined || listing.nameFilter.test(e.name)),
  );
  const nested = listing.recursive
    ? undefined
    : files.find((e) => e.location.slice(listing.root.length + 1).includes("/"));
  if (nested !== undefined) {
    throw new StreamingError(
      "STREAMING_UNSUPPORTED_OPERATION",
      `The streaming file source ${listing.root} has files in subdirectories (${nested.location}); partition discovery is not supported on streaming file sources here.`,
      {
        hint: 'Set option("recursiveFileLookup", true) to read every file below as plain files, or point the stream at one directory of files.',
      },
    );
  }
  return files;
}
