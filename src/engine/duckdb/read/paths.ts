/**
 * Spark's input path rules: a path may be a file, a directory (every data file below it,
 * Hive-style `key=value` directories becoming partition columns) or a glob; files and
 * directories whose names start with `_` or `.` are skipped (`_SUCCESS`, `_delta_log`,
 * `.crc`). A path that matches nothing is an error naming it.
 */
import { type Dirent, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { globSync } from "tinyglobby";
import { InputError } from "../../../errors.js";
import { isObjectStoreLocation } from "../../../storage/location.js";
import type { Storage } from "../../../storage/storage.js";
import { expandObjectPaths } from "./object-paths.js";

export interface PathOptions {
  /** Spark's `recursiveFileLookup`: read every file below, with no partition discovery. */
  readonly recursive: boolean;
  /** Spark's `pathGlobFilter`: only file names matching this glob. */
  readonly globFilter: string | undefined;
}

export interface ExpandedPaths {
  readonly files: string[];
  /** True when some file sits below a `key=value` directory (partition discovery applies). */
  readonly hivePartitioned: boolean;
}

const hidden = (name: string): boolean => name.startsWith("_") || name.startsWith(".");
const GLOB = /[*?[{]/;

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (const ch of glob) {
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if ("\\^$.|+()[]{}".includes(ch)) re += `\\${ch}`;
    else re += ch;
  }
  return new RegExp(`^${re}$`);
}

function walk(dir: string, recursive: boolean, out: string[], hive: { found: boolean }): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new InputError("PATH_NOT_READABLE", `Cannot list directory ${dir}.`, {
      file: dir,
      cause: e,
    });
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (hidden(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!recursive && entry.name.includes("=")) hive.found = true;
      walk(full, recursive, out, hive);
    } else if (entry.isFile()) out.push(full);
  }
}

/** Expands the user's paths into the data files to read. */
export function expandPaths(paths: readonly string[], options: PathOptions): ExpandedPaths {
  const files: string[] = [];
  const hive = { found: false };
  const filter = options.globFilter === undefined ? undefined : globToRegExp(options.globFilter);
  for (const raw of paths) {
    const path = resolve(raw);
    const matches = GLOB.test(raw)
      ? globSync(path, { absolute: true, onlyFiles: false, expandDirectories: false }).sort()
      : [path];
    const existing = matches.filter((m) => {
      try {
        statSync(m);
        return true;
      } catch {
        return false;
      }
    });
    if (existing.length === 0) {
      throw new InputError("PATH_NOT_FOUND", `Path does not exist: ${raw}`, {
        file: raw,
        hint: GLOB.test(raw)
          ? "The glob matched no file."
          : "Check the path, or the working directory it is relative to.",
      });
    }
    for (const m of existing) {
      if (statSync(m).isDirectory()) walk(m, options.recursive, files, hive);
      else files.push(m);
    }
  }
  const kept = filter === undefined ? files : files.filter((f) => filter.test(basename(f)));
  if (kept.length === 0) {
    throw new InputError("PATH_NOT_FOUND", `No data files found under ${paths.join(", ")}.`, {
      file: paths.join(", "),
      hint:
        options.globFilter === undefined
          ? "The directories are empty."
          : `No file name matches pathGlobFilter '${options.globFilter}'.`,
    });
  }
  return { files: [...new Set(kept)], hivePartitioned: hive.found && !options.recursive };
}

/**
 * Expands paths that may be object-store locations: those are listed through `storage`
 * (object-paths.ts), local ones as {@link expandPaths} does.
 */
export async function expandLocations(
  paths: readonly string[],
  options: PathOptions,
  storage: Storage | undefined,
): Promise<ExpandedPaths> {
  const remote = paths.filter(isObjectStoreLocation);
  if (remote.length === 0 || storage === undefined) return expandPaths(paths, options);
  const local = paths.filter((p) => !isObjectStoreLocation(p));
  const objects = await expandObjectPaths(remote, options, storage);
  if (local.length === 0) return objects;
  const files = expandPaths(local, options);
  return {
    files: [...files.files, ...objects.files],
    hivePartitioned: files.hivePartitioned || objects.hivePartitioned,
  };
}
