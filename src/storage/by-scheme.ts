/**
 * One `Storage` for every location a session touches: each call goes to the store of its
 * location's scheme (local files, or S3 with the session's `spark.hadoop.fs.s3a.*` settings),
 * so a kernel given this storage reads a local table and an s3:// table alike.
 */
import type { Env } from "../config/env.js";
import { LocalStorage } from "./local.js";
import { parseLocation } from "./location.js";
import type { S3Settings } from "./s3/config.js";
import { S3Storage } from "./s3/s3-storage.js";
import type {
  ByteRange,
  ListOptions,
  PutIfAbsentResult,
  Storage,
  StorageData,
  StorageEntry,
} from "./storage.js";

/** Routes each call by the scheme of its location. */
export class SchemeStorage implements Storage {
  readonly #local = new LocalStorage();
  #s3: S3Storage | undefined;
  #settings: S3Settings;
  readonly #env: Env | undefined;

  constructor(settings: S3Settings = {}, env?: Env) {
    this.#settings = settings;
    this.#env = env;
  }

  /** New settings (a changed `spark.hadoop.fs.s3a.*` key): S3 clients are made anew. */
  update(settings: S3Settings): void {
    this.#settings = settings;
    this.#s3 = undefined;
  }

  #for(location: string): Storage {
    if (parseLocation(location).kind === "local") return this.#local;
    this.#s3 ??= new S3Storage(this.#settings, this.#env);
    return this.#s3;
  }

  list(location: string, options?: ListOptions): Promise<StorageEntry[]> {
    return this.#for(location).list(location, options);
  }

  read(location: string, range?: ByteRange): Promise<Buffer> {
    return this.#for(location).read(location, range);
  }

  readIfExists(location: string): Promise<Buffer | undefined> {
    return this.#for(location).readIfExists(location);
  }

  put(location: string, data: StorageData): Promise<void> {
    return this.#for(location).put(location, data);
  }

  putIfAbsent(location: string, data: StorageData): Promise<PutIfAbsentResult> {
    return this.#for(location).putIfAbsent(location, data);
  }

  async delete(locations: readonly string[]): Promise<void> {
    const local = locations.filter((l) => parseLocation(l).kind === "local");
    const remote = locations.filter((l) => parseLocation(l).kind !== "local");
    if (local.length > 0) await this.#local.delete(local);
    if (remote.length > 0) await this.#for(remote[0] ?? "").delete(remote);
  }

  stat(location: string): Promise<StorageEntry | undefined> {
    return this.#for(location).stat(location);
  }

  async deleteEmptyDir(location: string): Promise<boolean> {
    const store = this.#for(location);
    return store.deleteEmptyDir === undefined ? false : store.deleteEmptyDir(location);
  }
}
