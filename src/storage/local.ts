/**
 * Local file system storage, for plain paths and `file://` URLs. `putIfAbsent` writes a
 * temporary file and hard-links it to the target: `link` fails if the target exists,
 * atomically, which a rename would not (a rename silently replaces). Readers never see a
 * partially written file.
 */
import { randomUUID } from "node:crypto";
import type { Dirent } from "node:fs";
import {
  link,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
  writeFile,
} from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { notFound } from "./errors.js";
import { parseLocation } from "./location.js";
import {
  type ByteRange,
  compareLocations,
  type ListOptions,
  type PutIfAbsentResult,
  type Storage,
  type StorageData,
  type StorageEntry,
} from "./storage.js";

function isCode(e: unknown, code: string): boolean {
  return (
    typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === code
  );
}

/** A local location: the path to use, and how to spell the paths below it. */
interface Local {
  readonly path: string;
  readonly spell: (path: string) => string;
}

function local(location: string): Local {
  const parsed = parseLocation(location);
  if (parsed.kind !== "local") throw new TypeError(`LocalStorage given ${location}`);
  return { path: parsed.path, spell: parsed.url ? (p) => pathToFileURL(p).href : (p) => p };
}

async function writeTemp(path: string, data: StorageData): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  await writeFile(tmp, data);
  return tmp;
}

async function readDir(path: string): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch (e) {
    if (isCode(e, "ENOENT") || isCode(e, "ENOTDIR")) return [];
    throw e;
  }
}

/** How many `stat` calls a listing has in flight at once. */
const STAT_CONCURRENCY = 64;

async function entryOf(path: string, location: string): Promise<StorageEntry | undefined> {
  try {
    const s = await stat(path);
    if (!s.isFile()) return undefined;
    return {
      location,
      name: basename(path),
      size: s.size,
      modificationTime: Math.floor(s.mtimeMs),
    };
  } catch (e) {
    // A file deleted between the listing and the stat is simply not there any more.
    if (isCode(e, "ENOENT")) return undefined;
    throw e;
  }
}

/** The {@link Storage} of the local file system (plain paths and `file://` URLs). */
export class LocalStorage implements Storage {
  async list(location: string, options: ListOptions = {}): Promise<StorageEntry[]> {
    const { path, spell } = local(location);
    const out: StorageEntry[] = [];
    const walk = async (dir: string): Promise<void> => {
      const files: string[] = [];
      for (const d of await readDir(dir)) {
        const full = join(dir, d.name);
        if (!d.isDirectory()) files.push(full);
        else if (options.recursive === true) await walk(full);
      }
      // The stats of a directory in parallel, a bounded number at a time: one after another,
      // a directory of 1,000 files (a stream's landing folder) took a quarter of a second.
      for (let i = 0; i < files.length; i += STAT_CONCURRENCY) {
        const batch = files.slice(i, i + STAT_CONCURRENCY);
        for (const entry of await Promise.all(batch.map((f) => entryOf(f, spell(f))))) {
          if (entry !== undefined) out.push(entry);
        }
      }
    };
    await walk(path);
    const after = options.startAfter;
    const kept =
      after === undefined ? out : out.filter((e) => compareLocations(e.location, after) > 0);
    return kept.sort((a, b) => compareLocations(a.location, b.location));
  }

  async read(location: string, range?: ByteRange): Promise<Buffer> {
    const { path } = local(location);
    try {
      if (range === undefined) return await readFile(path);
      const handle = await open(path, "r");
      try {
        const buffer = Buffer.alloc(range.length);
        const { bytesRead } = await handle.read(buffer, 0, range.length, range.offset);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    } catch (e) {
      if (isCode(e, "ENOENT")) throw notFound("read", location, e);
      throw e;
    }
  }

  async readIfExists(location: string): Promise<Buffer | undefined> {
    try {
      return await readFile(local(location).path);
    } catch (e) {
      if (isCode(e, "ENOENT")) return undefined;
      throw e;
    }
  }

  async putIfAbsent(location: string, data: StorageData): Promise<PutIfAbsentResult> {
    const { path } = local(location);
    const tmp = await writeTemp(path, data);
    try {
      await link(tmp, path);
      return { status: "written" };
    } catch (e) {
      if (isCode(e, "EEXIST")) return { status: "exists" };
      throw e;
    } finally {
      // The temporary file is ours alone; failing to remove it leaves a hidden file behind,
      // which readers ignore, so it must not mask the commit's own outcome.
      await unlink(tmp).catch(() => undefined);
    }
  }

  async put(location: string, data: StorageData): Promise<void> {
    const { path } = local(location);
    const tmp = await writeTemp(path, data);
    await rename(tmp, path);
  }

  async delete(locations: readonly string[]): Promise<void> {
    await Promise.all(locations.map((l) => rm(local(l).path, { force: true })));
  }

  async deleteEmptyDir(location: string): Promise<boolean> {
    try {
      await rmdir(local(location).path);
      return true;
    } catch (e) {
      if (["ENOENT", "ENOTEMPTY", "EEXIST", "ENOTDIR"].some((c) => isCode(e, c))) return false;
      throw e;
    }
  }

  async stat(location: string): Promise<StorageEntry | undefined> {
    return entryOf(local(location).path, location);
  }
}
