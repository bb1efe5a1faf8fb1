/**
 * Spark's input path rules (see paths.ts) for object-store locations, answered by listing
 * through `Storage`: a location is an object, a prefix read as a directory (every data object
 * below it; Hive-style `key=value` segments make partition columns), or a Hadoop glob (`*`,
 * `?`, `[...]`, `{a,b}` within one segment); names starting with `_` or `.` are skipped.
 */
import { InputError } from "../../../errors.js";
import { joinLocation, lastSegment, relativeLocation } from "../../../storage/location.js";
import type { Storage } from "../../../storage/storage.js";
import type { ExpandedPaths, PathOptions } from "./paths.js";

const hidden = (name: string): boolean => name.startsWith("_") || name.startsWith(".");
const GLOB = /[*?[{]/;

/** A Hadoop glob as a regular expression over a whole location (segments never cross `/`). */
export function hadoopGlob(glob: string): RegExp {
  let re = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] ?? "";
    if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else if (ch === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        const body = glob
          .slice(i + 1, end)
          .replace(/^\^/, "^")
          .replace(/\\/g, "\\\\");
        re += `[${body}]`;
        i = end;
      }
    } else if (ch === "{") {
      braces++;
      re += "(?:";
    } else if (ch === "}" && braces > 0) {
      braces--;
      re += ")";
    } else if (ch === "," && braces > 0) re += "|";
    else if (ch === "\\" && i + 1 < glob.length) {
      i++;
      re += `\\${glob[i]}`;
    } else if ("^$.|+()]}".includes(ch)) re += `\\${ch}`;
    else re += ch;
  }
  return new RegExp(`^${re}$`);
}

/** The part of a glob location before its first glob character, cut at a `/`. */
function globBase(location: string): string {
  const first = location.search(GLOB);
  return location.slice(0, location.lastIndexOf("/", first));
}

/** Files below `base` (read as a directory), skipping hidden names, with Hive detection. */
async function below(
  storage: Storage,
  base: string,
  recursive: boolean,
  hive: { found: boolean },
): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await storage.list(base, { recursive: true })) {
    const segments = relativeLocation(base, entry.location).split("/");
    if (segments.some(hidden)) continue;
    if (!recursive && segments.slice(0, -1).some((s) => s.includes("="))) hive.found = true;
    out.push(entry.location);
  }
  return out;
}

/** Expands object-store locations into the objects to read, as Spark expands paths. */
export async function expandObjectPaths(
  paths: readonly string[],
  options: PathOptions,
  storage: Storage,
): Promise<ExpandedPaths> {
  const files: string[] = [];
  const hive = { found: false };
  for (const raw of paths) {
    const found: string[] = [];
    if (GLOB.test(raw)) {
      // A match is an object, or a prefix whose objects are all read (as a directory is).
      const base = globBase(raw);
      const pattern = hadoopGlob(raw.replace(/\/+$/, ""));
      const matched = new Set<string>();
      for (const entry of await storage.list(base, { recursive: true })) {
        const segments = relativeLocation(base, entry.location).split("/");
        for (let n = 1; n <= segments.length; n++) {
          const candidate = joinLocation(base, ...segments.slice(0, n));
          if (!pattern.test(candidate)) continue;
          const rest = segments.slice(n - 1);
          if (rest.some(hidden)) break;
          if (!options.recursive && rest.slice(1, -1).some((s) => s.includes("=")))
            hive.found = true;
          matched.add(entry.location);
          break;
        }
      }
      found.push(...matched);
    } else if ((await storage.stat(raw)) !== undefined) found.push(raw);
    else found.push(...(await below(storage, raw.replace(/\/+$/, ""), options.recursive, hive)));
    if (found.length === 0) {
      throw new InputError("PATH_NOT_FOUND", `Path does not exist: ${raw}`, {
        file: raw,
        hint: GLOB.test(raw)
          ? "The glob matched no object."
          : "Check the bucket and the key (object stores have no directories: a prefix with no objects does not exist).",
      });
    }
    files.push(...found);
  }
  const filter = options.globFilter === undefined ? undefined : hadoopGlob(options.globFilter);
  const kept = filter === undefined ? files : files.filter((f) => filter.test(lastSegment(f)));
  if (kept.length === 0) {
    throw new InputError("PATH_NOT_FOUND", `No data files found under ${paths.join(", ")}.`, {
      file: paths.join(", "),
      hint: `No file name matches pathGlobFilter '${options.globFilter ?? ""}'.`,
    });
  }
  return { files: [...new Set(kept)], hivePartitioned: hive.found && !options.recursive };
}
