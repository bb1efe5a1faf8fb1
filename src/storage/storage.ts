/**
 * Storage: what the Delta kernel needs from a file system or object store. Implementations
 * keep these invariants (the kernel's correctness rests on them):
 * - `list` returns entries sorted by name;
 * - `putIfAbsent` writes the whole content atomically and fails with {@link FileExistsError}
 *   when the file exists, even under concurrent writers (this is what makes commits safe);
 * - `delete` is idempotent: deleting a missing file succeeds.
 */
export interface FileEntry {
  /** Full path (or key) of the file. */
  readonly path: string;
  /** Name within its directory. */
  readonly name: string;
  readonly size: number;
  /** Milliseconds since the epoch. */
  readonly modificationTime: number;
}

export interface Storage {
  /** Files directly inside `dir`, sorted by name; empty when `dir` does not exist. */
  list(dir: string): Promise<FileEntry[]>;
  /** Files below `dir`, recursively, sorted by path. */
  listRecursive(dir: string): Promise<FileEntry[]>;
  read(path: string): Promise<Buffer>;
  /** Reads a file, or undefined when it does not exist. */
  readIfExists(path: string): Promise<Buffer | undefined>;
  /** Writes atomically; throws FileExistsError when the file exists. */
  putIfAbsent(path: string, data: Buffer | string): Promise<void>;
  /** Writes atomically, replacing any existing file (for `_last_checkpoint`). */
  put(path: string, data: Buffer | string): Promise<void>;
  delete(path: string): Promise<void>;
  stat(path: string): Promise<FileEntry | undefined>;
  /**
   * Removes `dir` when it is an empty directory; resolves whether it did. Optional: object
   * stores have no directories (VACUUM uses it to remove emptied partition directories).
   */
  deleteEmptyDir?(dir: string): Promise<boolean>;
}

/** Thrown by putIfAbsent when the target exists: for a commit, another writer won. */
export class FileExistsError extends Error {
  readonly path: string;

  constructor(path: string) {
    super(`File already exists: ${path}`);
    this.name = "FileExistsError";
    this.path = path;
  }
}
