/**
 * Paths a user gives on the client, as a Spark server on the same machine must see them. A
 * relative path sent as is resolves against the *server's* working directory (where it was
 * started), not the user's: a spark-submit user expects local mode to read and write where
 * they stand. So when the server runs on this machine (a loopback host), a path with no URI
 * scheme becomes an absolute `file:` URI resolved here. On a remote cluster a path is the
 * cluster's to resolve (against its default file system, often HDFS) and is sent as given.
 */
import { isAbsolute, resolve } from "node:path";

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
/**
 * `path` as a server on this machine should read it.
 *
 * @example
 * ```ts
 * localFileUri("lake/t", "/home/me"); // "file:/home/me/lake/t"
 * localFileUri("/data/*.csv");       // "file:/data/*.csv"
 * localFileUri("s3a://bucket/t");    // "s3a://bucket/t"
 * ```
 */
export function localFileUri(path: string, cwd: string = process.cwd()): string {
  // A Windows drive letter (C:\...) is not a scheme.
  if (SCHEME.test(path) && !/^[a-zA-Z]:[\\/]/.test(path)) return path;
  return `file:${isAbsolute(path) ? path : resolve(cwd, path)}`;
}
