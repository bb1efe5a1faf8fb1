/**
 * Local file system storage. `putIfAbsent` writes a temporary file and hard-links it to the
 * target: `link` fails if the target exists, atomically, which a rename would not (a rename
 * silently replaces). Readers never see a partially written file.
 */
import { randomUUID } from "node:crypto";
import {
  link,
  mkdir,
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
import { type FileEntry, FileExistsError, type Storage } from "./storage.js";

function isCode(e: unknown, code: string): boolean {
  return (
    typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === code
  );
}

async function writeTemp(path: string, data: Buffer | string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
  await writeFile(tmp, data);
  return tmp;
}

export class LocalStorage implements Storage {
  async list(dir: string): Promise<FileEntry[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (e) {
      if (isCode(e, "ENOENT")) return [];
      throw e;
    }
    names.sort();
    const out: FileEntry[] = [];
    for (const name of names) {
      const entry = await this.stat(join(dir, name));
      if (entry !== undefined && !entry.isDir) out.push(entry.file);
    }
    return out;
  }

  async listRecursive(dir: string): Promise<FileEntry[]> {
    const out: FileEntry[] = [];
    const walk = async (d: string): Promise<void> => {
      let entries: import("node:fs").Dirent[];
      try {
        entries = await readdir(d, { withFileTypes: true });
      } catch (e) {
        if (isCode(e, "ENOENT")) return;
        throw e;
      }
      for (const entry of entries) {
        const full = join(d, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile()) {
          const s = await this.stat(full);
          if (s !== undefined) out.push(s.file);
        }
      }
    };
    await walk(dir);
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async read(path: string): Promise<Buffer> {
    return readFile(path);
  }

  async readIfExists(path: string): Promise<Buffer | undefined> {
    try {
      return await readFile(path);
    } catch (e) {
      if (isCode(e, "ENOENT")) return undefined;
      throw e;
    }
  }

  async putIfAbsent(path: string, data: Buffer | string): Promise<void> {
    const tmp = await writeTemp(path, data);
    try {
      await link(tmp, path);
    } catch (e) {
      if (isCode(e, "EEXIST")) throw new FileExistsError(path);
      throw e;
    } finally {
      // The temporary file is ours alone; failing to remove it leaves a hidden file behind,
      // which readers ignore, so it must not mask the commit's own outcome.
      await unlink(tmp).catch(() => undefined);
    }
  }

  async put(path: string, data: Buffer | string): Promise<void> {
    const tmp = await writeTemp(path, data);
    await rename(tmp, path);
  }

  async delete(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  async deleteEmptyDir(dir: string): Promise<boolean> {
    try {
      await rmdir(dir);
      return true;
    } catch (e) {
      if (
        isCode(e, "ENOENT") ||
        isCode(e, "ENOTEMPTY") ||
        isCode(e, "EEXIST") ||
        isCode(e, "ENOTDIR")
      )
        return false;
      throw e;
    }
  }

  async stat(path: string): Promise<(FileEntry & { isDir: boolean; file: FileEntry }) | undefined> {
    try {
      const s = await stat(path);
      const file: FileEntry = {
        path,
        name: basename(path),
        size: s.size,
        modificationTime: Math.floor(s.mtimeMs),
      };
      return { ...file, isDir: s.isDirectory(), file };
    } catch (e) {
      if (isCode(e, "ENOENT")) return undefined;
      throw e;
    }
  }
}
