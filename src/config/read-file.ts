/**
 * The one place this folder touches the file system. A file the user named must exist; a
 * file looked for in a default location may be absent (then `undefined`).
 */
import { readFile, stat } from "node:fs/promises";
import { ConfigError } from "../errors.js";

function errorCode(e: unknown): string | undefined {
  return e instanceof Error && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

/**
 * Reads a UTF-8 configuration file. `what` names it in messages ("properties file").
 *
 * @example
 * ```ts
 * const text = await readConfigFile("/etc/spark/conf/spark-defaults.conf", false, "properties file");
 * if (text === undefined) console.log("no defaults file");
 * ```
 * @throws ConfigError `CONFIG_FILE_NOT_FOUND` / `CONFIG_FILE_NOT_A_FILE` for an explicit path
 *   that is missing or is not a regular file; `CONFIG_FILE_UNREADABLE` when reading fails.
 */
export async function readConfigFile(
  path: string,
  explicit: boolean,
  what: string,
): Promise<string | undefined> {
  let isFile: boolean;
  try {
    isFile = (await stat(path)).isFile();
  } catch (e) {
    const code = errorCode(e);
    if (code !== "ENOENT" && code !== "ENOTDIR") throw unreadable(path, what, e);
    if (!explicit) return undefined;
    throw new ConfigError("CONFIG_FILE_NOT_FOUND", `The ${what} ${path} does not exist.`, {
      hint: "Check the path, or leave it out to use the default location.",
      context: { file: path },
      cause: e,
    });
  }
  if (!isFile) {
    // Spark looks only for a regular file at the default location; anything else is "none".
    if (!explicit) return undefined;
    throw new ConfigError("CONFIG_FILE_NOT_A_FILE", `The ${what} ${path} is not a regular file.`, {
      hint: "Point to the file itself, not to its directory.",
      context: { file: path },
    });
  }
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    throw unreadable(path, what, e);
  }
}

function unreadable(path: string, what: string, cause: unknown): ConfigError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ConfigError("CONFIG_FILE_UNREADABLE", `Cannot read the ${what} ${path}: ${reason}`, {
    hint: "Check that the file exists and that this user may read it.",
    context: { file: path },
    cause,
  });
}
