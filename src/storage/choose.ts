/**
 * The storage for a location, by its scheme: plain paths and `file://` go to the local file
 * system; `s3://` and `s3a://` (Hadoop's spelling of the same store) go to S3.
 */
import type { Env } from "../config/env.js";
import { LocalStorage } from "./local.js";
import { parseLocation } from "./location.js";
import type { S3Settings } from "./s3/config.js";
import { S3Storage } from "./s3/s3-storage.js";
import type { Storage } from "./storage.js";

/**
 * Picks the storage for `location`.
 *
 * @example
 * ```ts
 * const storage = storageFor("s3a://lake/flights", {
 *   "spark.hadoop.fs.s3a.endpoint": "http://127.0.0.1:9000",
 *   "spark.hadoop.fs.s3a.path.style.access": "true",
 * });
 * ```
 * @throws StorageError `STORAGE_UNSUPPORTED_SCHEME` for any other scheme.
 */
export function storageFor(location: string, settings: S3Settings = {}, env?: Env): Storage {
  const parsed = parseLocation(location);
  return parsed.kind === "local" ? new LocalStorage() : new S3Storage(settings, env);
}
