/**
 * Storage: every byte the Delta kernel, the readers and the writers touch goes through this
 * interface, whatever the store (local disk, S3, or one a user plugs in). `storageFor` picks
 * an implementation by the location's scheme.
 *
 * Locations are strings: a plain local path (`lake/t`), a `file://` URL, or an object-store
 * URL (`s3://bucket/key`, `s3a://bucket/key`). An implementation answers in the spelling it
 * was asked in: listing `s3a://b/t` yields `s3a://b/t/...` entries, listing `lake/t` yields
 * `lake/t/...`, so callers can compare the locations they hold with the ones they list.
 *
 * The contract (the kernel's correctness rests on it; a new store must keep all of it):
 * - `list` is sorted by location (byte order of the UTF-8 text, as S3 lists keys) and, given
 *   `startAfter`, returns only what sorts after it, without listing what comes before when
 *   the store can avoid it (a big log is never listed whole to find the last commits);
 * - `putIfAbsent` writes the whole content atomically and, under concurrent writers, exactly
 *   one writer of a location gets `written`; the others get `exists`. When the store cannot
 *   tell whether this call's write landed (the connection dropped after the request was sent,
 *   and a retry then found the object), it answers `unknown`: the caller must read the object
 *   and recognise its own content. It never answers `exists` for its own write;
 * - `put` replaces atomically: readers see the old or the new content, never a part;
 * - `delete` is idempotent: deleting a missing location succeeds;
 * - reads of a missing object throw {@link StorageError} `STORAGE_NOT_FOUND`; `readIfExists`
 *   and `stat` answer undefined instead;
 * - transient failures (throttling, 5xx, timeouts) are retried inside the implementation with
 *   bounded backoff; the error after the last attempt says how many attempts were made.
 */
import type { StorageError } from "./errors.js";

/** One object (file) in a listing. Directories are never entries. */
export interface StorageEntry {
  /** Full location, in the spelling of the listed location. */
  readonly location: string;
  /** The last segment of the location (the file name). */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /** Last modification, in milliseconds since the epoch. */
  readonly modificationTime: number;
}

/** What `list` returns. */
export interface ListOptions {
  /** Everything below the location, not only its direct children. */
  readonly recursive?: boolean;
  /** Only entries whose location sorts after this one (a full location, as S3's StartAfter). */
  readonly startAfter?: string;
}

/** A byte range of an object: `length` bytes from `offset` (fewer at the end of the object). */
export interface ByteRange {
  readonly offset: number;
  readonly length: number;
}

/** The outcome of a put-if-absent: a lost race is an expected result, not an exception. */
export type PutIfAbsentResult =
  | { readonly status: "written" }
  | { readonly status: "exists" }
  /** The write may or may not have landed: read the object and compare (see the contract). */
  | { readonly status: "unknown"; readonly cause: StorageError };

/** Content to write. */
export type StorageData = string | Uint8Array;

/** A file system or object store, addressed by location. See the contract above. */
export interface Storage {
  /** Objects below `location` (read as a directory), sorted; empty when there are none. */
  list(location: string, options?: ListOptions): Promise<StorageEntry[]>;
  /** The whole object, or `range` of it. Throws `STORAGE_NOT_FOUND` when it does not exist. */
  read(location: string, range?: ByteRange): Promise<Buffer>;
  /** The whole object, or undefined when it does not exist. */
  readIfExists(location: string): Promise<Buffer | undefined>;
  /** Writes atomically, replacing any existing object (for `_last_checkpoint`, data files). */
  put(location: string, data: StorageData): Promise<void>;
  /** Writes atomically unless the object exists: what makes a Delta commit safe. */
  putIfAbsent(location: string, data: StorageData): Promise<PutIfAbsentResult>;
  /** Deletes every location given (batched where the store allows); missing ones are fine. */
  delete(locations: readonly string[]): Promise<void>;
  /** The object's entry, or undefined when there is no object (a directory is not one). */
  stat(location: string): Promise<StorageEntry | undefined>;
  /**
   * Removes `location` when it is an empty directory; resolves whether it did. Optional:
   * object stores have no directories (VACUUM uses it to remove emptied partition folders).
   */
  deleteEmptyDir?(location: string): Promise<boolean>;
}

/** Orders locations as S3 orders keys: by the bytes of their UTF-8 text. */
export function compareLocations(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
